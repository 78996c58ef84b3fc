export * from './money';
export * from './dates';
export * from './proration';
export * from './vat';
export * from './schema';
export {
  chargeModelFor,
  overageCharge,
  overageLinesBetween,
  type ChargeModel,
  type NumberedTierLine,
} from './charge-models/index';
export { graduatedLines, type TierLine } from './charge-models/graduated';
