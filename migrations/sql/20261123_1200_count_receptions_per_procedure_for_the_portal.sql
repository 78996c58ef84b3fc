-- The portal's home lists the procedures citizens use most (issue 8): dossiers received per
-- procedure and local day (Asia/Ho_Chi_Minh), recomputed with the unit's monitoring bucket
-- (server/src/modules/monitoring/refresh.ts), never counted from the dossiers per request. Counts
-- only: no dossier, citizen or officer is named, and the public context reads them joined to
-- published procedures.
create table monitoring_procedure_days (
  tenant_id uuid not null references tenants (id),
  day date not null,
  procedure_id uuid not null,
  received integer not null check (received > 0),
  primary key (tenant_id, day, procedure_id),
  foreign key (tenant_id, procedure_id) references procedures (tenant_id, id)
);
alter table monitoring_procedure_days enable row level security;
alter table monitoring_procedure_days force row level security;
create policy monitoring_procedure_days_tenant on monitoring_procedure_days for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy monitoring_procedure_days_platform_read on monitoring_procedure_days for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy monitoring_procedure_days_public_read on monitoring_procedure_days for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public');
grant select, insert, delete on monitoring_procedure_days to motcua_ctx;

-- The popular list sums the last 90 days across units.
create index monitoring_procedure_days_day_idx on monitoring_procedure_days (day, tenant_id, procedure_id)
  include (received);

-- Backfill: the days already received, counted the way the recompute counts them.
insert into monitoring_procedure_days (tenant_id, day, procedure_id, received)
select tenant_id, (received_at at time zone 'Asia/Ho_Chi_Minh')::date, procedure_id, count(*)
  from dossiers
 where received_at is not null
 group by 1, 2, 3;
