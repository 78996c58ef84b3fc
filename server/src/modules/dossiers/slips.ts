import type { Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import {
  renderApologySlip,
  renderReceiptSlip,
  renderRefusalSlip,
  renderSupplementRequest,
} from '../documents/index';
import type { Applicant as SlipApplicant, SlipUnit } from '../documents/index';
import { findDossier, listEvents, type DossierRow, type EventRow } from './queries';
import { dossierNotFound } from './transition';
import { procedureFacts } from './procedure-facts';

export const SLIP_KINDS = ['receipt', 'refusal', 'supplement', 'apology'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];
const ACTION_OF: Record<SlipKind, string> = {
  receipt: 'receive',
  refusal: 'refuse',
  supplement: 'request-supplement',
  apology: 'apologize',
};

const noSlip = () => notFound({ vi: 'Hồ sơ chưa có phiếu này', en: 'This dossier has no such slip yet' });

/** The officer's name when a person acted; a key or the system prints the desk's name. */
async function officerName(tx: Tx, e: EventRow): Promise<string> {
  if (e.actor_kind === 'staff' && e.actor_id) {
    const s = (await tx('staff_users').where({ id: e.actor_id }).first('full_name')) as
      { full_name: string } | undefined;
    if (s) return s.full_name;
  }
  return 'Bộ phận Một cửa';
}

/**
 * Renders one of the dossier's printable slips (part C's renderers) in the unit's transaction, from
 * the dossier and the event that produced the slip (the latest one: a second supplement request
 * prints the second). The QR code of the receipt points at the public tracking page.
 */
export async function renderDossierSlip(
  tx: Tx,
  id: string,
  kind: SlipKind,
  publicUrl: string,
): Promise<{ pdf: Uint8Array; filename: string }> {
  const d: DossierRow | null = await findDossier(tx, id);
  if (!d) throw dossierNotFound();
  const event = (await listEvents(tx, d)).filter((e) => e.action === ACTION_OF[kind]).at(-1);
  if (!event) throw noSlip();
  const p = await procedureFacts(tx, d);
  const unit: SlipUnit = { name: p.unit_name, code: p.unit_code };
  const a = d.applicant;
  const applicant: SlipApplicant = {
    fullName: a.fullName,
    ...((a.pid ?? a.taxCode) ? { pid: a.pid ?? a.taxCode } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
  const officer = await officerName(tx, event);
  const code = d.code ?? '';
  const base = { unit, procedureName: p.name, applicant };
  let pdf: Uint8Array;
  switch (kind) {
    case 'receipt':
      if (!d.code || !d.received_at || !d.due_at) throw noSlip();
      pdf = await renderReceiptSlip({
        ...base,
        dossierCode: d.code,
        receivedAt: d.received_at,
        dueAt: d.due_at,
        deskOfficer: officer,
        ...(d.processing_days !== null ? { processingDays: d.processing_days } : {}),
        papers: d.attachments.map((x) => ({
          name: x.name,
          originals: 0,
          copies: 1,
          note: x.source === 'data_store' ? 'Kho dữ liệu' : 'Bản điện tử',
        })),
        trackingUrl: `${publicUrl}/tra-cuu/${encodeURIComponent(d.code)}`,
      });
      break;
    case 'refusal':
      pdf = await renderRefusalSlip({
        ...base,
        ...(d.code ? { dossierCode: d.code } : {}),
        reasons: [event.reason ?? ''],
        refusedAt: event.at,
        deskOfficer: officer,
      });
      break;
    case 'supplement':
      pdf = await renderSupplementRequest({
        ...base,
        dossierCode: code || '—',
        items: [event.reason ?? ''],
        requestedAt: event.at,
        deskOfficer: officer,
      });
      break;
    case 'apology': {
      const newDueAt = typeof event.data.newDueAt === 'string' ? new Date(event.data.newDueAt) : null;
      if (!d.received_at || !d.due_at || !newDueAt) throw noSlip();
      pdf = await renderApologySlip({
        ...base,
        dossierCode: code,
        receivedAt: d.received_at,
        dueAt: d.due_at,
        newDueAt,
        reason: event.reason ?? '',
        issuedAt: event.at,
      });
      break;
    }
  }
  return { pdf, filename: `${kind}-${code || d.id}.pdf` };
}
