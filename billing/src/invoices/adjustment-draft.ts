import type { Contract } from '../contracts/schema';
import { overageLinesBetween } from '../pricing/charge-models/index';
import { formatViInteger as fmtInt } from '../pricing/money';
import { draftWithTotals, fmtDate, type DraftTerms } from './draft';
import type { InvoiceDraft, InvoiceLineDraft } from './schema';

/** A closed contract year's usage as an adjustment sees it. */
export interface LateUsage {
  /** Every dossier received in the year, the late ones included. */
  used: number;
  /** Dossiers over quota already billed by the year's overage and adjustment invoices (not void). */
  billedOver: number;
  /** The year's last adjustment number (void ones included): this one is the next. */
  lastAdjustment: number;
  /** Numbers of the issued invoices it adds to, e.g. VM-2027-0000003. */
  billedNumbers: string[];
}

/**
 * The adjustment invoice (hóa đơn bổ sung) of a closed contract year that received dossiers after
 * it was closed: its overage recomputed with them, minus what was already billed, priced by the
 * contract's own plan version — one line per tier the added dossiers fall in. Null when the year
 * is still within its quota (or nothing is added): the late usage is then settled without one.
 */
export function adjustmentDraft(c: Contract, t: DraftTerms, late: LateUsage): InvoiceDraft | null {
  const over = Math.max(0, late.used - c.quota);
  const lines = overageLinesBetween(late.billedOver, over, t.overage);
  if (lines.length === 0) return null;
  const year = `${fmtDate(c.startDate)}–${fmtDate(c.lastDay)}`;
  const refs = late.billedNumbers.length > 0 ? late.billedNumbers.join(', ') : null;
  const vi = `${fmtInt(late.used)} hồ sơ tiếp nhận / định mức ${fmtInt(c.quota)}, đã lập hóa đơn ${fmtInt(late.billedOver)} hồ sơ vượt${refs ? ` (${refs})` : ''}`;
  const en = `${late.used} dossiers received / quota ${c.quota}, ${late.billedOver} over quota already billed${refs ? ` (${refs})` : ''}`;
  const graduated = t.overage.model === 'graduated';
  const out: InvoiceLineDraft[] = lines.map((l, i) => ({
    lineNo: i + 1,
    kind: 'overage',
    descriptionVi: `Bổ sung cước vượt định mức năm hợp đồng ${year}${graduated ? `, bậc ${l.tier}` : ''}: hồ sơ vượt thứ ${fmtInt(l.from)}–${fmtInt(l.to)} ghi nhận sau khi khóa sổ (${vi})`,
    descriptionEn: `Additional overage for contract year ${c.startDate} to ${c.lastDay}${graduated ? `, tier ${l.tier}` : ''}: dossiers ${l.from}–${l.to} over quota, recorded after the year was closed (${en})`,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    amount: l.amount,
    tierFrom: l.from,
    tierTo: l.to,
  }));
  return draftWithTotals(
    c,
    t,
    {
      kind: 'adjustment',
      instalment: late.lastAdjustment + 1,
      instalments: 1,
      periodStart: c.startDate,
      periodEnd: c.lastDay,
    },
    out,
  );
}
