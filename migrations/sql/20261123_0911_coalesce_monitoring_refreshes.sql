-- Monitoring refreshes coalesced per (unit, day): an action bumps its bucket's generation and
-- enqueues a refresh only when none is queued; the refresh clears `queued` only if the generation
-- it recomputed is still the latest (server/src/jobs/monitoring/refresh-day.ts). One job then covers
-- every action of a busy minute instead of one job per action.
create table monitoring_dirty (
  tenant_id uuid not null references tenants (id),
  day date not null,
  gen bigint not null default 1,
  queued boolean not null default true,
  primary key (tenant_id, day)
);
alter table monitoring_dirty enable row level security;
alter table monitoring_dirty force row level security;
create policy monitoring_dirty_tenant on monitoring_dirty for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
-- A desk receiving for another unit and a citizen's rating run in the system context.
create policy monitoring_dirty_system on monitoring_dirty for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on monitoring_dirty to motcua_ctx;
