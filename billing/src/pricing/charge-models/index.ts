import type { Dong } from '../money';
import type { OveragePricing } from '../schema';
import { flatCharge } from './flat';
import { graduatedCharge } from './graduated';

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
