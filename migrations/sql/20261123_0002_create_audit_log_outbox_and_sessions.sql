-- Append-only audit trail. Each unit's entries form a SHA-256 hash chain (hash = sha256 of the
-- previous hash and the entry), so an edit made behind the application's back is found by
-- `motcua audit verify`. The runtime role may only read and append.
create table audit_log (
  tenant_id uuid not null references tenants (id),
  seq bigint not null check (seq > 0),
  occurred_at timestamptz not null,
  actor_kind text not null,
  actor_id text,
  action text not null,
  entity_type text not null,
  entity_id text,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_tenant on audit_log for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy audit_log_tenant_append on audit_log for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy audit_log_platform_read on audit_log for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy audit_log_platform_append on audit_log for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert on audit_log to motcua_ctx;

-- The operator's own chain: actions that concern no single unit (platform keys, later plans).
create table platform_audit_log (
  seq bigint primary key check (seq > 0),
  occurred_at timestamptz not null,
  actor_kind text not null,
  actor_id text,
  action text not null,
  entity_type text not null,
  entity_id text,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
alter table platform_audit_log enable row level security;
alter table platform_audit_log force row level security;
create policy platform_audit_log_platform on platform_audit_log for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy platform_audit_log_append on platform_audit_log for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert on platform_audit_log to motcua_ctx;

-- Transactional outbox: a job row is written in the transaction that causes it and relayed to
-- the queue after commit, so a job exists if and only if its change committed. Rows may belong to
-- a unit or to the platform (an invoice run), hence the nullable tenant_id; the schema test lists
-- this table as a reviewed exception to "tenant_id leads the primary key".
create table outbox (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  queue text not null,
  job_name text not null,
  payload jsonb not null,
  -- The queue's job id: relaying the same row twice adds the job once.
  job_key text not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  relayed_at timestamptz,
  relay_attempts integer not null default 0,
  last_error text,
  constraint outbox_job_key_key unique (job_key)
);
create index outbox_pending_idx on outbox (available_at) where relayed_at is null;
alter table outbox enable row level security;
alter table outbox force row level security;
create policy outbox_tenant_append on outbox for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy outbox_tenant_read on outbox for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy outbox_platform on outbox for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
grant select, insert, update on outbox to motcua_ctx;

-- Jobs run without a broker (embedded mode) record their runs here, so failures stay visible.
create table job_runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  queue text not null,
  job_name text not null,
  job_key text not null,
  status text not null check (status in ('running', 'completed', 'failed')),
  attempts integer not null default 0,
  last_error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint job_runs_job_key_key unique (job_key)
);
alter table job_runs enable row level security;
alter table job_runs force row level security;
create policy job_runs_platform on job_runs for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on job_runs to motcua_ctx;

-- Server-side sign-in sessions when no Redis is configured (connect-pg-simple's shape). A row holds
-- only ids and is found by its unguessable session id; no unit data lives here.
create table http_sessions (
  sid varchar not null primary key,
  sess json not null,
  expire timestamp(6) not null
);
create index http_sessions_expire_idx on http_sessions (expire);
-- The session store runs outside any request context, on its own small pool of the bare login role:
-- this is the one table that role may touch without taking a context role.
grant select, insert, update, delete on http_sessions to motcua_app;
