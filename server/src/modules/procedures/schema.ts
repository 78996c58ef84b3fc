import { z } from 'zod';

export const PROCEDURE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

const noSeparators = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(300)
    // The catalog file writes fees as "name: amount; …" — a name with ";" could not be read back.
    .refine((s) => !s.includes(';') && !s.includes('\n'), {
      error: `${what} không được chứa dấu ";" hoặc xuống dòng / must not contain ";" or a line break`,
    });

/** A named fee in đồng (VND has no minor unit). */
export const feeInput = z
  .object({
    name: noSeparators('Tên phí'),
    amount: z
      .number()
      .int({ error: 'Số tiền phải là số nguyên đồng / amount must be whole đồng' })
      .min(0, { error: 'Số tiền không được âm / amount must not be negative' })
      .max(1_000_000_000_000),
  })
  .strict();

export const paperInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .refine((s) => !s.includes('\n'), {
        error: 'Tên giấy tờ không được xuống dòng / must not contain a line break',
      }),
    originals: z.number().int().min(0).max(50).default(1),
    copies: z.number().int().min(0).max(50).default(0),
    /** The citizen's personal data store may supply it instead (seed 004). */
    fromDataStore: z.boolean().default(false),
  })
  .strict();

export const nationalCode = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[0-9A-Za-z]+([./_-][0-9A-Za-z]+)*$/, {
    error:
      'Mã TTHC chỉ gồm chữ, số, dấu chấm, gạch (ví dụ 1.001193) / letters, digits, dots, dashes (e.g. 1.001193)',
  });

export const fieldCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{2,40}$/, { error: 'Mã lĩnh vực dạng HO_TICH / field code looks like HO_TICH' });

const procedureFields = {
  nationalCode,
  name: z.string().trim().min(1).max(500),
  fieldCode,
  level: z.number().int().min(1).max(4),
  processingDays: z.number().int().min(0).max(365),
  fees: z.array(feeInput).max(20),
  requiredPapers: z.array(paperInput).max(60),
  resultType: z.string().trim().max(500),
  description: z.string().trim().max(10_000),
};

export const createProcedureInput = z
  .object({
    ...procedureFields,
    fees: procedureFields.fees.default([]),
    requiredPapers: procedureFields.requiredPapers.default([]),
    resultType: procedureFields.resultType.default(''),
    description: procedureFields.description.default(''),
  })
  .strict();
export type CreateProcedureInput = z.infer<typeof createProcedureInput>;

/** Status changes go through /publish and /archive, never through PATCH. */
export const updateProcedureInput = z.object(procedureFields).partial().strict();
export type UpdateProcedureInput = z.infer<typeof updateProcedureInput>;

export const procedureFilter = z
  .object({
    q: z.string().trim().max(200).optional(),
    fieldCode: fieldCode.optional(),
    level: z.coerce.number().int().min(1).max(4).optional(),
    status: z.enum(PROCEDURE_STATUSES).optional(),
    id: z.array(z.uuid()).max(200).optional(),
  })
  .strict();
export type ProcedureFilter = z.infer<typeof procedureFilter>;

export const procedureSortable = [
  'nationalCode',
  'name',
  'fieldCode',
  'level',
  'processingDays',
  'feeTotal',
  'status',
  'createdAt',
  'updatedAt',
] as const;

export type Fee = z.infer<typeof feeInput>;
export type Paper = z.infer<typeof paperInput>;

export interface Procedure {
  id: string;
  tenantId: string;
  nationalCode: string;
  name: string;
  fieldCode: string;
  level: number;
  processingDays: number;
  fees: Fee[];
  feeTotal: number;
  requiredPapers: Paper[];
  resultType: string;
  description: string;
  status: ProcedureStatus;
  /** What may be done next, from the status transition table. */
  actions: ProcedureAction[];
  createdAt: string;
  updatedAt: string;
}

export const PROCEDURE_ACTIONS = ['publish', 'archive'] as const;
export type ProcedureAction = (typeof PROCEDURE_ACTIONS)[number];

export const procedureOutput = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  nationalCode: z.string(),
  name: z.string(),
  fieldCode: z.string(),
  level: z.number().int(),
  processingDays: z.number().int(),
  fees: z.array(z.object({ name: z.string(), amount: z.number().int() })),
  feeTotal: z.number().int(),
  requiredPapers: z.array(
    z.object({
      name: z.string(),
      originals: z.number().int(),
      copies: z.number().int(),
      fromDataStore: z.boolean(),
    }),
  ),
  resultType: z.string(),
  description: z.string(),
  status: z.enum(PROCEDURE_STATUSES),
  actions: z.array(z.enum(PROCEDURE_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const procedureFieldInput = z
  .object({
    code: fieldCode,
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).nullish(),
  })
  .strict();
export const updateProcedureFieldInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: z.string().trim().max(200).nullish(),
  })
  .strict();
export const procedureFieldOutput = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type ProcedureField = z.infer<typeof procedureFieldOutput>;
