import { createHash, randomBytes } from 'node:crypto';
import { withClient } from '../../lib/database';

/** A unit the workload runs in: its desk, officer and leader keys, the officer to assign, its procedure. */
export interface ScaleUnit {
  tenantId: string;
  desk: string;
  officer: string;
  leader: string;
  staffId: string;
  procedureId: string;
}

const newKey = () => {
  const keyId = randomBytes(12).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, hash: createHash('sha256').update(secret).digest('hex'), key: `mct_${keyId}.${secret}` };
};

/** The plan every modelled unit leases (a quota no run reaches). */
export async function createPlan(ownerUrl: string): Promise<string> {
  return withClient(ownerUrl, async (c) => {
    const v = await c.query<{ id: string }>(
      `with p as (insert into plans (code, name) values ('SCALE', 'Gói mô hình quy mô') returning id)
       insert into plan_versions (plan_id, version, name, annual_fee, included_dossiers, overage, effective_from)
       select id, 1, 'Gói mô hình quy mô', 24000000, 100000000, '{"model":"flat","unitPrice":12000}'::jsonb, '2000-01-01'
       from p returning id`,
    );
    return v.rows[0]!.id;
  });
}

/**
 * Units numbered [from, from + count): each with a current contract, one staff member holding the desk,
 * processing and leader roles, one API key per role — bulk-loaded as the owner, since onboarding is
 * not what is measured. `procedureId` is filled by cloneProcedure.
 */
export async function addUnits(
  ownerUrl: string,
  from: number,
  count: number,
  planVersionId: string,
): Promise<ScaleUnit[]> {
  const keys = { desk: [] as ReturnType<typeof newKey>[], officer: [] as ReturnType<typeof newKey>[] };
  const leader: ReturnType<typeof newKey>[] = [];
  for (let i = 0; i < count; i++) {
    keys.desk.push(newKey());
    keys.officer.push(newKey());
    leader.push(newKey());
  }
  return withClient(ownerUrl, async (c) => {
    const t = await c.query<{ id: string; i: number }>(
      `insert into tenants (code, name, kind)
       select 'S' || lpad(g::text, 6, '0') || '.H99', 'Đơn vị mô hình ' || g, 'commune' from generate_series($1::int, $2::int) g
       returning id, substring(code from 2 for 6)::int as i`,
      [from, from + count - 1],
    );
    const ids = t.rows.sort((a, b) => a.i - b.i).map((r) => r.id);
    await c.query(
      `insert into contracts (tenant_id, plan_version_id, start_date, end_date, created_by)
       select unnest($1::uuid[]), $2, current_date - 100, current_date + 265, 'bench'`,
      [ids, planVersionId],
    );
    const staff = await c.query<{ id: string; tenant_id: string }>(
      `insert into staff_users (oidc_subject, full_name, email)
       select 'scale.' || t, 'Cán bộ mô hình', null from unnest($1::uuid[]) t
       returning id, substring(oidc_subject from 7)::uuid as tenant_id`,
      [ids],
    );
    await c.query(
      `insert into memberships (tenant_id, user_id, role)
       select s.tenant_id, s.id, r from unnest($1::uuid[], $2::uuid[]) as s(tenant_id, id),
         unnest(array['desk_officer', 'processing_officer', 'leader']) r`,
      [staff.rows.map((r) => r.tenant_id), staff.rows.map((r) => r.id)],
    );
    for (const [role, list] of [
      ['desk_officer', keys.desk],
      ['processing_officer', keys.officer],
      ['leader', leader],
    ] as const)
      await c.query(
        `insert into tenant_api_keys (tenant_id, key_id, secret_hash, role, name)
         select unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), $4, 'bench'`,
        [ids, list.map((k) => k.keyId), list.map((k) => k.hash), role],
      );
    const staffOf = new Map(staff.rows.map((r) => [r.tenant_id, r.id]));
    return ids.map((tenantId, i) => ({
      tenantId,
      desk: keys.desk[i]!.key,
      officer: keys.officer[i]!.key,
      leader: leader[i]!.key,
      staffId: staffOf.get(tenantId)!,
      procedureId: '',
    }));
  });
}

/**
 * Gives each unit a copy of the template unit's published procedure, form and form version (made
 * through the services by dossier-flow's publishProcedures), in three set-based statements.
 */
export async function cloneProcedure(
  ownerUrl: string,
  template: ScaleUnit,
  units: ScaleUnit[],
): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    await c.query('begin');
    await c.query(
      'create temp table clone_map (tenant_id uuid, procedure_id uuid, form_id uuid) on commit drop',
    );
    await c.query(
      'insert into clone_map select t, gen_random_uuid(), gen_random_uuid() from unnest($1::uuid[]) t',
      [units.map((u) => u.tenantId)],
    );
    await c.query(
      `insert into procedures (tenant_id, id, national_code, name, field_code, level, processing_days, fees, fee_total,
         required_papers, result_type, description, status)
       select m.tenant_id, m.procedure_id, p.national_code, p.name, p.field_code, p.level, p.processing_days, p.fees,
         p.fee_total, p.required_papers, p.result_type, p.description, p.status
       from clone_map m, procedures p where p.tenant_id = $1 and p.id = $2`,
      [template.tenantId, template.procedureId],
    );
    await c.query(
      `insert into forms (tenant_id, id, procedure_id, name, draft, latest_version)
       select m.tenant_id, m.form_id, m.procedure_id, f.name, f.draft, f.latest_version
       from clone_map m, forms f where f.tenant_id = $1 and f.procedure_id = $2`,
      [template.tenantId, template.procedureId],
    );
    await c.query(
      `insert into form_versions (tenant_id, form_id, version, definition, json_schema, ui_layout, published_by)
       select m.tenant_id, m.form_id, v.version, v.definition, v.json_schema, v.ui_layout, v.published_by
       from clone_map m, forms f join form_versions v on v.tenant_id = f.tenant_id and v.form_id = f.id
       where f.tenant_id = $1 and f.procedure_id = $2`,
      [template.tenantId, template.procedureId],
    );
    const r = await c.query<{ tenant_id: string; procedure_id: string }>(
      'select tenant_id, procedure_id from clone_map',
    );
    await c.query('commit');
    const byTenant = new Map(r.rows.map((x) => [x.tenant_id, x.procedure_id]));
    for (const u of units) u.procedureId = byTenant.get(u.tenantId)!;
  });
}

const HISTORY_STEPS: [string, string | null, string][] = [
  ['submit', null, 'submitted'],
  ['receive', 'submitted', 'received'],
  ['assign', 'received', 'in_progress'],
  ['approve', 'in_progress', 'in_progress'],
  ['approve', 'in_progress', 'approved'],
  ['result', 'approved', 'result_issued'],
  ['return', 'result_issued', 'returned'],
];

/**
 * `perUnit` finished dossiers (returned, seven events each) per unit, dated over the past year, so
 * every table and index the workload touches holds history in proportion to the number of units.
 */
export async function addHistory(ownerUrl: string, units: ScaleUnit[], perUnit: number): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    await c.query(
      `insert into dossiers (tenant_id, code, procedure_id, status, channel, applicant, applicant_name, data, package,
         submitted_at, received_at, received_by, due_at, processing_days, result_at, returned_at, return_channel, timeliness, version)
       select u.tenant_id, t.code || '-L' || lpad(h::text, 5, '0'), u.procedure_id, 'returned', 'desk',
         '{"kind":"citizen","fullName":"Nguyễn Văn An"}', 'Nguyễn Văn An', '{"applicant.full_name":"NGUYỄN VĂN AN"}', '{}',
         now() - (h * 17 % 360 || ' days')::interval, now() - (h * 17 % 360 || ' days')::interval, 'bench',
         now() - (h * 17 % 360 - 7 || ' days')::interval, 5,
         now() - (h * 17 % 360 - 4 || ' days')::interval, now() - (h * 17 % 360 - 5 || ' days')::interval, 'desk', 'early', 7
       from unnest($1::uuid[], $2::uuid[]) as u(tenant_id, procedure_id)
       join tenants t on t.id = u.tenant_id, generate_series(1, $3::int) h`,
      [units.map((u) => u.tenantId), units.map((u) => u.procedureId), perUnit],
    );
    await c.query(
      `insert into dossier_events (tenant_id, dossier_id, seq, at, actor_kind, actor_id, action, from_status, to_status)
       select d.tenant_id, d.id, s.seq, d.submitted_at + s.seq * interval '1 hour', 'api_key', 'bench', s.action, s.from_status, s.to_status
       from dossiers d, unnest($2::int[], $3::text[], $4::text[], $5::text[]) as s(seq, action, from_status, to_status)
       where d.tenant_id = any($1::uuid[])`,
      [
        units.map((u) => u.tenantId),
        HISTORY_STEPS.map((_, i) => i + 1),
        HISTORY_STEPS.map((s) => s[0]),
        HISTORY_STEPS.map((s) => s[1]),
        HISTORY_STEPS.map((s) => s[2]),
      ],
    );
  });
}
