import { assertDong, mulDivRoundHalfUp, type Dong } from './money';

/** VAT on an amount at a rate in basis points (1000 = 10%), rounded half up to the đồng. */
export function vat(amount: number, rateBp: number): Dong {
  assertDong(amount);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000)
    throw new RangeError('VAT rate must be 0…10000 basis points');
  return mulDivRoundHalfUp(amount, rateBp, 10_000);
}
