-- The tenancy foundation: units (tenants), staff and their memberships, citizens, API keys.
--
-- Roles (created by the migrator before this file runs, see server/src/db/database.ts):
--   motcua_app       the login role of requests and jobs: NOINHERIT, owns nothing, no privilege
--                    of its own; every transaction takes one context role with SET LOCAL ROLE
--   motcua_tenant    a unit's staff and keys          motcua_platform  operator, finance, system
--   motcua_citizen   a citizen acting for themself    motcua_public    the anonymous public catalog
--   motcua_ctx       holds the table privileges, which the four context roles inherit
-- Every policy names the context role(s) it applies to, so a unit's queries are checked by the
-- tenant equality alone (the planner keeps the plan it would have without RLS) and never by an OR
-- of every context's policies. Grants go to motcua_ctx.
--
-- Context a transaction sets, transaction-locally (set_config(..., true)):
--   app.tenant_id     the unit the request acts for ('' or unset: none)
--   app.actor_id      the staff user or citizen acting
--   app.platform_role platform_admin | finance for operator/finance, system for the worker, the CLI
--                     and sign-in look-ups, public for the public catalog ('' or unset: none)
-- Policies read each setting inside a scalar sub-select so it is evaluated once per query (an
-- InitPlan), and nullif('') so that a connection where a setting was once set and then reset
-- matches no row instead of raising on the cast.

-- Units of the province. The tenancy root: a tenant's id is the tenant_id of everything it owns.
create table tenants (
  id uuid primary key default gen_random_uuid(),
  -- The unit's national electronic identifier (TT 01/2018/TT-VPCP Art. 19), e.g. 000.00.12.H12.
  code text not null,
  name text not null check (length(name) between 1 and 300),
  kind text not null check (kind in ('department', 'district', 'commune', 'other')),
  parent_id uuid references tenants (id),
  status text not null default 'active' check (status in ('active', 'suspended', 'terminated')),
  status_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tenants_code_key unique (code),
  constraint tenants_code_format check (code ~ '^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$' and length(code) <= 40),
  constraint tenants_not_own_parent check (parent_id is null or parent_id <> id)
);
create index tenants_parent_idx on tenants (parent_id);

alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenants_own on tenants for select to motcua_tenant
  using (id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy tenants_platform_read on tenants for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy tenants_platform_write on tenants for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on tenants to motcua_ctx;

-- Staff identities, one per person signing in through the province's OIDC provider.
create table staff_users (
  id uuid primary key default gen_random_uuid(),
  oidc_subject text not null,
  email text,
  full_name text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint staff_users_oidc_subject_key unique (oidc_subject)
);

-- What a person may do in a unit. Tenant-owned: tenant_id leads the key.
create table memberships (
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references staff_users (id),
  role text not null check (role in ('tenant_admin', 'desk_officer', 'processing_officer', 'leader')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id, role)
);
create index memberships_user_idx on memberships (user_id);

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_tenant on memberships for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy memberships_platform on memberships for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy memberships_finance_read on memberships for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'finance');
grant select, insert, delete on memberships to motcua_ctx;

-- Operator and finance roles, which belong to no unit.
create table platform_role_grants (
  user_id uuid not null references staff_users (id),
  role text not null check (role in ('platform_admin', 'finance')),
  created_at timestamptz not null default now(),
  primary key (user_id, role)
);
alter table platform_role_grants enable row level security;
alter table platform_role_grants force row level security;
create policy platform_role_grants_self on platform_role_grants for select to motcua_tenant, motcua_platform
  using (user_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
create policy platform_role_grants_admin on platform_role_grants for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, delete on platform_role_grants to motcua_ctx;

alter table staff_users enable row level security;
alter table staff_users force row level security;
create policy staff_users_self on staff_users for select to motcua_tenant, motcua_platform
  using (id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
-- Staff of a unit see their colleagues: the membership sub-query is itself filtered by RLS.
create policy staff_users_colleagues on staff_users for select to motcua_tenant
  using (exists (select 1 from memberships m where m.user_id = staff_users.id));
create policy staff_users_platform on staff_users for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on staff_users to motcua_ctx;

-- Citizens and businesses signing in through the national identity provider.
create table citizens (
  id uuid primary key default gen_random_uuid(),
  oidc_subject text not null,
  -- Số định danh cá nhân: the 12-digit personal identification number.
  pid text not null check (pid ~ '^[0-9]{12}$'),
  full_name text not null,
  email text,
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint citizens_oidc_subject_key unique (oidc_subject),
  constraint citizens_pid_key unique (pid)
);
alter table citizens enable row level security;
alter table citizens force row level security;
create policy citizens_self on citizens for select to motcua_citizen
  using (id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
create policy citizens_system on citizens for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on citizens to motcua_ctx;

-- API keys for integrations and scripts. The key is shown once; only a hash is kept. key_id is
-- the public, random part of the key, by which a request's key is found.
create table tenant_api_keys (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  key_id text not null,
  secret_hash text not null,
  role text not null check (role in ('tenant_admin', 'desk_officer', 'processing_officer', 'leader')),
  name text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id),
  constraint tenant_api_keys_key_id_key unique (key_id)
);
alter table tenant_api_keys enable row level security;
alter table tenant_api_keys force row level security;
create policy tenant_api_keys_tenant on tenant_api_keys for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy tenant_api_keys_platform on tenant_api_keys for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on tenant_api_keys to motcua_ctx;

create table platform_api_keys (
  id uuid primary key default gen_random_uuid(),
  key_id text not null,
  secret_hash text not null,
  role text not null check (role in ('platform_admin', 'finance')),
  name text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint platform_api_keys_key_id_key unique (key_id)
);
alter table platform_api_keys enable row level security;
alter table platform_api_keys force row level security;
create policy platform_api_keys_admin on platform_api_keys for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on platform_api_keys to motcua_ctx;
