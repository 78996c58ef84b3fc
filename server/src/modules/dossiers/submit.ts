import { z } from 'zod';
import type { Transactor, Tx } from '../../db/transactor';
import { AppError, notFound } from '../../errors';
import type { AttachmentSpec } from '../forms/definition';
import type { VersionDefinition } from '../forms/schema';
import type { JsonSchema } from '../forms/compile/field-schema';
import type { UiLayout } from '../forms/compile/ui-layout';
import { buildSubmissionPackage } from '../forms/submission/package';
import { validateSubmission } from '../forms/submission/validate';
import { attachmentRef, citizenDocuments, resolveAttachments } from './attachments';
import type { ObjectStorage } from '../storage/object-storage';
import { findDossier, insertDossierWithEvent, type Applicant, type DossierRow } from './queries';
import { primeWorkflow, workflowStepsColumn, type WorkflowStep } from './workflow';

export const submitInput = z
  .object({
    procedureId: z.uuid(),
    data: z.record(z.string(), z.unknown()).default({}),
    attachments: z.array(attachmentRef).max(60).default([]),
  })
  .strict();
export type SubmitInput = z.infer<typeof submitInput>;

export const applicantInput = z
  .object({
    kind: z.enum(['citizen', 'organization']).default('citizen'),
    fullName: z.string().trim().min(1).max(300),
    pid: z
      .string()
      .regex(/^[0-9]{12}$/)
      .optional(),
    taxCode: z
      .string()
      .regex(/^[0-9]{10}(-[0-9]{3})?$/)
      .optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9]{9,15}$/)
      .optional(),
    email: z.email().optional(),
  })
  .strict();

export const deskEntryInput = submitInput.extend({
  channel: z.enum(['desk', 'post']),
  applicant: applicantInput,
});
export type DeskEntryInput = z.infer<typeof deskEntryInput>;

interface Target {
  procedure: {
    tenant_id: string;
    id: string;
    name: string;
    national_code: string;
    unit_code: string;
    fee_total: number;
  };
  form: {
    form_id: string;
    version: number;
    json_schema: JsonSchema;
    ui_layout: UiLayout;
    definition: VersionDefinition;
  } | null;
}

/**
 * The published procedure of an open unit and its latest published form, as the caller's context
 * sees them, in one statement that also brings the procedure's workflow (kept for the transaction).
 */
export async function submissionTarget(tx: Tx, procedureId: string): Promise<Target> {
  const row = (await tx('procedures as p')
    .join('tenants as u', 'u.id', 'p.tenant_id')
    .where({ 'p.id': procedureId, 'p.status': 'published', 'u.status': 'active' })
    .first(
      'p.tenant_id',
      'p.id',
      'p.name',
      'p.national_code',
      'u.code as unit_code',
      'p.fee_total',
      tx.raw(`(select row_to_json(latest) from (
         select f.id as form_id, v.version, v.json_schema, v.ui_layout, v.definition
           from forms f join form_versions v
             on v.tenant_id = f.tenant_id and v.form_id = f.id and v.version = f.latest_version
          where f.tenant_id = p.tenant_id and f.procedure_id = p.id
          order by v.published_at desc limit 1) as latest) as form`),
      tx.raw(workflowStepsColumn('p.tenant_id', 'p.id')),
    )) as (Target['procedure'] & { form: Target['form']; workflow_steps: WorkflowStep[] }) | undefined;
  if (!row)
    throw notFound({ vi: 'Không tìm thấy thủ tục đang áp dụng', en: 'No published procedure with this id' });
  const { form, workflow_steps: steps, ...procedure } = row;
  primeWorkflow(tx, procedure.id, steps);
  return { procedure, form: form ?? null };
}

export interface NewDossier {
  input: SubmitInput;
  applicant: Applicant;
  channel: 'online' | 'desk' | 'post';
  citizenId: string | null;
  idempotency: { scope: string; key: string } | null;
  receivingTenantId?: string | null;
  actor: { kind: string; id: string };
  store: ObjectStorage;
  documents?: Awaited<ReturnType<typeof citizenDocuments>>;
  now: Date;
}

async function existing(tx: Tx, idem: NewDossier['idempotency']): Promise<DossierRow | null> {
  if (!idem) return null;
  const row = (await tx('dossiers')
    .where({ idempotency_scope: idem.scope, idempotency_key: idem.key })
    .first('id')) as { id: string } | undefined;
  return row ? findDossier(tx, row.id) : null;
}

/**
 * Validates and stores a submitted dossier in its competent unit, with its first event. A retry
 * with the same idempotency key returns the first dossier (also when two copies race: the unique
 * key decides, and the loser reads the winner's row).
 */
export async function createDossier(
  tx: Tx,
  n: NewDossier,
): Promise<{ dossier: DossierRow; created: boolean }> {
  const first = await existing(tx, n.idempotency);
  if (first) return { dossier: first, created: false };
  const { procedure, form } = await submissionTarget(tx, n.input.procedureId);
  if (form)
    validateSubmission(
      {
        tenantId: procedure.tenant_id,
        formId: form.form_id,
        version: form.version,
        jsonSchema: form.json_schema,
        uiLayout: form.ui_layout,
      },
      n.input.data,
    );
  else if (Object.keys(n.input.data).length > 0 || n.channel === 'online')
    throw new AppError('validation_failed', {
      vi: 'Thủ tục chưa có biểu mẫu trực tuyến',
      en: 'The procedure has no online form',
    });
  const specs: AttachmentSpec[] = form?.definition.attachments ?? [];
  const attachments = await resolveAttachments(specs, n.input.attachments, n.store, n.documents ?? new Map());
  const pkg = buildSubmissionPackage({
    procedure: {
      tenantCode: procedure.unit_code,
      nationalCode: procedure.national_code,
      name: procedure.name,
    },
    form: { id: form?.form_id ?? '00000000-0000-4000-8000-000000000000', version: form?.version ?? 1 },
    applicant: n.applicant,
    data: n.input.data,
    attachments: attachments.map((a) => ({
      id: a.attachmentId,
      name: a.name,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
    })),
    submittedAt: n.now,
    channel: n.channel,
  });
  const values = {
    tenant_id: procedure.tenant_id,
    procedure_id: procedure.id,
    form_id: form?.form_id ?? null,
    form_version: form?.version ?? null,
    status: 'submitted',
    channel: n.channel,
    citizen_id: n.citizenId,
    applicant: n.applicant,
    applicant_name: n.applicant.fullName,
    data: n.input.data,
    attachments,
    package: pkg,
    idempotency_scope: n.idempotency?.scope ?? null,
    idempotency_key: n.idempotency?.key ?? null,
    receiving_tenant_id: n.receivingTenantId ?? null,
    submitted_at: n.now,
    // What the applicant owes is fixed now: a later price change does not reach this dossier.
    fee_total: procedure.fee_total,
  };
  // The dossier and its first event in one statement; a taken idempotency key inserts nothing
  // (a concurrent twin waits for the first's commit) and the first dossier is the answer.
  const dossier = await insertDossierWithEvent(tx, values, {
    at: n.now,
    actor_kind: n.actor.kind,
    actor_id: n.actor.id,
    action: 'submit',
    from_status: null,
    to_status: 'submitted',
    reason: null,
    data: { channel: n.channel },
  });
  if (!dossier) {
    const first = await existing(tx, n.idempotency);
    if (!first) throw new Error('a dossier insert conflicted without an idempotency key');
    return { dossier: first, created: false };
  }
  return { dossier, created: true };
}

/**
 * A signed-in citizen submits online. Their own reads (who they are, the papers of their data store)
 * run in their citizen transaction; the insert into the competent unit's dossiers needs the system
 * transaction — the escape hatch, because a citizen belongs to no unit and may submit to any.
 */
export async function submitDossier(
  transactor: Transactor,
  citizenId: string,
  input: SubmitInput,
  idempotencyKey: string | null,
  store: ObjectStorage,
  now: Date = new Date(),
) {
  const { citizen, documents } = await transactor.withCitizen(citizenId, async (tx) => ({
    citizen: (await tx('citizens').where({ id: citizenId }).first('full_name', 'pid', 'email', 'phone')) as {
      full_name: string;
      pid: string;
      email: string | null;
      phone: string | null;
    },
    documents: await citizenDocuments(tx, input.attachments),
  }));
  const applicant: Applicant = {
    kind: 'citizen',
    fullName: citizen.full_name,
    pid: citizen.pid,
    ...(citizen.email ? { email: citizen.email } : {}),
    ...(citizen.phone && /^\+?[0-9]{9,15}$/.test(citizen.phone) ? { phone: citizen.phone } : {}),
  };
  return transactor.withSystem((tx) =>
    createDossier(tx, {
      input,
      applicant,
      channel: 'online',
      citizenId,
      store,
      documents,
      now,
      idempotency: idempotencyKey ? { scope: `citizen:${citizenId}`, key: idempotencyKey } : null,
      actor: { kind: 'citizen', id: citizenId },
    }),
  );
}
