import type { Tx } from '../../db/transactor';
import { AppError, conflict, notFound } from '../../errors';
import { appendTenantAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import {
  findProcedure,
  findProcedureField,
  findProceduresByCodes,
  insertProcedure,
  updateProcedureRow,
} from './queries';
import type { CreateProcedureInput, Procedure, ProcedureAction, UpdateProcedureInput } from './schema';
import { nextStatus } from './status';

export const procedureNotFound = () => notFound({ vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' });

/** Uniqueness is per unit, so the message speaks of this unit's catalog only. */
export const duplicateCode = (code: string) =>
  conflict(
    {
      vi: `Danh mục của đơn vị đã có thủ tục mã ${code}`,
      en: `This unit's catalog already has a procedure with code ${code}`,
    },
    [
      {
        path: 'nationalCode',
        message: 'Mã TTHC đã có trong danh mục của đơn vị',
        message_en: "Code already in this unit's catalog",
      },
    ],
  );

async function assertFieldExists(tx: Tx, code: string): Promise<void> {
  if (await findProcedureField(tx, code)) return;
  throw new AppError('validation_failed', { vi: 'Lĩnh vực không tồn tại', en: 'Unknown field of activity' }, [
    {
      path: 'fieldCode',
      message: `Không có lĩnh vực mã ${code}`,
      message_en: `No field of activity ${code}`,
    },
  ]);
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string; constraint?: string })?.constraint === 'procedures_national_code_key';
}

/** Adds a draft procedure to the caller's unit. */
export async function createProcedure(
  tx: Tx,
  tenantId: string,
  input: CreateProcedureInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Procedure> {
  await assertFieldExists(tx, input.fieldCode);
  if ((await findProceduresByCodes(tx, [input.nationalCode])).size > 0)
    throw duplicateCode(input.nationalCode);
  const created = await insertProcedure(tx, tenantId, input).catch((err: unknown) => {
    throw isUniqueViolation(err) ? duplicateCode(input.nationalCode) : err;
  });
  await appendTenantAudit(
    tx,
    tenantId,
    actor,
    {
      action: 'procedure.created',
      entityType: 'procedure',
      entityId: created.id,
      data: { nationalCode: created.nationalCode, name: created.name },
    },
    clock,
  );
  return created;
}

export async function getProcedure(tx: Tx, id: string): Promise<Procedure> {
  const p = await findProcedure(tx, id);
  if (!p) throw procedureNotFound();
  return p;
}

export async function updateProcedure(
  tx: Tx,
  tenantId: string,
  id: string,
  input: UpdateProcedureInput,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Procedure> {
  const current = await getProcedure(tx, id);
  if (input.fieldCode && input.fieldCode !== current.fieldCode) await assertFieldExists(tx, input.fieldCode);
  if (input.nationalCode && input.nationalCode !== current.nationalCode) {
    if ((await findProceduresByCodes(tx, [input.nationalCode])).size > 0)
      throw duplicateCode(input.nationalCode);
  }
  const updated = await updateProcedureRow(tx, id, input, clock()).catch((err: unknown) => {
    throw isUniqueViolation(err) ? duplicateCode(input.nationalCode ?? current.nationalCode) : err;
  });
  if (!updated) throw procedureNotFound();
  await appendTenantAudit(
    tx,
    tenantId,
    actor,
    { action: 'procedure.updated', entityType: 'procedure', entityId: id, data: { change: input } },
    clock,
  );
  return updated;
}

/** publish / archive, through the transition table. */
export async function changeProcedureStatus(
  tx: Tx,
  tenantId: string,
  id: string,
  action: ProcedureAction,
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<Procedure> {
  const current = await getProcedure(tx, id);
  const status = nextStatus(current.status, action);
  const updated = await updateProcedureRow(tx, id, { status }, clock());
  if (!updated) throw procedureNotFound();
  await appendTenantAudit(
    tx,
    tenantId,
    actor,
    {
      action: `procedure.${action === 'publish' ? 'published' : 'archived'}`,
      entityType: 'procedure',
      entityId: id,
      data: { from: current.status, to: status },
    },
    clock,
  );
  return updated;
}
