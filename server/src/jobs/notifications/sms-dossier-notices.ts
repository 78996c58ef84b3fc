import type { Tx } from '../../db/transactor';
import type { DossierRow } from '../../modules/dossiers/queries';
import type { DossierAction } from '../../modules/dossiers/transitions';
import { enqueue } from '../outbox';
import './send-email';
import './sms-send';

/**
 * The applicant's notices on the three events seed 003 names: reception, a supplement request and
 * the result being ready — SMS when the applicant gave a phone, e-mail when they gave an address
 * (reception's e-mail is already sent by receive.ts, with the due date). Enqueued through the
 * outbox in the action's own transaction, so a notice exists iff its action committed; job keys are
 * deterministic so one action enqueues each notice once.
 */
type Notice = 'received' | 'supplement' | 'result';

function noticeOf(action: DossierAction, after: DossierRow): Notice | null {
  if (action === 'receive') return 'received';
  if (action === 'request-supplement') return 'supplement';
  if (after.status === 'result_issued' && action === 'result') return 'result';
  return null;
}

const day = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);

interface Names {
  procedure: string;
  unit: string;
}

/** Vietnamese first, with every diacritic (the gateway carries Unicode); short enough for 2–3 SMS parts. */
export function smsText(notice: Notice, d: DossierRow, n: Names, reason: string | null): string {
  const code = d.code ?? '';
  switch (notice) {
    case 'received':
      return `${n.unit} đã tiếp nhận hồ sơ ${code} (${n.procedure}). Hẹn trả kết quả: ${d.due_at ? day(d.due_at) : '—'}.`;
    case 'supplement':
      return `${n.unit} yêu cầu bổ sung hồ sơ ${code || n.procedure}: ${(reason ?? '').slice(0, 200)}`;
    case 'result':
      return `Hồ sơ ${code} (${n.procedure}) đã có kết quả. Mời ông/bà nhận kết quả tại ${n.unit} hoặc trực tuyến.`;
  }
}

function emailOf(notice: Exclude<Notice, 'received'>, d: DossierRow, n: Names, reason: string | null) {
  const code = d.code ?? n.procedure;
  if (notice === 'supplement')
    return {
      subject: `[MotCua] Yêu cầu bổ sung hồ sơ ${code} / Supplement requested for ${code}`,
      text: [
        `${n.unit} yêu cầu ông/bà ${d.applicant_name} bổ sung hồ sơ "${n.procedure}".`,
        `Nội dung cần bổ sung: ${reason ?? ''}`,
        '',
        `Please supplement your dossier "${n.procedure}": ${reason ?? ''}`,
      ].join('\n'),
    };
  return {
    subject: `[MotCua] Hồ sơ ${code} đã có kết quả / Result ready for ${code}`,
    text: [
      `Hồ sơ "${n.procedure}" của ông/bà ${d.applicant_name} đã có kết quả.`,
      `Mời ông/bà nhận kết quả tại ${n.unit} hoặc tải về trên Cổng Dịch vụ công.`,
      '',
      `The result of your dossier "${n.procedure}" is ready.`,
    ].join('\n'),
  };
}

export async function notifyApplicant(
  tx: Tx,
  after: DossierRow,
  action: DossierAction,
  reason: string | null,
): Promise<void> {
  const notice = noticeOf(action, after);
  const { phone, email } = after.applicant;
  if (!notice || (!phone && (!email || notice === 'received'))) return;
  const n = (await tx('procedures as p')
    .join('tenants as u', 'u.id', 'p.tenant_id')
    .where({ 'p.tenant_id': after.tenant_id, 'p.id': after.procedure_id })
    .first('p.name as procedure', 'u.name as unit')) as Names;
  // The version makes a second supplement request of the same dossier a notice of its own.
  const key = `dossier-${notice}.${after.id}.${after.version}`;
  if (phone)
    await enqueue(tx, {
      tenantId: after.tenant_id,
      queue: 'notifications',
      name: 'send-sms',
      jobKey: `${key}.sms`,
      payload: { to: phone, text: smsText(notice, after, n, reason) },
    });
  if (email && notice !== 'received')
    await enqueue(tx, {
      tenantId: after.tenant_id,
      queue: 'notifications',
      name: 'send-email',
      jobKey: `${key}.email`,
      payload: { to: [email], ...emailOf(notice, after, n, reason) },
    });
}
