import { z } from 'zod';
import { isIsoDate } from '../pricing/dates';
import { overagePricing, type OveragePricing } from '../pricing/schema';

export const isoDate = z
  .string()
  .refine(isIsoDate, { error: 'Ngày phải có dạng YYYY-MM-DD / a date YYYY-MM-DD' });
const dong = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const paymentTermsDays = z.number().int().min(1).max(365);

/** The terms a plan version carries; a change to any of them is a new version. */
export const planTermsInput = z
  .object({
    name: z.string().trim().min(1).max(300).optional(),
    annualFee: dong,
    includedDossiers: z.number().int().min(0).max(1_000_000_000),
    overage: overagePricing,
    vatRateBp: z.number().int().min(0).max(10_000).default(0),
    vatNote: z.string().trim().max(1000).default(''),
    /** Days to pay an invoice after its issue; null: 30 (DEFAULT_PAYMENT_TERMS_DAYS). */
    paymentTermsDays: paymentTermsDays.nullish(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish(),
  })
  .strict()
  .refine((t) => !t.effectiveTo || t.effectiveTo > t.effectiveFrom, {
    path: ['effectiveTo'],
    error: 'Ngày hết hiệu lực phải sau ngày hiệu lực / effectiveTo must be after effectiveFrom',
  });
export type PlanTermsInput = z.infer<typeof planTermsInput>;

export const createPlanInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
    name: z.string().trim().min(1).max(300),
    description: z.string().trim().max(2000).default(''),
    terms: planTermsInput,
  })
  .strict();
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const updatePlanInput = z
  .object({
    name: z.string().trim().min(1).max(300).optional(),
    description: z.string().trim().max(2000).optional(),
    status: z.enum(['active', 'retired']).optional(),
  })
  .strict();
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;

export const planFilter = z
  .object({
    q: z.string().max(200).optional(),
    status: z.enum(['active', 'retired']).optional(),
    id: z.array(z.uuid()).max(200).optional(),
  })
  .strict();
export const planSortable = ['code', 'name', 'status', 'createdAt'] as const;

export interface PlanVersion {
  id: string;
  planId: string;
  version: number;
  name: string;
  annualFee: number;
  includedDossiers: number;
  overage: OveragePricing;
  vatRateBp: number;
  vatNote: string;
  /** Days to pay after issue; null: 30. */
  paymentTermsDays: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface Plan {
  id: string;
  code: string;
  name: string;
  description: string;
  status: 'active' | 'retired';
  createdAt: string;
  updatedAt: string;
  /** The newest version; `versions` lists all, newest first. */
  latestVersion: PlanVersion | null;
  versions: PlanVersion[];
}
