-- Monitoring (seed 003, DOMAIN.md §7): per unit, officer and local day (Asia/Ho_Chi_Minh), the
-- figures leaders watch. Rows are recomputed from the raw data by the monitoring/refresh-day job
-- (server/src/modules/monitoring/refresh.ts), one (unit, day) bucket at a time, so a rerun gives the
-- same rows and the API never counts raw rows per request.
create table monitoring_days (
  tenant_id uuid not null references tenants (id),
  day date not null,
  -- '' = the unit's own total; else the acting officer, '<actor kind>:<actor id>'.
  officer text not null default '',
  received integer not null default 0,
  received_online integer not null default 0,
  -- Received with their papers as electronic files (số hóa hồ sơ at reception).
  received_digitized integer not null default 0,
  -- Resolved = returned to the applicant, judged against the due date.
  resolved integer not null default 0,
  early integer not null default 0,
  on_time integer not null default 0,
  late integer not null default 0,
  late_apologized integer not null default 0,
  approved integer not null default 0,
  rated integer not null default 0,
  very_satisfied integer not null default 0,
  satisfied integer not null default 0,
  unsatisfied integer not null default 0,
  computed_at timestamptz not null,
  primary key (tenant_id, day, officer)
);
alter table monitoring_days enable row level security;
alter table monitoring_days force row level security;
create policy monitoring_days_tenant on monitoring_days for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy monitoring_days_platform_read on monitoring_days for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert, delete on monitoring_days to motcua_ctx;

-- What the recompute reads, by unit and time (the dossiers' own indexes are by status and submission).
create index dossiers_tenant_received_idx on dossiers (tenant_id, received_at) where received_at is not null;
create index dossiers_tenant_returned_idx on dossiers (tenant_id, returned_at) where returned_at is not null;
create index dossier_events_tenant_monitored_idx on dossier_events (tenant_id, at)
  where action in ('receive', 'approve', 'return');
