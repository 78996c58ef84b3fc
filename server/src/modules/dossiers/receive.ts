import type { Tx } from '../../db/transactor';
import { receptionContracts } from '../../../../metering/src/index';
import { enqueue } from '../../jobs/outbox';
import '../../jobs/catalog';
import { loadCalendarFor } from '../calendar/load-calendar';
import { dueDateWithPauses } from '../calendar/working-days';
import { nextDossierCode } from '../dossier-codes/dossier-code';
import { receptionUsage } from '../usage/record-usage';
import { procedureFacts } from './procedure-facts';
import type { DossierRow } from './queries';
import { actionsFor, illegalMove, lockDossier, transition, type DossierActor } from './transition';

const fmtDate = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);

/**
 * Reception (tiếp nhận), one transaction: the move must be legal; the owning unit must be allowed to
 * receive (active contract, not suspended — the answer says why); then the code (gap-free per unit
 * and day), the due date in working days, exactly one usage event for the owning unit, the
 * applicant's accepted papers into their data store, and the e-mail through the outbox. Runs in the
 * owning unit's transaction, or the system one when a desk receives for another unit.
 */
export async function receiveDossier(
  tx: Tx,
  id: string,
  actor: DossierActor,
  now: Date,
): Promise<DossierRow> {
  const d = await lockDossier(tx, id);
  const allowed = await actionsFor(tx, d, actor.roles);
  if (!allowed.includes('receive')) throw illegalMove('receive', d.status, allowed);
  const { contracts } = await receptionContracts(tx, d.tenant_id, now);
  const proc = await procedureFacts(tx, d);
  const calendar = await loadCalendarFor(tx, now, proc.processing_days);
  const dueAt = dueDateWithPauses(now, proc.processing_days, [], calendar)!;
  const code = await nextDossierCode(tx, { tenantId: d.tenant_id, unitCode: proc.unit_code, at: now });
  const received = await transition(
    tx,
    d,
    'receive',
    actor,
    {
      data: { code, dueAt: dueAt.toISOString(), processingDays: proc.processing_days },
      patch: {
        code,
        received_at: now,
        received_by: `${actor.kind}:${actor.id}`,
        due_at: dueAt,
        processing_days: proc.processing_days,
      },
    },
    now,
  );
  await receptionUsage(
    tx,
    {
      tenantId: d.tenant_id,
      metric: 'dossier.received',
      quantity: 1,
      occurredAt: now,
      idempotencyKey: `dossier.received.${d.id}`,
      dossierId: d.id,
    },
    now,
    contracts,
  );
  if (d.citizen_id) {
    // The unit may deposit but not read the store, so ON CONFLICT (which needs to see rows) is out:
    // each paper goes in under a savepoint and a paper the store already holds is skipped.
    for (const a of d.attachments.filter((x) => x.source === 'upload'))
      await tx
        .transaction((sp) =>
          sp('citizen_documents').insert({
            citizen_id: d.citizen_id,
            kind: 'paper',
            name: a.name,
            mime: a.mime,
            size: a.size,
            sha256: a.sha256,
            issuer_tenant_id: d.tenant_id,
            dossier_id: d.id,
          }),
        )
        .catch((err: unknown) => {
          if ((err as { constraint?: string }).constraint !== 'citizen_documents_once') throw err;
        });
  }
  const email = d.applicant.email;
  if (email)
    await enqueue(tx, {
      tenantId: d.tenant_id,
      queue: 'notifications',
      name: 'send-email',
      jobKey: `dossier-received.${d.id}`,
      payload: {
        to: [email],
        subject: `[MotCua] Đã tiếp nhận hồ sơ ${code} / Dossier ${code} received`,
        text: [
          `${proc.unit_name} đã tiếp nhận hồ sơ "${proc.name}" của ông/bà ${d.applicant_name}.`,
          `Mã hồ sơ: ${code}. Hẹn trả kết quả: ${fmtDate(dueAt)}.`,
          '',
          `Your dossier "${proc.name}" was received with code ${code}; the result is due ${dueAt.toISOString()}.`,
        ].join('\n'),
      },
    });
  return received;
}
