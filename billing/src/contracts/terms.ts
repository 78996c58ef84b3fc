import { contractYearDays, inclusiveDays, type IsoDate } from '../pricing/dates';
import { prorate, splitInstalments } from '../pricing/proration';

/** What pricing needs of a contract and its plan version; pure, so it is tested without a database. */
export interface ContractTermsInput {
  startDate: IsoDate;
  endDate: IsoDate;
  endedOn: IsoDate | null;
  includedDossiers: number;
  annualFee: number;
  quotaOverride: number | null;
  priceOverride: number | null;
  /** Overrides count only once finance has approved them. */
  overrideApproved: boolean;
  instalments: number;
}

export interface ContractTerms {
  lastDay: IsoDate;
  contractDays: number;
  activeDays: number;
  quota: number;
  leaseFee: number;
  leaseInstalments: number[];
}

export function contractTerms(c: ContractTermsInput): ContractTerms {
  const lastDay = c.endedOn ?? c.endDate;
  const contractDays = contractYearDays(c.startDate);
  const activeDays = inclusiveDays(c.startDate, lastDay);
  const annualQuota = c.overrideApproved && c.quotaOverride !== null ? c.quotaOverride : c.includedDossiers;
  const annualFee = c.overrideApproved && c.priceOverride !== null ? c.priceOverride : c.annualFee;
  const leaseFee = prorate(annualFee, contractDays, activeDays);
  return {
    lastDay,
    contractDays,
    activeDays,
    quota: prorate(annualQuota, contractDays, activeDays),
    leaseFee,
    leaseInstalments: splitInstalments(leaseFee, c.instalments),
  };
}
