import { assertDong, type Dong } from '../money';
import type { OveragePricing } from '../schema';
import { flatCharge } from './flat';
import { graduatedCharge, graduatedLines, type TierLine } from './graduated';

/** One strategy per pricing model (Lago's charge_models): the factory picks it by the model name. */
export type ChargeModel = (overQuota: number) => Dong;

export function chargeModelFor(pricing: OveragePricing): ChargeModel {
  switch (pricing.model) {
    case 'flat':
      return (q) => flatCharge(q, pricing);
    case 'graduated':
      return (q) => graduatedCharge(q, pricing);
  }
}

/** The charge for dossiers used over the quota; none when the quota is met exactly or not reached. */
export function overageCharge(usedOverQuota: number, pricing: OveragePricing): Dong {
  if (!Number.isInteger(usedOverQuota)) throw new RangeError('usedOverQuota must be an integer');
  if (usedOverQuota <= 0) return 0;
  return chargeModelFor(pricing)(usedOverQuota);
}

/** A tier line with its tier's number (1-based; a flat price is one tier). */
export interface NumberedTierLine extends TierLine {
  tier: number;
}

/**
 * The tier lines of the dossiers over quota numbered billedOver+1 … over: what an adjustment adds
 * to a year whose first billedOver dossiers over quota were already billed. Their sum is
 * overageCharge(over) − overageCharge(billedOver), each dossier at its own tier's price.
 */
export function overageLinesBetween(
  billedOver: number,
  over: number,
  pricing: OveragePricing,
): NumberedTierLine[] {
  if (!Number.isInteger(billedOver) || !Number.isInteger(over) || billedOver < 0)
    throw new RangeError('billedOver and over must be non-negative integers');
  if (over <= billedOver) return [];
  const all: TierLine[] =
    pricing.model === 'flat'
      ? [
          {
            from: 1,
            to: over,
            quantity: over,
            unitPrice: pricing.unitPrice,
            amount: flatCharge(over, pricing),
          },
        ]
      : graduatedLines(over, pricing);
  const out: NumberedTierLine[] = [];
  all.forEach((l, i) => {
    const from = Math.max(l.from, billedOver + 1);
    if (from > l.to) return;
    const quantity = l.to - from + 1;
    out.push({
      tier: i + 1,
      from,
      to: l.to,
      quantity,
      unitPrice: l.unitPrice,
      amount: assertDong(quantity * l.unitPrice),
    });
  });
  return out;
}
