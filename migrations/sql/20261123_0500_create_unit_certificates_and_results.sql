-- Signed results (issue 4 part C): the development certificate authority, each unit's signing
-- certificate and the results repository (Kho quản lý dữ liệu kết quả giải quyết TTHC điện tử).
--
-- Private keys are stored as AES-256-GCM ciphertext under a key derived from SIGNING_KEY_SECRET,
-- which never reaches the database; a dump of these tables alone signs nothing.

-- The development root CA that issues unit certificates (one row). In production unit certificates
-- come from the national CA and this table holds its root for verification only (no private key).
create table signing_authorities (
  id uuid primary key default gen_random_uuid(),
  -- At most one authority: the constant column is unique.
  singleton boolean not null default true check (singleton),
  subject_cn text not null,
  serial text not null,
  certificate_pem text not null,
  private_key_pem_encrypted text,
  not_before timestamptz not null,
  not_after timestamptz not null,
  created_at timestamptz not null default now(),
  constraint signing_authorities_singleton_key unique (singleton)
);
alter table signing_authorities enable row level security;
alter table signing_authorities force row level security;
-- Units read the root to put it in their signatures' certificate set and, on first signing, to
-- have their certificate issued (development only: the key column is ciphertext, see above).
create policy signing_authorities_tenant_read on signing_authorities for select to motcua_tenant
  using ((select nullif(current_setting('app.tenant_id', true), '')) is not null);
create policy signing_authorities_platform_read on signing_authorities for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy signing_authorities_system_write on signing_authorities for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
-- The public verify route checks stored signatures against the root certificate.
create policy signing_authorities_public_read on signing_authorities for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public');
-- Column privileges keep the key ciphertext out of the public context's reach altogether.
grant select (id, singleton, subject_cn, serial, certificate_pem, not_before, not_after, created_at)
  on signing_authorities to motcua_ctx;
grant select (private_key_pem_encrypted) on signing_authorities to motcua_tenant, motcua_platform;
grant insert on signing_authorities to motcua_ctx;

-- A unit's signing certificate. One active certificate per unit; a revoked one stays for the
-- signatures it made.
create table unit_certificates (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  subject_cn text not null,
  serial text not null check (serial ~ '^[0-9a-f]{2,64}$'),
  certificate_pem text not null,
  private_key_pem_encrypted text not null,
  not_before timestamptz not null,
  not_after timestamptz not null check (not_after > not_before),
  status text not null default 'active' check (status in ('active', 'revoked')),
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint unit_certificates_serial_key unique (serial),
  constraint unit_certificates_revoked_at check ((status = 'revoked') = (revoked_at is not null))
);
create unique index unit_certificates_one_active_idx on unit_certificates (tenant_id) where status = 'active';
alter table unit_certificates enable row level security;
alter table unit_certificates force row level security;
create policy unit_certificates_tenant on unit_certificates for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy unit_certificates_platform_read on unit_certificates for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy unit_certificates_system_write on unit_certificates for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on unit_certificates to motcua_ctx;

-- The results repository: every result a unit issued (source 'issued') or digitized from its
-- paper archive (source 'digitized', dossier_id null). A result is never deleted; it is revoked.
create table results (
  tenant_id uuid not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  -- The result's number (số, ký hiệu), unique within the unit that issued it.
  code text not null check (length(code) between 1 and 100),
  -- The dossier that produced it (the dossier migration adds the foreign key).
  dossier_id uuid,
  title text not null check (length(title) between 1 and 500),
  holder_pid text check (holder_pid ~ '^[0-9]{9,13}$'),
  holder_name text not null check (length(holder_name) between 1 and 300),
  issued_at timestamptz not null,
  valid_until timestamptz,
  status text not null default 'valid' check (status in ('valid', 'revoked')),
  revoked_reason text,
  revoked_at timestamptz,
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size bigint not null check (file_size >= 0),
  mime text not null,
  storage_key text not null,
  -- Detached CMS (PKCS#7) signature over the file, DER; null for digitized results not re-signed.
  signature_der bytea,
  certificate_serial text,
  source text not null check (source in ('issued', 'digitized')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint results_tenant_code_key unique (tenant_id, code),
  constraint results_revocation check (
    (status = 'revoked') = (revoked_at is not null) and (status = 'valid' or length(revoked_reason) > 0)),
  constraint results_signature_names_certificate check ((signature_der is null) = (certificate_serial is null)),
  constraint results_valid_until check (valid_until is null or valid_until > issued_at)
);
-- The public verify route finds a result by its number alone, across units.
create index results_code_idx on results (code);
create index results_tenant_dossier_idx on results (tenant_id, dossier_id) where dossier_id is not null;
create index results_tenant_issued_idx on results (tenant_id, issued_at desc);
alter table results enable row level security;
alter table results force row level security;
create policy results_tenant on results for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy results_platform_read on results for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
create policy results_system_write on results for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
-- Public verification sees exactly the rows whose number the transaction looks up (set with
-- set_config('app.lookup_code', code, true)): nobody can list results, one number shows its rows.
create policy results_public_lookup on results for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public'
         and code = (select nullif(current_setting('app.lookup_code', true), '')));
grant select, insert, update on results to motcua_ctx;
