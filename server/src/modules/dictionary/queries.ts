import type { Tx } from '../../db/transactor';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { DictionaryField, DictionaryFilter, FieldOption, FieldType, FieldValidation } from './schema';

interface FieldRow {
  key: string;
  label: string;
  label_en: string;
  type: FieldType;
  options: FieldOption[];
  validation: FieldValidation;
  help: string;
  help_en: string;
  status: DictionaryField['status'];
  revision: number;
  created_at: Date;
  updated_at: Date;
}

const columns: Record<string, string> = { updatedAt: 'updated_at' };
const columnOf = (field: string) => columns[field] ?? field;

function toField(r: FieldRow): DictionaryField {
  return {
    key: r.key,
    label: r.label,
    label_en: r.label_en,
    type: r.type,
    options: r.options,
    validation: r.validation,
    help: r.help,
    help_en: r.help_en,
    status: r.status,
    revision: r.revision,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type FieldContent = Pick<
  DictionaryField,
  'key' | 'label' | 'label_en' | 'type' | 'options' | 'validation' | 'help' | 'help_en'
>;

const jsonColumns = (f: Partial<FieldContent>) => ({
  ...f,
  ...(f.options !== undefined ? { options: JSON.stringify(f.options) } : {}),
  ...(f.validation !== undefined ? { validation: JSON.stringify(f.validation) } : {}),
});

export async function findField(tx: Tx, key: string, opts: { lock?: boolean } = {}) {
  const q = tx('dictionary_fields').where({ key }).first();
  if (opts.lock) q.forUpdate();
  const row = (await q) as FieldRow | undefined;
  return row ? toField(row) : null;
}

/** The fields named, keyed by key: what the form compiler resolves a draft against. */
export async function fieldsByKey(tx: Tx, keys: readonly string[]): Promise<Map<string, DictionaryField>> {
  if (keys.length === 0) return new Map();
  const rows = (await tx('dictionary_fields').whereIn('key', [...new Set(keys)])) as FieldRow[];
  return new Map(rows.map((r) => [r.key, toField(r)]));
}

export async function listFields(tx: Tx, params: ListParams<DictionaryFilter>) {
  const f = params.filter;
  const base = tx('dictionary_fields').select('*');
  if (f.type) base.where({ type: f.type });
  if (f.status) base.where({ status: f.status });
  if (f.key) base.whereIn('key', f.key);
  if (f.prefix) base.whereLike('key', `${f.prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.q) {
    // Diacritic-insensitive: "ho ten" finds "Họ, chữ đệm và tên".
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base.where((w) =>
      w
        .whereRaw('search_key(label) like search_key(?)', [like])
        .orWhereILike('label_en', like)
        .orWhereILike('key', like),
    );
  }
  const page = await fetchPage<FieldRow>(base, params, columnOf);
  return { ...page, rows: page.rows.map(toField) };
}

export async function insertField(tx: Tx, f: FieldContent): Promise<DictionaryField> {
  const [row] = (await tx('dictionary_fields').insert(jsonColumns(f)).returning('*')) as FieldRow[];
  return toField(row!);
}

/** Inserts the fields that do not exist yet; existing ones keep the operator's edits. */
export async function insertMissingFields(tx: Tx, fields: readonly FieldContent[]): Promise<number> {
  if (fields.length === 0) return 0;
  const rows = (await tx('dictionary_fields')
    .insert(fields.map(jsonColumns))
    .onConflict('key')
    .ignore()
    .returning('key')) as { key: string }[];
  return rows.length;
}

export async function updateFieldRow(
  tx: Tx,
  key: string,
  patch: Partial<FieldContent> & { status?: DictionaryField['status'] },
  opts: { bumpRevision: boolean; now: Date },
): Promise<DictionaryField> {
  const [row] = (await tx('dictionary_fields')
    .where({ key })
    .update({
      ...jsonColumns(patch),
      updated_at: opts.now,
      ...(opts.bumpRevision ? { revision: tx.raw('revision + 1') } : {}),
    })
    .returning('*')) as FieldRow[];
  return toField(row!);
}

export async function deleteFieldRow(tx: Tx, key: string): Promise<void> {
  await tx('dictionary_fields').where({ key }).delete();
}

const DRAFT_USES = `$.sections[*].items[*] ? (@.key == $k || exists(@.items[*] ? (@.key == $k)))`;

/**
 * How many form drafts and published versions, of any unit, use a field. Must run in a platform
 * transaction (platform_admin or system), whose policies see every unit's forms.
 */
export async function fieldUsage(tx: Tx, key: string): Promise<{ drafts: number; versions: number }> {
  const vars = JSON.stringify({ k: key });
  const drafts = (await tx('forms')
    .whereRaw('jsonb_path_exists(draft, ?::jsonpath, ?::jsonb)', [DRAFT_USES, vars])
    .count({ n: '*' })
    .first()) as { n: string | number };
  const versions = (await tx('form_versions')
    .whereRaw(`definition->'fields' \\? ?`, [key])
    .count({ n: '*' })
    .first()) as { n: string | number };
  return { drafts: Number(drafts.n), versions: Number(versions.n) };
}
