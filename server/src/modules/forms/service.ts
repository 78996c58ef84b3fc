import type { Tx } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import { appendTenantAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import { fieldsForForm } from '../dictionary/service';
import { compileForm, keysOf, type CompiledForm } from './compile/compile';
import { emptyDefinition, formDefinition, type FormDefinition } from './definition';
import * as q from './queries';
import type { CreateFormInput, Form, FormVersion, UpdateFormInput } from './schema';

export const formNotFound = () => notFound({ vi: 'Không tìm thấy biểu mẫu', en: 'Form not found' });

/**
 * Compiles a draft against the dictionary as it is now. Problems point into the form's `draft`
 * (draft.sections.0.items.2.key), whether the draft came in the request or from storage.
 */
export async function compileDraft(tx: Tx, draft: FormDefinition): Promise<CompiledForm> {
  const dictionary = await fieldsForForm(tx, keysOf(draft));
  try {
    return compileForm(draft, dictionary);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    throw new AppError(
      e.code,
      e.detail,
      e.errors.map((p) => ({ ...p, path: `draft.${p.path}` })),
    );
  }
}

const isForeignKeyViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23503';

/** Creates a procedure's form in the caller's unit; the draft must already compile. */
export async function createForm(
  tx: Tx,
  tenantId: string,
  input: CreateFormInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Form> {
  const draft = input.draft ?? emptyDefinition();
  await compileDraft(tx, draft);
  let form: Form;
  try {
    // The (tenant, procedure) foreign key is the check that the procedure is this unit's own.
    form = await q.insertForm(tx, { tenantId, procedureId: input.procedureId, name: input.name, draft });
  } catch (e) {
    if (!isForeignKeyViolation(e)) throw e;
    throw new AppError('validation_failed', { vi: 'Thủ tục không tồn tại', en: 'No such procedure' }, [
      {
        path: 'procedureId',
        message: 'Không tìm thấy thủ tục của đơn vị',
        message_en: 'No such procedure in your unit',
      },
    ]);
  }
  await appendTenantAudit(
    tx,
    tenantId,
    actor,
    { action: 'form.created', entityType: 'form', entityId: form.id, data: { name: form.name } },
    clock,
  );
  return form;
}

export async function updateForm(
  tx: Tx,
  id: string,
  patch: UpdateFormInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Form> {
  const current = await q.findForm(tx, id, { lock: true });
  if (!current) throw formNotFound();
  if (patch.draft) await compileDraft(tx, patch.draft);
  const updated = await q.updateFormRow(tx, id, patch, clock());
  await appendTenantAudit(
    tx,
    current.tenantId,
    actor,
    {
      action: 'form.updated',
      entityType: 'form',
      entityId: id,
      data: { name: patch.name, draftChanged: patch.draft !== undefined },
    },
    clock,
  );
  return updated;
}

export async function getForm(tx: Tx, id: string): Promise<Form> {
  const f = await q.findForm(tx, id);
  if (!f) throw formNotFound();
  const { tenantId: _t, ...form } = f;
  return form;
}

/** What the draft would publish as, now: the admin preview. Nothing is stored. */
export async function previewForm(tx: Tx, id: string): Promise<CompiledForm> {
  const f = await q.findForm(tx, id);
  if (!f) throw formNotFound();
  return compileDraft(tx, formDefinition.parse(f.draft));
}

/**
 * Freezes the draft into the next immutable version: the definition with every dictionary field
 * resolved, the JSON Schema and the UI layout. Later dictionary edits reach the draft, never
 * this version.
 */
export async function publishForm(
  tx: Tx,
  id: string,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<FormVersion> {
  const f = await q.findForm(tx, id, { lock: true });
  if (!f) throw formNotFound();
  const draft = formDefinition.parse(f.draft);
  if (draft.sections.every((s) => s.items.length === 0))
    throw new AppError(
      'validation_failed',
      { vi: 'Biểu mẫu chưa có trường nào', en: 'The form has no fields' },
      [{ path: 'draft.sections', message: 'Thêm ít nhất một trường', message_en: 'Add at least one field' }],
    );
  const compiled = await compileDraft(tx, draft);
  const now = clock();
  const version = await q.insertVersion(tx, {
    tenantId: f.tenantId,
    formId: id,
    version: (f.latestVersion ?? 0) + 1,
    definition: { ...draft, fields: compiled.fields },
    jsonSchema: compiled.jsonSchema,
    uiLayout: compiled.uiLayout,
    publishedAt: now,
    publishedBy: `${actor.kind}:${actor.id}`,
  });
  await q.updateFormRow(tx, id, { latestVersion: version.version }, now);
  await appendTenantAudit(
    tx,
    f.tenantId,
    actor,
    { action: 'form.published', entityType: 'form', entityId: id, data: { version: version.version } },
    clock,
  );
  return version;
}

export async function getVersion(tx: Tx, formId: string, version: number): Promise<FormVersion> {
  const v = await q.findVersion(tx, formId, version);
  if (!v) throw notFound({ vi: 'Không tìm thấy phiên bản biểu mẫu', en: 'Form version not found' });
  return v;
}

export async function listVersions(tx: Tx, formId: string) {
  if (!(await q.findForm(tx, formId))) throw formNotFound();
  return q.listVersions(tx, formId);
}

export { listForms } from './queries';
