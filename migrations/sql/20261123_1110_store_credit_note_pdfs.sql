-- A credit note's PDF (hóa đơn điều chỉnh giảm, in Vietnamese), generated and stored when it is
-- issued, like an invoice's (bytea until object storage holds billing documents). Written once by
-- finance in the issuing transaction; never updated.
create table credit_note_documents (
  tenant_id uuid not null,
  credit_note_id uuid not null,
  content_type text not null,
  file_name text not null,
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, credit_note_id),
  -- The unit is checked through the credit note (its key leads with tenant_id).
  foreign key (tenant_id, credit_note_id) references credit_notes (tenant_id, id)
);
alter table credit_note_documents enable row level security;
alter table credit_note_documents force row level security;
create policy credit_note_documents_tenant_read on credit_note_documents for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy credit_note_documents_platform_read on credit_note_documents for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy credit_note_documents_finance_append on credit_note_documents for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'finance');
grant select, insert on credit_note_documents to motcua_ctx;
