import type { Tx } from '../../db/transactor';
import { conflict, notFound } from '../../errors';
import { appendPlatformAudit, systemClock, type AuditActorRef, type Clock } from '../audit/audit-log';
import { findProcedureField, insertProcedureField, updateProcedureFieldRow } from './queries';
import type { ProcedureField } from './schema';

/** The operator keeps the national list of fields of activity; every unit reads it. */
export async function createProcedureField(
  tx: Tx,
  input: { code: string; name: string; nameEn?: string | null },
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<ProcedureField> {
  if (await findProcedureField(tx, input.code))
    throw conflict(
      { vi: `Lĩnh vực mã ${input.code} đã có`, en: `Field of activity ${input.code} already exists` },
      [{ path: 'code', message: 'Mã lĩnh vực đã có', message_en: 'Code already in use' }],
    );
  const field = await insertProcedureField(tx, {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn ?? null,
  });
  await appendPlatformAudit(
    tx,
    actor,
    { action: 'procedure_field.created', entityType: 'procedure_field', entityId: field.code, data: field },
    clock,
  );
  return field;
}

/** Renaming a field renames it in every unit's catalog and in the public search (migration 0120). */
export async function updateProcedureField(
  tx: Tx,
  code: string,
  input: { name?: string; nameEn?: string | null },
  actor: AuditActorRef,
  clock: Clock = systemClock,
): Promise<ProcedureField> {
  const before = await findProcedureField(tx, code);
  if (!before) throw notFound({ vi: 'Không tìm thấy lĩnh vực', en: 'Field of activity not found' });
  const field = await updateProcedureFieldRow(tx, code, input);
  if (!field) throw notFound({ vi: 'Không tìm thấy lĩnh vực', en: 'Field of activity not found' });
  await appendPlatformAudit(
    tx,
    actor,
    {
      action: 'procedure_field.updated',
      entityType: 'procedure_field',
      entityId: code,
      data: { before, change: input },
    },
    clock,
  );
  return field;
}
