import { assertDong, type Dong } from '../money';
import type { FlatOverage } from '../schema';

/** Every dossier over the quota at one price. */
export function flatCharge(overQuota: number, pricing: FlatOverage): Dong {
  return assertDong(overQuota * pricing.unitPrice, 'overage charge');
}
