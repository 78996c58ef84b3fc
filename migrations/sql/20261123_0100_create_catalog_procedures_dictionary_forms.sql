-- The procedure catalog (thủ tục hành chính), the province's shared dictionary of form fields,
-- and the online forms built from it (seed 000: one form engine, one dictionary shared by every form).
--
-- A new context value: app.platform_role = 'public' for the anonymous public catalog. It sees only
-- what is published, and unit names; never drafts, never staff.

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); search keys are generated columns and
-- need an IMMUTABLE function. Naming the dictionary explicitly makes that promise safe.
create function f_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The search key of a text: lower case, no diacritics (đ → d), single spaces.
create function search_key(text) returns text
  language sql immutable parallel safe strict
  as $$ select regexp_replace(lower(public.f_unaccent($1)), '\s+', ' ', 'g') $$;

-- The public directory of units: names and codes of government units are public information.
create policy tenants_public_read on tenants for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public' and status <> 'terminated');

-- Fields of activity (lĩnh vực) — a national reference list kept by the operator.
create table procedure_fields (
  code text primary key check (code ~ '^[A-Z0-9_]{2,40}$'),
  name text not null,
  name_en text,
  created_at timestamptz not null default now()
);
alter table procedure_fields enable row level security;
alter table procedure_fields force row level security;
create policy procedure_fields_read on procedure_fields for select using (true);
create policy procedure_fields_write on procedure_fields for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on procedure_fields to motcua_ctx;

-- A unit's administrative procedures.
create table procedures (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  -- Mã TTHC in the national database, e.g. 1.001193 or 2.000528.000.00.00.H34.
  national_code text not null check (length(national_code) between 1 and 60),
  name text not null check (length(name) between 1 and 500),
  field_code text not null references procedure_fields (code),
  -- Online service level 1–4 (seed 001); since Decree 42/2022, 3 = "một phần", 4 = "toàn trình".
  level smallint not null check (level between 1 and 4),
  -- Processing time in working days (0 = within the day).
  processing_days integer not null check (processing_days between 0 and 365),
  -- [{ name, amount }] in đồng (integers); the sum kept beside it for the fee/free filter.
  fees jsonb not null default '[]',
  fee_total bigint not null default 0 check (fee_total >= 0),
  -- [{ name, originals, copies, fromDataStore }]
  required_papers jsonb not null default '[]',
  result_type text not null default '',
  description text not null default '',
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_text text generated always as (search_key(national_code || ' ' || name)) stored,
  primary key (tenant_id, id),
  constraint procedures_national_code_key unique (tenant_id, national_code)
);
create index procedures_search_trgm_idx on procedures using gin (search_text gin_trgm_ops);
create index procedures_published_idx on procedures (field_code, level) where status = 'published';

alter table procedures enable row level security;
alter table procedures force row level security;
create policy procedures_tenant on procedures for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy procedures_platform_read on procedures for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy procedures_system_write on procedures for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
create policy procedures_public_read on procedures for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public' and status = 'published');
grant select, insert, update, delete on procedures to motcua_ctx;

-- The shared dictionary of form fields. Editing a field changes every form draft that uses it;
-- a field in use is retired, never deleted.
create table dictionary_fields (
  key text primary key check (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' and length(key) <= 80),
  label text not null,
  label_en text not null,
  type text not null check (type in ('text', 'long_text', 'number', 'date', 'select', 'multi_select',
    'boolean', 'pid', 'phone', 'email', 'tax_code', 'address', 'file')),
  -- select/multi_select: [{ value, label, label_en }]
  options jsonb not null default '[]',
  -- { required, minLength, maxLength, pattern, min, max, minDate, maxDate }
  validation jsonb not null default '{}',
  help text not null default '',
  help_en text not null default '',
  status text not null default 'active' check (status in ('active', 'retired')),
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table dictionary_fields enable row level security;
alter table dictionary_fields force row level security;
create policy dictionary_fields_read on dictionary_fields for select using (true);
create policy dictionary_fields_write on dictionary_fields for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on dictionary_fields to motcua_ctx;

-- A procedure's online form: the builder's working draft. Publishing freezes it into a version.
create table forms (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  procedure_id uuid not null,
  name text not null check (length(name) between 1 and 300),
  -- The builder document: sections, items (dictionary keys with overrides), conditions, groups, attachments.
  draft jsonb not null,
  latest_version integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, procedure_id) references procedures (tenant_id, id)
);
create index forms_procedure_idx on forms (tenant_id, procedure_id);
alter table forms enable row level security;
alter table forms force row level security;
create policy forms_tenant on forms for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy forms_platform_read on forms for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy forms_system_write on forms for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on forms to motcua_ctx;

-- Published, immutable versions. Dossiers keep the version they were filled with. The runtime role
-- may insert and read, never update or delete.
create table form_versions (
  tenant_id uuid not null references tenants (id),
  form_id uuid not null,
  version integer not null check (version > 0),
  -- The draft as published, with each dictionary field resolved (a snapshot, so later dictionary
  -- edits do not change what a filed dossier was validated against).
  definition jsonb not null,
  json_schema jsonb not null,
  ui_layout jsonb not null,
  published_at timestamptz not null default now(),
  published_by text,
  primary key (tenant_id, form_id, version),
  foreign key (tenant_id, form_id) references forms (tenant_id, id)
);
alter table form_versions enable row level security;
alter table form_versions force row level security;
create policy form_versions_tenant_read on form_versions for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy form_versions_tenant_insert on form_versions for insert to motcua_tenant
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy form_versions_platform_read on form_versions for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system', 'public'));
create policy form_versions_system_insert on form_versions for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert on form_versions to motcua_ctx;
