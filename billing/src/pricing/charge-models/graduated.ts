import { assertDong, type Dong } from '../money';
import type { GraduatedOverage } from '../schema';

export interface TierLine {
  /** Dossiers over quota, first and last of this tier (1-based). */
  from: number;
  to: number;
  quantity: number;
  unitPrice: Dong;
  amount: Dong;
}

/**
 * Graduated tiers: the first upTo₁ dossiers over quota at price₁, the next up to upTo₂ at price₂…
 * Each dossier is priced by the tier it falls in (not volume pricing, where one tier prices all).
 * Returns one line per tier used, which the overage invoice shows.
 */
export function graduatedLines(overQuota: number, pricing: GraduatedOverage): TierLine[] {
  const lines: TierLine[] = [];
  let done = 0;
  for (const tier of pricing.tiers) {
    if (done >= overQuota) break;
    const ceiling = tier.upTo ?? Infinity;
    const quantity = Math.min(overQuota, ceiling) - done;
    if (quantity <= 0) continue;
    lines.push({
      from: done + 1,
      to: done + quantity,
      quantity,
      unitPrice: tier.unitPrice,
      amount: assertDong(quantity * tier.unitPrice),
    });
    done += quantity;
  }
  return lines;
}

export function graduatedCharge(overQuota: number, pricing: GraduatedOverage): Dong {
  return assertDong(
    graduatedLines(overQuota, pricing).reduce((sum, l) => sum + l.amount, 0),
    'overage charge',
  );
}
