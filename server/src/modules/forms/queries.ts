import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { JsonSchema } from './compile/field-schema';
import type { UiLayout } from './compile/ui-layout';
import type { FormDefinition } from './definition';
import type { Form, FormFilter, FormVersion, FormVersionSummary, VersionDefinition } from './schema';

interface FormRow {
  tenant_id: string;
  id: string;
  procedure_id: string;
  name: string;
  draft: FormDefinition;
  latest_version: number | null;
  created_at: Date;
  updated_at: Date;
}

interface VersionRow {
  tenant_id: string;
  form_id: string;
  version: number;
  definition: VersionDefinition;
  json_schema: JsonSchema;
  ui_layout: UiLayout;
  published_at: Date;
  published_by: string | null;
}

const columns: Record<string, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  latestVersion: 'latest_version',
};
const columnOf = (field: string) => columns[field] ?? field;

const toForm = (r: FormRow): Form => ({
  id: r.id,
  procedureId: r.procedure_id,
  name: r.name,
  draft: r.draft,
  latestVersion: r.latest_version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const toSummary = (r: Pick<VersionRow, 'form_id' | 'version' | 'published_at' | 'published_by'>) => ({
  formId: r.form_id,
  version: r.version,
  publishedAt: r.published_at.toISOString(),
  publishedBy: r.published_by,
});

/** The form's unit, for caching validators per (unit, form, version). */
export async function findForm(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  const q = tx('forms').where({ id }).first();
  if (opts.lock) q.forUpdate();
  const row = (await q) as FormRow | undefined;
  return row ? { ...toForm(row), tenantId: row.tenant_id } : null;
}

export async function listForms(tx: Tx, params: ListParams<FormFilter>) {
  const f = params.filter;
  const base = tx('forms').select('*');
  if (f.procedureId) base.where({ procedure_id: f.procedureId });
  if (f.id) base.whereIn('id', f.id);
  if (f.published !== undefined)
    base.where((w) => (f.published ? w.whereNotNull('latest_version') : w.whereNull('latest_version')));
  if (f.q)
    base.whereRaw('search_key(name) like search_key(?)', [`%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`]);
  const page = await fetchPage<FormRow>(base, params, columnOf);
  return { ...page, rows: page.rows.map(toForm) };
}

export async function insertForm(
  tx: Tx,
  f: { tenantId: string; procedureId: string; name: string; draft: FormDefinition },
): Promise<Form> {
  const [row] = (await tx('forms')
    .insert({
      tenant_id: f.tenantId,
      procedure_id: f.procedureId,
      name: f.name,
      draft: JSON.stringify(f.draft),
    })
    .returning('*')) as FormRow[];
  return toForm(row!);
}

export async function updateFormRow(
  tx: Tx,
  id: string,
  patch: { name?: string; draft?: FormDefinition; latestVersion?: number },
  now: Date,
): Promise<Form> {
  const [row] = (await tx('forms')
    .where({ id })
    .update({
      updated_at: now,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.draft !== undefined ? { draft: JSON.stringify(patch.draft) } : {}),
      ...(patch.latestVersion !== undefined ? { latest_version: patch.latestVersion } : {}),
    })
    .returning('*')) as FormRow[];
  return toForm(row!);
}

export async function insertVersion(
  tx: Tx,
  v: Omit<FormVersion, 'publishedAt'> & { publishedAt: Date },
): Promise<FormVersion> {
  const [row] = (await tx('form_versions')
    .insert({
      tenant_id: v.tenantId,
      form_id: v.formId,
      version: v.version,
      definition: JSON.stringify(v.definition),
      json_schema: JSON.stringify(v.jsonSchema),
      ui_layout: JSON.stringify(v.uiLayout),
      published_at: v.publishedAt,
      published_by: v.publishedBy,
    })
    .returning('*')) as VersionRow[];
  return toVersion(row!);
}

const toVersion = (r: VersionRow): FormVersion => ({
  ...toSummary(r),
  tenantId: r.tenant_id,
  definition: r.definition,
  jsonSchema: r.json_schema,
  uiLayout: r.ui_layout,
});

export async function findVersion(tx: Tx, formId: string, version: number): Promise<FormVersion | null> {
  const row = (await tx('form_versions').where({ form_id: formId, version }).first()) as
    VersionRow | undefined;
  return row ? toVersion(row) : null;
}

export async function listVersions(tx: Tx, formId: string): Promise<FormVersionSummary[]> {
  const rows = (await tx('form_versions')
    .select('form_id', 'version', 'published_at', 'published_by')
    .where({ form_id: formId })
    .orderBy('version', 'desc')) as VersionRow[];
  return rows.map(toSummary);
}
