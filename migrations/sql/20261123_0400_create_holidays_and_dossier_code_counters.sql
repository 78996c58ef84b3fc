-- The operator's working-day calendar (DOMAIN.md §10) and the per-unit, per-day counters behind
-- dossier codes (TT 01/2018/TT-VPCP Art. 19: <unit code>-<yymmdd>-<sequence>).

-- Days that differ from the Mon–Fri week: public holidays and their compensatory days off
-- ('holiday'), and weekend days declared working days ('compensatory_workday', ngày làm bù).
-- Platform reference data: every context reads it (due dates are computed in a unit's reception
-- transaction); the operator and the system write it.
create table holidays (
  day date primary key,
  name text not null check (length(name) between 1 and 200),
  name_en text not null default '' check (length(name_en) <= 200),
  kind text not null default 'holiday' check (kind in ('holiday', 'compensatory_workday')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A weekday is a working day already; only a Saturday or Sunday can be made one.
  constraint holidays_compensatory_on_weekend check (kind <> 'compensatory_workday' or extract(isodow from day) >= 6)
);
alter table holidays enable row level security;
alter table holidays force row level security;
create policy holidays_read on holidays for select using (true);
create policy holidays_platform_write on holidays for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'))
  with check ((select current_setting('app.platform_role', true)) in ('platform_admin', 'system'));
grant select, insert, update, delete on holidays to motcua_ctx;

-- The last dossier sequence a unit issued on a local (Asia/Ho_Chi_Minh) day. Bumped with
-- insert … on conflict do update in the reception transaction: the row lock is held until that
-- transaction ends, so concurrent receptions of one unit and day take numbers one after another,
-- and a rolled-back reception takes its number back with it (no gaps).
create table dossier_code_counters (
  tenant_id uuid not null references tenants (id),
  day date not null,
  last_seq integer not null check (last_seq > 0),
  primary key (tenant_id, day)
);
alter table dossier_code_counters enable row level security;
alter table dossier_code_counters force row level security;
create policy dossier_code_counters_tenant on dossier_code_counters for all to motcua_tenant
  using (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid)
  with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid);
-- The workflow code receives for another unit in a system transaction (seed 003).
create policy dossier_code_counters_system on dossier_code_counters for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on dossier_code_counters to motcua_ctx;
