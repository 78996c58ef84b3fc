import type { Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import { appendPlatformAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import {
  deleteFieldRow,
  fieldsByKey,
  fieldUsage,
  findField,
  insertField,
  updateFieldRow,
  type FieldContent,
} from './queries';
import { checkFieldRules } from './rules';
import {
  createFieldInput,
  type CreateFieldInput,
  type DictionaryField,
  type UpdateFieldInput,
} from './schema';

const fieldNotFound = (key: string) =>
  notFound({ vi: `Không có trường dữ liệu '${key}'`, en: `No dictionary field '${key}'` });

function refuseBadRules(f: Pick<FieldContent, 'type' | 'options' | 'validation'>): void {
  const errors = checkFieldRules(f);
  if (errors.length > 0)
    throw new AppError(
      'validation_failed',
      { vi: 'Quy tắc của trường dữ liệu không hợp lệ', en: 'The field’s rules are invalid' },
      errors,
    );
}

const inUseMessage = (key: string, use: { drafts: number; versions: number }) => ({
  vi: `Trường '${key}' đang được dùng bởi ${use.drafts} bản nháp và ${use.versions} phiên bản biểu mẫu`,
  en: `Field '${key}' is used by ${use.drafts} form drafts and ${use.versions} published form versions`,
});

export async function getField(tx: Tx, key: string): Promise<DictionaryField> {
  const f = await findField(tx, key);
  if (!f) throw fieldNotFound(key);
  return f;
}

/** Adds a field to the shared dictionary. Runs in a platform_admin (or system) transaction. */
export async function createField(
  tx: Tx,
  raw: CreateFieldInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<DictionaryField> {
  const input = createFieldInput.parse(raw);
  refuseBadRules(input);
  if (await findField(tx, input.key))
    throw conflict(
      {
        vi: `Khoá '${input.key}' đã có trong từ điển`,
        en: `Key '${input.key}' is already in the dictionary`,
      },
      [{ path: 'key', message: 'Khoá đã tồn tại', message_en: 'Key already exists' }],
    );
  const field = await insertField(tx, input);
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'dictionary.created', entityType: 'dictionary_field', entityId: field.key, data: { ...input } },
    clock,
  );
  return field;
}

const CONTENT_KEYS = ['label', 'label_en', 'type', 'options', 'validation', 'help', 'help_en'] as const;

/**
 * Edits a field; every form draft that uses it sees the change at its next preview or publish,
 * while published versions keep their snapshot. A real change bumps `revision`. The type may
 * change only while no form uses the field: a date that becomes a number would silently turn
 * every draft's conditions and the citizens' habits upside down.
 */
export async function updateField(
  tx: Tx,
  key: string,
  patch: UpdateFieldInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<DictionaryField> {
  const current = await findField(tx, key, { lock: true });
  if (!current) throw fieldNotFound(key);
  const next = { ...current, ...patch };
  refuseBadRules(next);
  const changed = CONTENT_KEYS.filter(
    (k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(current[k]),
  );
  if (changed.length === 0) return current;
  if (changed.includes('type')) {
    const use = await fieldUsage(tx, key);
    if (use.drafts + use.versions > 0)
      throw conflict(
        {
          vi: `${inUseMessage(key, use).vi}: không thể đổi kiểu dữ liệu`,
          en: `${inUseMessage(key, use).en}: its type cannot change`,
        },
        [
          {
            path: 'type',
            message: 'Không đổi được kiểu khi đang dùng',
            message_en: 'Type is fixed while in use',
          },
        ],
      );
  }
  const values = Object.fromEntries(changed.map((k) => [k, next[k]])) as Partial<FieldContent>;
  const updated = await updateFieldRow(tx, key, values, { bumpRevision: true, now: clock() });
  await appendPlatformAudit(
    tx,
    actor,
    {
      action: 'dictionary.updated',
      entityType: 'dictionary_field',
      entityId: key,
      data: {
        revision: updated.revision,
        before: Object.fromEntries(changed.map((k) => [k, current[k]])),
        change: values,
      },
    },
    clock,
  );
  return updated;
}

/** Retires a field: forms can no longer add it (or be published with it); history keeps it. */
export async function retireField(
  tx: Tx,
  key: string,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<DictionaryField> {
  const current = await findField(tx, key, { lock: true });
  if (!current) throw fieldNotFound(key);
  if (current.status === 'retired') return current;
  const updated = await updateFieldRow(tx, key, { status: 'retired' }, { bumpRevision: false, now: clock() });
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'dictionary.retired', entityType: 'dictionary_field', entityId: key },
    clock,
  );
  return updated;
}

/**
 * Deletes a field no form has ever used (a typo caught early). A field used by any unit's draft or
 * published version is only retired: versions and the dossiers filed with them name its key.
 * Must run in a platform transaction, which sees every unit's forms.
 */
export async function deleteField(
  tx: Tx,
  key: string,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<void> {
  const current = await findField(tx, key, { lock: true });
  if (!current) throw fieldNotFound(key);
  const use = await fieldUsage(tx, key);
  if (use.drafts + use.versions > 0)
    throw conflict({
      vi: `${inUseMessage(key, use).vi}: không thể xoá, chỉ có thể ngừng sử dụng (retire)`,
      en: `${inUseMessage(key, use).en}: it cannot be deleted, only retired`,
    });
  await deleteFieldRow(tx, key);
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'dictionary.deleted', entityType: 'dictionary_field', entityId: key, data: { ...current } },
    clock,
  );
}

/** The fields a form names, keyed by key (retired ones included: the form compiler refuses them). */
export function fieldsForForm(tx: Tx, keys: readonly string[]): Promise<Map<string, DictionaryField>> {
  return fieldsByKey(tx, keys);
}
