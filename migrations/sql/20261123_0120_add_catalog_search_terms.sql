-- The public catalog's search, at national scale (~400,000 published procedures).
--
-- Every commune publishes the same few hundred procedure names, so the catalog holds very few
-- distinct (code + name, field) texts. Searching those distinct texts ("search terms") with trigrams
-- and then fetching the procedures that carry the matching terms through a narrow btree keeps a
-- search's cost proportional to the page and the number of matching names, not to the catalog.
-- A term's document also holds its field's name, so "ho tich" finds every Hộ tịch procedure.

create table catalog_search_terms (
  id integer generated always as identity primary key,
  -- procedures.search_text: search_key(national_code || ' ' || name)
  search_text text not null,
  field_code text not null references procedure_fields (code),
  -- search_text plus the field's search key: what the trigram search runs on.
  document text not null,
  created_at timestamptz not null default now(),
  constraint catalog_search_terms_key unique (search_text, field_code)
);
create index catalog_search_terms_document_trgm_idx on catalog_search_terms using gin (document gin_trgm_ops);

-- Terms carry no unit and no status: a name only leads to procedures, which keep their own policies.
-- Any context may add a term (the trigger below runs in the writer's unit transaction).
alter table catalog_search_terms enable row level security;
alter table catalog_search_terms force row level security;
create policy catalog_search_terms_read on catalog_search_terms for select using (true);
create policy catalog_search_terms_add on catalog_search_terms for insert to motcua_tenant, motcua_platform
  with check (true);
create policy catalog_search_terms_refresh on catalog_search_terms for update to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update on catalog_search_terms to motcua_ctx;

-- Finds or adds the term of a (code, name, field). Never locks an existing term, so units publishing
-- the same procedure at the same time do not wait on each other.
create function catalog_search_term_id(p_search_text text, p_field_code text) returns integer
  language plpgsql volatile
  as $$
declare
  found_id integer;
begin
  select id into found_id from catalog_search_terms where search_text = p_search_text and field_code = p_field_code;
  if found_id is null then
    insert into catalog_search_terms (search_text, field_code, document)
      select p_search_text, p_field_code, p_search_text || ' ' || search_key(f.name)
        from procedure_fields f where f.code = p_field_code
      on conflict (search_text, field_code) do nothing
      returning id into found_id;
    if found_id is null then
      select id into found_id from catalog_search_terms where search_text = p_search_text and field_code = p_field_code;
    end if;
  end if;
  return found_id;
end $$;

alter table procedures add column search_term_id integer references catalog_search_terms (id);

insert into catalog_search_terms (search_text, field_code, document)
  select distinct p.search_text, p.field_code, p.search_text || ' ' || search_key(f.name)
    from procedures p join procedure_fields f on f.code = p.field_code
  on conflict do nothing;
update procedures p set search_term_id = t.id
  from catalog_search_terms t where t.search_text = p.search_text and t.field_code = p.field_code;
alter table procedures alter column search_term_id set not null;

-- search_text is a stored generated column, computed after BEFORE triggers: use the same expression.
create function procedures_assign_search_term() returns trigger
  language plpgsql
  as $$
begin
  new.search_term_id := catalog_search_term_id(search_key(new.national_code || ' ' || new.name), new.field_code);
  return new;
end $$;
create trigger procedures_search_term before insert or update of national_code, name, field_code on procedures
  for each row execute function procedures_assign_search_term();

-- A renamed field renames the documents of its terms (an operator action, platform_admin).
create function procedure_fields_refresh_terms() returns trigger
  language plpgsql
  as $$
begin
  update catalog_search_terms set document = search_text || ' ' || search_key(new.name) where field_code = new.code;
  return null;
end $$;
create trigger procedure_fields_search_terms after update of name on procedure_fields
  for each row when (old.name is distinct from new.name) execute function procedure_fields_refresh_terms();

-- Counting and paging the procedures of matching terms reads this index only: the unit for the
-- open-unit check, level and fee for the public filters, and status because the row policies read it.
create index procedures_public_term_idx on procedures (search_term_id, tenant_id) include (level, fee_total, status)
  where status = 'published';
-- The public detail page addresses a procedure by its id alone.
create index procedures_id_idx on procedures (id);

-- The ids of units whose procedures the public catalog hides (suspended or terminated). The public
-- context cannot see terminated units at all, so it asks through this function, which reads as the
-- schema's owner and returns ids only — a search then filters on them without joining every row to
-- tenants. Under forced RLS a non-superuser owner needs a policy of its own to see those rows.
create policy tenants_closed_for_catalog on tenants for select to current_user using (status <> 'active');
create function catalog_closed_unit_ids() returns uuid[]
  language sql stable security definer
  set search_path = public
  as $$ select coalesce(array_agg(id), '{}') from tenants where status <> 'active' $$;
revoke all on function catalog_closed_unit_ids() from public;
grant execute on function catalog_closed_unit_ids() to motcua_ctx;

-- The public detail shows the procedure's published online form: the public context may see which
-- form of a procedure has a published version (form_versions is already readable by it).
create policy forms_public_read on forms for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public' and latest_version is not null);
-- (form_versions_platform_read names motcua_platform only; the public context reads versions here.)
create policy form_versions_public_read on form_versions for select to motcua_public
  using ((select current_setting('app.platform_role', true)) = 'public');
