import { z } from 'zod';
import { TENANT_KINDS } from '../tenancy/schema';

/** The public catalog's filter (react-admin `filter=`): every key optional, nothing else allowed. */
export const publicCatalogFilter = z
  .object({
    q: z.string().trim().max(200).optional(),
    /** A unit's id or its code (000.00.03.H34). */
    unit: z.string().trim().min(1).max(60).optional(),
    unitKind: z.enum(TENANT_KINDS).optional(),
    field: z.string().trim().min(1).max(40).optional(),
    level: z.coerce.number().int().min(1).max(4).optional(),
    fee: z.enum(['free', 'paid']).optional(),
  })
  .strict();
export type PublicCatalogFilter = z.infer<typeof publicCatalogFilter>;

/**
 * The catalog always answers in its own order — by relevance when searching, by national code
 * otherwise — so react-admin's default sort keys are accepted and do not change it.
 */
export const publicCatalogSortable = ['relevance', 'id', 'nationalCode', 'name'] as const;

const fee = z.object({ name: z.string(), amount: z.number().int() });
const paper = z.object({
  name: z.string(),
  originals: z.number().int(),
  copies: z.number().int(),
  fromDataStore: z.boolean(),
});

export const publicProcedureOutput = z.object({
  id: z.uuid(),
  nationalCode: z.string(),
  name: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  level: z.number().int(),
  processingDays: z.number().int(),
  fees: z.array(fee),
  feeTotal: z.number().int(),
  resultType: z.string(),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(TENANT_KINDS) }),
});
export type PublicProcedure = z.infer<typeof publicProcedureOutput>;

export const publicProcedureDetailOutput = publicProcedureOutput.extend({
  requiredPapers: z.array(paper),
  description: z.string(),
  form: z
    .object({ formId: z.uuid(), version: z.number().int(), jsonSchema: z.unknown(), uiLayout: z.unknown() })
    .nullable(),
});
export type PublicProcedureDetail = z.infer<typeof publicProcedureDetailOutput>;
