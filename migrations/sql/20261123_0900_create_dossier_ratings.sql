-- Satisfaction ratings (đánh giá mức độ hài lòng, seed 003): the citizen rates a dossier once,
-- after its result was returned. Owned by the dossier's unit, which reads its own ratings.
--
-- The citizen never writes here directly: the rating is inserted by the ratings module in a system
-- transaction after the citizen's own context found the dossier (the same confined escape hatch as
-- submission), so the insert, the returned-status check under the dossier's row lock and the
-- monitoring refresh commit together.
create table dossier_ratings (
  tenant_id uuid not null references tenants (id),
  dossier_id uuid not null,
  citizen_id uuid not null references citizens (id),
  level text not null check (level in ('very_satisfied', 'satisfied', 'unsatisfied')),
  -- Reason codes (server/src/modules/ratings/schema.ts); required exactly when unsatisfied.
  reasons text[] not null default '{}',
  comment text check (length(comment) <= 2000),
  rated_at timestamptz not null,
  -- Once per dossier.
  primary key (tenant_id, dossier_id),
  foreign key (tenant_id, dossier_id) references dossiers (tenant_id, id),
  constraint dossier_ratings_reasons check ((level = 'unsatisfied') = (cardinality(reasons) > 0))
);
create index dossier_ratings_tenant_rated_idx on dossier_ratings (tenant_id, rated_at);
alter table dossier_ratings enable row level security;
alter table dossier_ratings force row level security;
create policy dossier_ratings_tenant_read on dossier_ratings for select to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
create policy dossier_ratings_platform_read on dossier_ratings for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy dossier_ratings_system_append on dossier_ratings for insert to motcua_platform
  with check ((select current_setting('app.platform_role', true)) = 'system');
create policy dossier_ratings_citizen_read on dossier_ratings for select to motcua_citizen
  using (citizen_id = (select nullif(current_setting('app.actor_id', true), ''))::uuid);
grant select, insert on dossier_ratings to motcua_ctx;
