-- Plans (the operator's price list), contracts (a unit on a plan for one contract year), usage
-- metering against the contracted quota (định mức) and the quota alerts. Seed 002 section V: an
-- annual lease plus "cước phát sinh do sử dụng dịch vụ vượt định mức theo hợp đồng".
--
-- Money is an integer number of đồng (bigint). Contract years are calendar dates in
-- Asia/Ho_Chi_Minh (type date); instants are timestamptz (UTC).

-- A plan is the name under which versions of a price are published.
create table plans (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  name text not null check (length(name) between 1 and 300),
  description text not null default '',
  status text not null default 'active' check (status in ('active', 'retired')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint plans_code_key unique (code)
);
alter table plans enable row level security;
alter table plans force row level security;
-- Staff of any unit may read the price list; operator, finance and the worker too.
create policy plans_tenant_read on plans for select to motcua_tenant
  using ((select nullif(current_setting('app.tenant_id', true), '')) is not null);
create policy plans_platform_read on plans for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy plans_platform_write on plans for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on plans to motcua_ctx;

-- A plan's terms as published. A change is a new version; a version is never edited, because
-- contracts (and, later, invoices) point at it. The runtime role may insert and read, never update.
create table plan_versions (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans (id),
  version integer not null check (version > 0),
  name text not null check (length(name) between 1 and 300),
  annual_fee bigint not null check (annual_fee >= 0),
  -- Dossiers included per contract year (the quota before proration and overrides).
  included_dossiers bigint not null check (included_dossiers >= 0),
  -- {"model":"flat","unitPrice":n} | {"model":"graduated","tiers":[{"upTo":n|null,"unitPrice":n}]};
  -- upTo counts dossiers over the quota. Shape checked by the application (billing/src/pricing).
  overage jsonb not null check (overage->>'model' in ('flat', 'graduated')),
  -- VAT in basis points (1000 = 10%). Default 0: IT-service VAT treatment is the province's call.
  vat_rate_bp integer not null default 0 check (vat_rate_bp between 0 and 10000),
  vat_note text not null default '',
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null default now(),
  created_by text,
  constraint plan_versions_plan_version_key unique (plan_id, version),
  constraint plan_versions_effective_range check (effective_to is null or effective_to > effective_from)
);
alter table plan_versions enable row level security;
alter table plan_versions force row level security;
create policy plan_versions_tenant_read on plan_versions for select to motcua_tenant
  using ((select nullif(current_setting('app.tenant_id', true), '')) is not null);
create policy plan_versions_platform_read on plan_versions for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy plan_versions_platform_append on plan_versions for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert on plan_versions to motcua_ctx;

-- A unit's contract (hợp đồng thuê dịch vụ) for one contract year starting on any date. Shorter
-- than a year, or ended early, prorates the lease fee and the quota by days.
create table contracts (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  plan_version_id uuid not null references plan_versions (id),
  start_date date not null,
  -- Inclusive; at most one contract year (365 or 366 days, checked exactly by the application;
  -- the constraint is the backstop).
  end_date date not null,
  -- Set when the contract is terminated early: the last day it covers (start_date - 1 when it
  -- never started). Proration and coverage use coalesce(ended_on, end_date).
  ended_on date,
  -- Overrides take effect only once finance approves them.
  quota_override bigint check (quota_override >= 0),
  price_override bigint check (price_override >= 0),
  override_approved_by text,
  override_approved_at timestamptz,
  -- The lease invoice is issued at the start, or in this many instalments.
  instalments smallint not null default 1 check (instalments between 1 and 12),
  status text not null default 'active' check (status in ('active', 'suspended', 'terminated')),
  status_reason text,
  renewed_from uuid,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, renewed_from) references contracts (tenant_id, id),
  constraint contracts_one_year check (end_date >= start_date and end_date - start_date < 366),
  constraint contracts_ended_on_range check (ended_on is null or (ended_on >= start_date - 1 and ended_on <= end_date)),
  constraint contracts_reason_when_not_active check (status = 'active' or length(status_reason) > 0),
  constraint contracts_approval_needs_override check (
    override_approved_by is null or quota_override is not null or price_override is not null)
);
create index contracts_tenant_dates_idx on contracts (tenant_id, start_date, end_date);
create index contracts_plan_version_idx on contracts (plan_version_id);
alter table contracts enable row level security;
alter table contracts force row level security;
-- A unit reads its own contracts (and the reception transaction checks them); it never writes them.
create policy contracts_tenant_read on contracts for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy contracts_platform_read on contracts for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy contracts_platform_write on contracts for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
-- Finance approves overrides: an update, nothing else.
create policy contracts_finance_approve on contracts for update to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'finance')
  with check ((select current_setting('app.platform_role', true)) = 'finance');
grant select, insert, update on contracts to motcua_ctx;

-- Where a contract's usage was invoiced up to. Written by the overage invoice (billing phase 2) when
-- it is issued; a usage event dated on or before closed_through is still recorded, flagged
-- period_closed, and goes to the next adjustment — an issued invoice is never rewritten.
create table usage_period_closures (
  tenant_id uuid not null references tenants (id),
  contract_id uuid not null,
  closed_through date not null,
  closed_at timestamptz not null default now(),
  closed_by text,
  -- The issued invoice that closed the period (billing phase 2 adds the foreign key).
  invoice_id uuid,
  primary key (tenant_id, contract_id, closed_through),
  foreign key (tenant_id, contract_id) references contracts (tenant_id, id)
);
alter table usage_period_closures enable row level security;
alter table usage_period_closures force row level security;
create policy usage_period_closures_tenant_read on usage_period_closures for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy usage_period_closures_platform on usage_period_closures for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert on usage_period_closures to motcua_ctx;

-- Metered usage. One row per idempotency key per unit: a repeated key is acknowledged and not
-- counted again. Append-only for the runtime role.
create table usage_events (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  contract_id uuid not null,
  metric text not null check (metric in ('dossier.received')),
  quantity integer not null check (quantity > 0),
  occurred_at timestamptz not null,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  source text not null check (source in ('reception', 'ingestion')),
  -- The dossier behind a reception event (the dossier issue adds the foreign key).
  dossier_id uuid,
  -- Recorded after its period was invoiced: billed by the next adjustment, not the issued invoice.
  period_closed boolean not null default false,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint usage_events_idempotency_key unique (tenant_id, idempotency_key),
  foreign key (tenant_id, contract_id) references contracts (tenant_id, id)
);
create index usage_events_contract_idx on usage_events (tenant_id, contract_id, occurred_at);
alter table usage_events enable row level security;
alter table usage_events force row level security;
create policy usage_events_tenant_read on usage_events for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy usage_events_tenant_append on usage_events for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy usage_events_platform_read on usage_events for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy usage_events_system_append on usage_events for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert on usage_events to motcua_ctx;

-- The running total per unit, contract and metric, bumped in the transaction that inserts the
-- events, so a quota check reads one row. `usage reconcile` proves it equals the events.
create table usage_counters (
  tenant_id uuid not null references tenants (id),
  contract_id uuid not null,
  metric text not null check (metric in ('dossier.received')),
  quantity bigint not null default 0 check (quantity >= 0),
  -- Of which recorded after the period closed (pending the next adjustment).
  closed_period_quantity bigint not null default 0 check (closed_period_quantity >= 0),
  event_count bigint not null default 0 check (event_count >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, contract_id, metric),
  foreign key (tenant_id, contract_id) references contracts (tenant_id, id)
);
alter table usage_counters enable row level security;
alter table usage_counters force row level security;
create policy usage_counters_tenant on usage_counters for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy usage_counters_platform_read on usage_counters for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy usage_counters_system on usage_counters for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on usage_counters to motcua_ctx;

-- 80% and 100% of the quota, each alerted once per contract (= contract year): the key says so.
create table quota_alerts (
  tenant_id uuid not null references tenants (id),
  contract_id uuid not null,
  threshold smallint not null check (threshold in (80, 100)),
  used bigint not null,
  quota bigint not null,
  sent_at timestamptz not null default now(),
  primary key (tenant_id, contract_id, threshold),
  foreign key (tenant_id, contract_id) references contracts (tenant_id, id)
);
alter table quota_alerts enable row level security;
alter table quota_alerts force row level security;
create policy quota_alerts_tenant on quota_alerts for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy quota_alerts_tenant_append on quota_alerts for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy quota_alerts_platform on quota_alerts for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert on quota_alerts to motcua_ctx;
