-- Invoices (lease and overage), their lines and PDF, credit notes, gap-free numbering and the
-- invoice run's progress (billing phase 2, issue 5). Money is bigint đồng; dates are calendar
-- days in Asia/Ho_Chi_Minh.
--
-- An issued invoice is immutable IN THE DATABASE: a trigger refuses every change to it except the
-- moves issued → paid and issued → void with their own columns, and the runtime role has no UPDATE
-- (nor DELETE) on lines, documents or credit notes. Corrections are credit notes.

-- Days to pay after issue; null: the default of 30 days.
alter table plan_versions add column payment_terms_days integer check (payment_terms_days between 1 and 365);

-- The last number given per series and year. Taken with UPDATE … RETURNING in the approving
-- transaction: the row lock serializes concurrent approvals and a rollback gives the number back,
-- so numbers never skip or repeat. Series: TL lease, VM overage, CN credit note.
create table invoice_number_counters (
  series text not null check (series in ('TL', 'VM', 'CN')),
  year integer not null check (year between 2000 and 2200),
  last_number integer not null check (last_number >= 0),
  primary key (series, year)
);
alter table invoice_number_counters enable row level security;
alter table invoice_number_counters force row level security;
create policy invoice_number_counters_platform on invoice_number_counters for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('finance', 'system'));
grant select, insert, update on invoice_number_counters to motcua_ctx;

-- An invoice run over every unit: lease at the start of (an instalment of) a contract year, or
-- overage at its end. Progress is committed with each chunk of invoices, so a restarted run goes
-- on after `cursor_contract_id` and the counts stay exact.
create table billing_runs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('lease', 'overage')),
  period_from date not null,
  period_to date not null,
  dry_run boolean not null default false,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  total integer not null default 0,
  done integer not null default 0,
  created integer not null default 0,
  skipped integer not null default 0,
  errors jsonb not null default '[]',
  -- The last contract handled (contracts are taken in id order).
  cursor_contract_id uuid,
  requested_by text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint billing_runs_period check (period_to >= period_from)
);
alter table billing_runs enable row level security;
alter table billing_runs force row level security;
create policy billing_runs_platform on billing_runs for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert, update on billing_runs to motcua_ctx;

create table invoices (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  contract_id uuid not null,
  -- The contract's own version: a price published while invoices are drafting does not apply.
  plan_version_id uuid not null references plan_versions (id),
  kind text not null check (kind in ('lease', 'overage')),
  instalment smallint not null default 1 check (instalment between 1 and 12),
  instalments smallint not null default 1 check (instalments between 1 and 12),
  status text not null default 'draft' check (status in ('draft', 'approved', 'issued', 'paid', 'void')),
  period_start date not null,
  period_end date not null,
  subtotal bigint not null check (subtotal >= 0),
  vat_rate_bp integer not null check (vat_rate_bp between 0 and 10000),
  vat_amount bigint not null check (vat_amount >= 0),
  total bigint not null check (total = subtotal + vat_amount),
  payment_terms_days integer not null default 30 check (payment_terms_days between 1 and 365),
  -- Given at approval: series + year + number, gap-free per (series, year).
  series text not null check (series in ('TL', 'VM')),
  number_year integer,
  number integer check (number > 0),
  approved_at timestamptz,
  approved_by text,
  issued_at timestamptz,
  due_date date,
  paid_at timestamptz,
  paid_by text,
  payment_reference text,
  voided_at timestamptz,
  voided_by text,
  void_reason text,
  billing_run_id uuid references billing_runs (id),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, contract_id) references contracts (tenant_id, id),
  -- Idempotent runs: one invoice per contract, kind and instalment.
  constraint invoices_one_per_instalment unique (tenant_id, contract_id, kind, instalment),
  constraint invoices_number_key unique (series, number_year, number),
  constraint invoices_numbered_when_issued check (status in ('draft', 'void') or number is not null),
  constraint invoices_period check (period_end >= period_start)
);
create index invoices_status_idx on invoices (status, issued_at);
create index invoices_run_idx on invoices (billing_run_id);
alter table invoices enable row level security;
alter table invoices force row level security;
-- A unit sees its invoices once issued; drafts are finance's work.
create policy invoices_tenant_read on invoices for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid
         and status in ('issued', 'paid', 'void'));
create policy invoices_platform_read on invoices for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy invoices_platform_write on invoices for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('finance', 'system'));
create policy invoices_finance_update on invoices for update to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('finance', 'system'));
grant select, insert, update on invoices to motcua_ctx;

-- Once issued, only the status moves issued → paid | void with their own columns; paid and void are final.
create function invoices_refuse_issued_changes() returns trigger language plpgsql as $$
declare
  allowed text[] := array['status', 'paid_at', 'paid_by', 'payment_reference', 'voided_at', 'voided_by', 'void_reason'];
begin
  if old.status in ('draft', 'approved') then
    return new;
  end if;
  if old.status = 'issued' and new.status in ('paid', 'void')
     and (to_jsonb(new) - allowed) = (to_jsonb(old) - allowed) then
    return new;
  end if;
  raise exception 'invoice % is %: issued invoices are immutable (use a credit note)', old.id, old.status
    using errcode = 'check_violation';
end
$$;
create trigger invoices_immutable_once_issued before update on invoices
  for each row execute function invoices_refuse_issued_changes();

create table invoice_lines (
  tenant_id uuid not null references tenants (id),
  invoice_id uuid not null,
  line_no smallint not null check (line_no > 0),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('lease', 'overage')),
  description_vi text not null,
  description_en text not null,
  quantity bigint not null check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  amount bigint not null check (amount = quantity * unit_price or kind = 'lease'),
  -- Overage tier lines: dossiers over quota, first and last of the tier (1-based).
  tier_from bigint,
  tier_to bigint,
  primary key (tenant_id, id),
  constraint invoice_lines_no_key unique (tenant_id, invoice_id, line_no),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
alter table invoice_lines enable row level security;
alter table invoice_lines force row level security;
create policy invoice_lines_tenant_read on invoice_lines for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy invoice_lines_platform_read on invoice_lines for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy invoice_lines_platform_append on invoice_lines for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('finance', 'system'));
-- No UPDATE or DELETE: lines are written with their draft and never change.
grant select, insert on invoice_lines to motcua_ctx;

-- The issued invoice's PDF (no object storage exists yet; bytea until it does).
create table invoice_documents (
  tenant_id uuid not null references tenants (id),
  invoice_id uuid not null,
  content_type text not null,
  file_name text not null,
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, invoice_id),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
alter table invoice_documents enable row level security;
alter table invoice_documents force row level security;
create policy invoice_documents_tenant_read on invoice_documents for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy invoice_documents_platform_read on invoice_documents for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy invoice_documents_platform_append on invoice_documents for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('finance', 'system'));
grant select, insert on invoice_documents to motcua_ctx;

-- A correction of an issued (or paid) invoice: credits at most what is left of its total.
create table credit_notes (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  invoice_id uuid not null,
  series text not null default 'CN' check (series = 'CN'),
  number_year integer not null,
  number integer not null check (number > 0),
  amount bigint not null check (amount > 0),
  reason text not null check (length(reason) between 1 and 1000),
  created_by text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint credit_notes_number_key unique (series, number_year, number),
  foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
create index credit_notes_invoice_idx on credit_notes (tenant_id, invoice_id);
alter table credit_notes enable row level security;
alter table credit_notes force row level security;
create policy credit_notes_tenant_read on credit_notes for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy credit_notes_platform_read on credit_notes for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy credit_notes_finance_append on credit_notes for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'finance');
grant select, insert on credit_notes to motcua_ctx;

-- The overage invoice that closed a contract year (phase 1 left the column without its key).
alter table usage_period_closures
  add constraint usage_period_closures_invoice_fkey foreign key (tenant_id, invoice_id) references invoices (tenant_id, id);
