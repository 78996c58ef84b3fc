-- Online payments through a VNPay-protocol gateway (protocol 2.1.0): the merchant accounts fees
-- are paid into, the payments and their append-only events. Money is whole đồng (bigint).

-- A gateway terminal (vnp_TmnCode) and its secret. Fees go to the unit that owns the procedure, so
-- each receiving unit has its own account; tenant_id null is the platform's own account, into which
-- units pay their lease and overage invoices. The secret is sealed (AES-256-GCM, see
-- server/src/modules/signing/key-vault.ts) and bound to the terminal code.
create table merchant_accounts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  tmn_code text not null check (tmn_code ~ '^[A-Za-z0-9]{1,20}$'),
  secret_sealed text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint merchant_accounts_tmn_code_key unique (tmn_code)
);
-- One active account per unit, and one for the platform.
create unique index merchant_accounts_one_active_idx on merchant_accounts (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)) where status = 'active';
alter table merchant_accounts enable row level security;
alter table merchant_accounts force row level security;
create policy merchant_accounts_tenant_read on merchant_accounts for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy merchant_accounts_platform on merchant_accounts for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on merchant_accounts to motcua_ctx;

-- One attempt to pay one subject (a dossier's fee, a unit's invoice). tenant_id is the unit the
-- payment concerns: the receiving unit for a fee, the paying unit for an invoice.
create table payments (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('dossier_fee', 'invoice', 'test')),
  subject_id uuid not null,
  -- The terminal paid into (merchant_accounts.tmn_code, never deleted). Not a foreign key: the
  -- platform's account belongs to no unit, so the pair (tenant_id, account) could not match it.
  tmn_code text not null,
  amount bigint not null check (amount > 0),
  refunded_amount bigint not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  -- vnp_TxnRef: letters and digits, unique across the gateway terminal and so across all units.
  txn_ref text not null check (txn_ref ~ '^[A-Za-z0-9]{1,100}$'),
  order_info text not null,
  status text not null default 'pending'
    check (status in ('pending', 'paid', 'failed', 'cancelled', 'expired', 'refunded', 'partially_refunded')),
  gateway_transaction_no text,
  bank_code text,
  response_code text,
  pay_date timestamptz,
  payer_citizen_id uuid references citizens (id),
  payer_ip text not null,
  expires_at timestamptz not null,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint payments_id_key unique (id),
  constraint payments_txn_ref_key unique (txn_ref)
);
create index payments_subject_idx on payments (tenant_id, kind, subject_id);
-- The reconciliation job's scan: pending payments by age.
create index payments_pending_idx on payments (created_at) where status = 'pending';
alter table payments enable row level security;
alter table payments force row level security;
create policy payments_tenant_read on payments for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy payments_citizen_read on payments for select to motcua_citizen
  using (payer_citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
create policy payments_platform_read on payments for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
-- Payments are created and moved only by the payments module in a system transaction (the IPN
-- has no signed-in caller); the guarded mutator in server/src/modules/payments is the only writer.
create policy payments_system_write on payments for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on payments to motcua_ctx;

-- Every state change of a payment, in order. Append-only for the runtime role.
create table payment_events (
  tenant_id uuid not null references tenants (id),
  id bigint generated always as identity,
  payment_id uuid not null,
  from_status text,
  to_status text not null,
  -- What established it: create, ipn, querydr, refund, expire.
  source text not null check (source in ('create', 'ipn', 'querydr', 'refund', 'expire')),
  amount bigint,
  data jsonb not null default '{}'::jsonb,
  at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, payment_id) references payments (tenant_id, id)
);
create index payment_events_payment_idx on payment_events (payment_id, id);
alter table payment_events enable row level security;
alter table payment_events force row level security;
create policy payment_events_tenant_read on payment_events for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy payment_events_platform_read on payment_events for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy payment_events_system_append on payment_events for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert on payment_events to motcua_ctx;
