-- Bulk digitization of still-valid old results (seed 004): a unit uploads the files first (POST
-- /uploads, by SHA-256), then an index (CSV/XLSX) whose rows name them; a background job imports the
-- rows into the results repository (source 'digitized') with progress and per-row rejections.
create table digitization_batches (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  file_name text not null check (length(file_name) between 1 and 300),
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  total integer not null check (total between 0 and 50000),
  -- Rows imported and rows rejected so far; the job resumes at row done + rejected.
  done integer not null default 0,
  rejected integer not null default 0,
  -- The parsed index rows, in file order: [{ line, code, title, holderName, holderPid, issuedOn, validUntil, sha256 }].
  rows jsonb not null,
  -- [{ line, code, reason, reason_en }]
  rejections jsonb not null default '[]',
  created_by text,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id),
  constraint digitization_batches_progress check (done + rejected <= total)
);
alter table digitization_batches enable row level security;
alter table digitization_batches force row level security;
create policy digitization_batches_tenant on digitization_batches for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy digitization_batches_platform_read on digitization_batches for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on digitization_batches to motcua_ctx;

-- Each unit's digitization target (seed 004): the backlog of still-valid results it must digitize,
-- and the deadline its backlog size sets (<20k: 31/12/2022; ≤50k: 31/12/2023; ≤100k: 31/12/2024;
-- more: 30/06/2025). The deadline is stored, so a later change of the rule does not move it.
create table digitization_targets (
  tenant_id uuid not null references tenants (id) primary key,
  backlog integer not null check (backlog between 0 and 100000000),
  deadline date not null,
  updated_by text,
  updated_at timestamptz not null default now()
);
alter table digitization_targets enable row level security;
alter table digitization_targets force row level security;
create policy digitization_targets_tenant on digitization_targets for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy digitization_targets_platform on digitization_targets for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on digitization_targets to motcua_ctx;

create index results_tenant_digitized_idx on results (tenant_id) where source = 'digitized';
