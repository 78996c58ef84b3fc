-- A result issued for a dossier names it (results.dossier_id was left without its key by 0500,
-- which runs before the dossiers table exists). Digitized results keep dossier_id null.
alter table results
  add constraint results_dossier_fk foreign key (tenant_id, dossier_id) references dossiers (tenant_id, id);

-- The citizen downloads the signed result of their own dossier (the file and its detached
-- signature). The dossiers sub-query is itself under the citizen's policy: only their dossiers.
create policy results_citizen_own on results for select to motcua_citizen
  using (dossier_id is not null
         and exists (select 1 from dossiers d where d.tenant_id = results.tenant_id and d.id = results.dossier_id));
