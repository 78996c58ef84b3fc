import type { Contract } from '../contracts/schema';
import { graduatedLines } from '../pricing/charge-models/graduated';
import { addDays } from '../pricing/dates';
import { formatViInteger as fmtInt } from '../pricing/money';
import type { OveragePricing } from '../pricing/schema';
import { vat } from '../pricing/vat';
import { DEFAULT_PAYMENT_TERMS_DAYS, type InvoiceDraft, type InvoiceLineDraft } from './schema';

/** What a draft needs beyond the contract: its plan version's overage pricing and payment terms. */
export interface DraftTerms {
  overage: OveragePricing;
  paymentTermsDays: number | null;
}

export const fmtDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The first day of instalment i (1-based) of n: the covered days split evenly, the rest late. */
export function instalmentStart(c: Contract, i: number): string {
  return addDays(c.startDate, Math.floor(((i - 1) * c.activeDays) / c.instalments));
}

export function instalmentEnd(c: Contract, i: number): string {
  return i === c.instalments ? c.lastDay : addDays(instalmentStart(c, i + 1), -1);
}

/**
 * The draft with its totals. Built field by field: object spreads cost more than the rest of a
 * draft together (V8 copies them slowly), and an invoice run builds 10,000s of drafts.
 */
export function draftWithTotals(
  c: Contract,
  t: DraftTerms,
  what: Pick<InvoiceDraft, 'kind' | 'instalment' | 'instalments' | 'periodStart' | 'periodEnd'>,
  lines: InvoiceLineDraft[],
): InvoiceDraft {
  let subtotal = 0;
  for (const l of lines) subtotal += l.amount;
  const vatAmount = vat(subtotal, c.vatRateBp);
  return {
    tenantId: c.tenantId,
    tenantCode: c.tenantCode,
    tenantName: c.tenantName,
    contractId: c.id,
    planVersionId: c.planVersionId,
    kind: what.kind,
    instalment: what.instalment,
    instalments: what.instalments,
    periodStart: what.periodStart,
    periodEnd: what.periodEnd,
    lines,
    subtotal,
    vatRateBp: c.vatRateBp,
    vatAmount,
    total: subtotal + vatAmount,
    paymentTermsDays: t.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS,
  };
}

/**
 * The lease invoice of instalment i: the contract's lease fee (already prorated by days and
 * overridden when finance approved) split into its instalments, which sum exactly to the fee.
 */
export function leaseDraft(c: Contract, t: DraftTerms, i: number): InvoiceDraft | null {
  const amount = c.leaseInstalments[i - 1];
  if (amount === undefined || amount === 0) return null;
  const periodStart = instalmentStart(c, i);
  const periodEnd = instalmentEnd(c, i);
  const part =
    c.instalments > 1
      ? { vi: ` (kỳ ${i}/${c.instalments})`, en: ` (instalment ${i} of ${c.instalments})` }
      : { vi: '', en: '' };
  const prorated =
    c.activeDays < c.contractDays
      ? {
          vi: `, tính theo ${c.activeDays}/${c.contractDays} ngày`,
          en: `, prorated ${c.activeDays}/${c.contractDays} days`,
        }
      : { vi: '', en: '' };
  const lines: InvoiceLineDraft[] = [
    {
      lineNo: 1,
      kind: 'lease',
      descriptionVi: `Phí thuê dịch vụ ${c.planName} từ ${fmtDate(c.startDate)} đến ${fmtDate(c.lastDay)}${prorated.vi}${part.vi}`,
      descriptionEn: `Service lease ${c.planName}, ${c.startDate} to ${c.lastDay}${prorated.en}${part.en}`,
      quantity: 1,
      unitPrice: amount,
      amount,
      tierFrom: null,
      tierTo: null,
    },
  ];
  return draftWithTotals(
    c,
    t,
    { kind: 'lease', instalment: i, instalments: c.instalments, periodStart, periodEnd },
    lines,
  );
}

/**
 * The overage invoice at the contract year's end: max(0, used − quota) priced by the contract's own
 * plan version, one line per tier used. Null when the quota was not exceeded.
 */
export function overageDraft(c: Contract, t: DraftTerms, used: number): InvoiceDraft | null {
  const over = Math.max(0, used - c.quota);
  if (over === 0) return null;
  const head = `${fmtInt(used)} hồ sơ tiếp nhận / định mức ${fmtInt(c.quota)}`;
  const headEn = `${used} dossiers received / quota ${c.quota}`;
  const tiers =
    t.overage.model === 'flat'
      ? [
          {
            from: 1,
            to: over,
            quantity: over,
            unitPrice: t.overage.unitPrice,
            amount: over * t.overage.unitPrice,
          },
        ]
      : graduatedLines(over, t.overage);
  const graduated = t.overage.model === 'graduated';
  const lines: InvoiceLineDraft[] = tiers.map((tier, i) => ({
    lineNo: i + 1,
    kind: 'overage',
    descriptionVi: graduated
      ? `Cước vượt định mức, bậc ${i + 1}: hồ sơ vượt thứ ${fmtInt(tier.from)}–${fmtInt(tier.to)} (${head})`
      : `Cước vượt định mức: ${fmtInt(over)} hồ sơ (${head})`,
    descriptionEn: graduated
      ? `Overage, tier ${i + 1}: dossiers ${tier.from}–${tier.to} over quota (${headEn})`
      : `Overage: ${over} dossiers (${headEn})`,
    quantity: tier.quantity,
    unitPrice: tier.unitPrice,
    amount: tier.amount,
    tierFrom: tier.from,
    tierTo: tier.to,
  }));
  const what = {
    kind: 'overage',
    instalment: 1,
    instalments: 1,
    periodStart: c.startDate,
    periodEnd: c.lastDay,
  } as const;
  return draftWithTotals(c, t, what, lines);
}
