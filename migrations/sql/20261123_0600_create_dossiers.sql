-- The one-stop dossier lifecycle (DOMAIN.md §5–6): dossiers and their append-only history, each
-- procedure's workflow, transfers to helping units (liên thông), receptions a desk made for another
-- unit (seed 003), and the citizen's personal data store (seed 004).
--
-- Ownership: a dossier belongs to its COMPETENT unit (the unit owning the procedure). Nothing here
-- lets one unit read another's rows: a transfer is a row the HELPER owns (a snapshot of what it
-- needs), and a desk's reception for another unit is a row the DESK owns. Both are written by the
-- workflow code in a system transaction (see server/src/modules/dossiers/CONTEXT.md).

-- A procedure's ordered processing steps, configured by the unit admin. None: the default workflow
-- (process by a processing officer, then approval by a leader), which lives in the application.
create table workflow_steps (
  tenant_id uuid not null references tenants (id),
  procedure_id uuid not null,
  seq smallint not null check (seq between 1 and 20),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('desk_officer', 'processing_officer', 'leader')),
  kind text not null check (kind in ('process', 'approve')),
  primary key (tenant_id, procedure_id, seq),
  foreign key (tenant_id, procedure_id) references procedures (tenant_id, id)
);
alter table workflow_steps enable row level security;
alter table workflow_steps force row level security;
create policy workflow_steps_tenant on workflow_steps for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy workflow_steps_platform on workflow_steps for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, delete on workflow_steps to motcua_ctx;

create table dossiers (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  -- Issued at reception: <unit code>-<yymmdd>-<4-digit sequence> (TT 01/2018/TT-VPCP Art. 19).
  code text,
  procedure_id uuid not null,
  form_id uuid,
  form_version integer,
  -- The status machine is data in server/src/modules/dossiers/transitions.ts; keep both in step.
  status text not null check (status in ('submitted', 'supplement_requested', 'refused', 'received',
    'in_progress', 'awaiting_supplement', 'transferred', 'approved', 'result_issued', 'returned')),
  step_seq smallint,
  assignee_id uuid,
  channel text not null check (channel in ('online', 'desk', 'post')),
  citizen_id uuid references citizens (id),
  applicant jsonb not null,
  applicant_name text not null check (length(applicant_name) between 1 and 300),
  data jsonb not null,
  attachments jsonb not null default '[]',
  -- The standard submission package (forms/submission/package.ts) as submitted.
  package jsonb not null,
  -- A retried submission returns the first dossier: unique per submitter (a citizen, or the desk unit).
  idempotency_scope text,
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  -- The desk's unit when another unit's desk received it (seed 003).
  receiving_tenant_id uuid references tenants (id),
  submitted_at timestamptz not null,
  received_at timestamptz,
  received_by text,
  due_at timestamptz,
  -- The procedure's time limit as it stood at reception: later edits of the procedure do not move it.
  processing_days integer check (processing_days >= 0),
  -- Supplement pauses after reception: [{ "from": iso, "to": iso|null }]; the clock stops in each.
  pauses jsonb not null default '[]',
  open_transfer_id uuid,
  result jsonb,
  result_at timestamptz,
  returned_at timestamptz,
  return_channel text check (return_channel in ('desk', 'post', 'online')),
  timeliness text check (timeliness in ('early', 'on_time', 'late')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_text text generated always as (search_key(coalesce(code, '') || ' ' || applicant_name)) stored,
  primary key (tenant_id, id),
  constraint dossiers_id_key unique (id),
  constraint dossiers_code_key unique (code),
  constraint dossiers_idempotency_key unique (idempotency_scope, idempotency_key),
  foreign key (tenant_id, procedure_id) references procedures (tenant_id, id)
);
create index dossiers_tenant_status_idx on dossiers (tenant_id, status, submitted_at);
create index dossiers_tenant_assignee_idx on dossiers (tenant_id, assignee_id) where assignee_id is not null;
create index dossiers_citizen_idx on dossiers (citizen_id) where citizen_id is not null;
create index dossiers_search_trgm_idx on dossiers using gin (search_text gin_trgm_ops);
alter table dossiers enable row level security;
alter table dossiers force row level security;
create policy dossiers_tenant on dossiers for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy dossiers_platform_read on dossiers for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy dossiers_system_write on dossiers for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
-- A citizen reads their own dossiers, and may only complete a supplement asked of them.
create policy dossiers_citizen_read on dossiers for select to motcua_citizen
  using (citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
create policy dossiers_citizen_supplement on dossiers for update to motcua_citizen
  using (citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid
         and status in ('supplement_requested', 'awaiting_supplement'))
  with check (citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
-- Public tracking: exactly the dossier whose code the transaction looked up, never a listing. The
-- tracking query selects only columns without personal data.
create policy dossiers_public_tracking on dossiers for select to motcua_public
  using (code = (select nullif(current_setting('app.lookup_code', true), '')));
grant select, insert, update on dossiers to motcua_ctx;

-- The history, which is the timeline: append-only for every runtime context.
create table dossier_events (
  tenant_id uuid not null references tenants (id),
  dossier_id uuid not null,
  seq integer not null check (seq > 0),
  at timestamptz not null,
  actor_kind text not null,
  actor_id text,
  action text not null,
  from_status text,
  to_status text not null,
  reason text,
  data jsonb not null default '{}',
  primary key (tenant_id, dossier_id, seq),
  foreign key (tenant_id, dossier_id) references dossiers (tenant_id, id)
);
alter table dossier_events enable row level security;
alter table dossier_events force row level security;
create policy dossier_events_tenant_read on dossier_events for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy dossier_events_tenant_append on dossier_events for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy dossier_events_platform_read on dossier_events for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy dossier_events_system_append on dossier_events for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
-- The dossiers sub-query is itself under the citizen's / the public lookup's policy.
create policy dossier_events_citizen_read on dossier_events for select to motcua_citizen, motcua_public
  using (exists (select 1 from dossiers d where d.tenant_id = dossier_events.tenant_id and d.id = dossier_events.dossier_id));
create policy dossier_events_citizen_append on dossier_events for insert to motcua_citizen
  with check (exists (select 1 from dossiers d where d.tenant_id = dossier_events.tenant_id and d.id = dossier_events.dossier_id));
grant select, insert on dossier_events to motcua_ctx;

-- A transfer (liên thông), owned by the HELPING unit: a snapshot of what it needs to do its part.
-- The snapshot is cleared when the helper sends the transfer back, so it keeps the record of what
-- it did but no longer the applicant's data.
create table dossier_transfers (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  -- The owning unit's dossier (another unit: no foreign key may cross units).
  owner_tenant_id uuid not null references tenants (id),
  dossier_id uuid not null,
  dossier_code text not null,
  procedure_name text not null,
  requested_part text not null check (length(requested_part) between 1 and 2000),
  snapshot jsonb,
  status text not null default 'open' check (status in ('open', 'returned')),
  note text,
  result jsonb,
  created_at timestamptz not null default now(),
  returned_at timestamptz,
  returned_by text,
  primary key (tenant_id, id),
  constraint dossier_transfers_snapshot_while_open check (status = 'open' or snapshot is null)
);
create index dossier_transfers_dossier_idx on dossier_transfers (owner_tenant_id, dossier_id);
alter table dossier_transfers enable row level security;
alter table dossier_transfers force row level security;
create policy dossier_transfers_tenant on dossier_transfers for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy dossier_transfers_platform_read on dossier_transfers for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy dossier_transfers_system_write on dossier_transfers for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on dossier_transfers to motcua_ctx;

-- What a desk received for another unit's procedure (seed 003), so it can list and print it.
create table desk_receptions (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  dossier_tenant_id uuid not null references tenants (id),
  dossier_id uuid not null,
  dossier_code text not null,
  procedure_name text not null,
  applicant_name text not null,
  received_at timestamptz not null,
  due_at timestamptz,
  received_by text,
  primary key (tenant_id, id)
);
alter table desk_receptions enable row level security;
alter table desk_receptions force row level security;
create policy desk_receptions_tenant_read on desk_receptions for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy desk_receptions_platform_read on desk_receptions for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy desk_receptions_system_append on desk_receptions for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert on desk_receptions to motcua_ctx;

-- The citizen's personal data store (kho dữ liệu cá nhân): papers accepted once and results issued,
-- so they are not asked for again. Citizen-owned; a unit may deposit what it accepted or issued
-- (never read it back), which keeps reception and result issuance one transaction each.
create table citizen_documents (
  citizen_id uuid not null references citizens (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('paper', 'result')),
  name text not null check (length(name) between 1 and 300),
  mime text not null,
  size bigint not null check (size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  issuer_tenant_id uuid not null references tenants (id),
  dossier_id uuid,
  created_at timestamptz not null default now(),
  primary key (citizen_id, id),
  constraint citizen_documents_once unique (citizen_id, kind, sha256)
);
alter table citizen_documents enable row level security;
alter table citizen_documents force row level security;
create policy citizen_documents_own on citizen_documents for select to motcua_citizen
  using (citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
create policy citizen_documents_unit_deposit on citizen_documents for insert to motcua_tenant
  with check (issuer_tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy citizen_documents_system on citizen_documents for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert on citizen_documents to motcua_ctx;

-- Reception events now point at their dossier (usage_events.dossier_id was left for this issue).
alter table usage_events
  add constraint usage_events_dossier_fk foreign key (tenant_id, dossier_id) references dossiers (tenant_id, id);
