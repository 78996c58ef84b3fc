import { z } from 'zod';
import { isoDate, paymentTermsDays } from '../plans/schema';

export const CONTRACT_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

const dong = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const reason = z.string().trim().min(1).max(1000);

/** Give the plan (its version in force on the start date is taken) or one exact version. */
const planChoice = {
  planId: z.uuid().optional(),
  planVersionId: z.uuid().optional(),
};

export const createContractInput = z
  .object({
    tenantId: z.uuid(),
    ...planChoice,
    startDate: isoDate,
    /** Defaults to the end of a full contract year. */
    endDate: isoDate.optional(),
    quotaOverride: z.number().int().min(0).max(1_000_000_000).nullish(),
    priceOverride: dong.nullish(),
    instalments: z.number().int().min(1).max(12).default(1),
    /** Days to pay its invoices after issue; null: the plan version's (else 30). */
    paymentTermsDays: paymentTermsDays.nullish(),
  })
  .strict()
  .refine((c) => Boolean(c.planId) !== Boolean(c.planVersionId), {
    path: ['planId'],
    error: 'Chọn đúng một trong planId hoặc planVersionId / give exactly one of planId or planVersionId',
  });
export type CreateContractInput = z.infer<typeof createContractInput>;

export const renewContractInput = z
  .object({
    ...planChoice,
    /** Defaults to the day after the current contract's last day. */
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    quotaOverride: z.number().int().min(0).max(1_000_000_000).nullish(),
    priceOverride: dong.nullish(),
    instalments: z.number().int().min(1).max(12).optional(),
    /** Defaults to the current contract's own terms. */
    paymentTermsDays: paymentTermsDays.nullish(),
  })
  .strict()
  .refine((c) => !(c.planId && c.planVersionId), {
    path: ['planId'],
    error: 'Chọn tối đa một trong planId hoặc planVersionId / give at most one of planId or planVersionId',
  });
export type RenewContractInput = z.infer<typeof renewContractInput>;

/**
 * Proposes overrides (they wait for finance's approval again), changes the instalments or the
 * payment terms (invoices already drafted keep theirs).
 */
export const updateContractInput = z
  .object({
    quotaOverride: z.number().int().min(0).max(1_000_000_000).nullish(),
    priceOverride: dong.nullish(),
    instalments: z.number().int().min(1).max(12).optional(),
    paymentTermsDays: paymentTermsDays.nullish(),
  })
  .strict();
export type UpdateContractInput = z.infer<typeof updateContractInput>;

export const suspendContractInput = z.object({ reason }).strict();
export const resumeContractInput = z.object({}).strict();
export const terminateContractInput = z
  .object({
    reason,
    /** The last day the contract covers; defaults to today (Asia/Ho_Chi_Minh). */
    lastDay: isoDate.optional(),
  })
  .strict();

export const contractFilter = z
  .object({
    tenantId: z.uuid().optional(),
    status: z.enum(CONTRACT_STATUSES).optional(),
    planId: z.uuid().optional(),
    /** Contracts whose year starts in this calendar year. */
    year: z.number().int().min(2000).max(2200).optional(),
    /** Contracts covering this date. */
    activeOn: isoDate.optional(),
    id: z.array(z.uuid()).max(200).optional(),
  })
  .strict();
export type ContractFilter = z.infer<typeof contractFilter>;
export const contractSortable = ['startDate', 'endDate', 'status', 'createdAt', 'tenantId'] as const;

export interface Contract {
  id: string;
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  planId: string;
  planCode: string;
  planVersionId: string;
  planVersion: number;
  planName: string;
  startDate: string;
  endDate: string;
  endedOn: string | null;
  /** The last day covered: endedOn when ended early, else endDate. */
  lastDay: string;
  status: ContractStatus;
  statusReason: string | null;
  quotaOverride: number | null;
  priceOverride: number | null;
  overrideApprovedBy: string | null;
  overrideApprovedAt: string | null;
  instalments: number;
  /** The contract's own payment terms (null: its plan version's), and the terms its invoices get. */
  paymentTermsDays: number | null;
  effectivePaymentTermsDays: number;
  renewedFrom: string | null;
  /** Days in the contract year (365/366) and days covered. */
  contractDays: number;
  activeDays: number;
  /** Dossiers included, after override and proration. */
  quota: number;
  /** Lease fee in đồng for the period, after override and proration; and its instalments. */
  leaseFee: number;
  leaseInstalments: number[];
  vatRateBp: number;
  createdAt: string;
  updatedAt: string;
}
