import { z } from 'zod';

export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'select',
  'multi_select',
  'boolean',
  'pid',
  'phone',
  'email',
  'tax_code',
  'address',
  'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_STATUSES = ['active', 'retired'] as const;

/** The same shape the table's CHECK enforces: dotted lower-case segments, e.g. applicant.full_name. */
export const dictionaryKey = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, {
    error: 'Khoá gồm chữ thường, số, gạch dưới, phân đoạn bằng dấu chấm / lower-case dotted segments',
  });

const isoDate = z.iso.date();

export const fieldOption = z
  .object({
    value: z.string().trim().min(1).max(100),
    label: z.string().trim().min(1).max(300),
    label_en: z.string().trim().min(1).max(300),
  })
  .strict();
export type FieldOption = z.infer<typeof fieldOption>;

/** Validation rules of a field; which apply depends on its type (see rules.ts). */
export const fieldValidation = z
  .object({
    required: z.boolean().optional(),
    minLength: z.number().int().min(0).max(20000).optional(),
    maxLength: z.number().int().min(1).max(20000).optional(),
    pattern: z.string().min(1).max(500).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    integer: z.boolean().optional(),
    minDate: isoDate.optional(),
    maxDate: isoDate.optional(),
  })
  .strict();
export type FieldValidation = z.infer<typeof fieldValidation>;

const fieldBody = {
  label: z.string().trim().min(1).max(300),
  label_en: z.string().trim().min(1).max(300),
  type: z.enum(FIELD_TYPES),
  options: z.array(fieldOption).max(500),
  validation: fieldValidation,
  help: z.string().trim().max(2000),
  help_en: z.string().trim().max(2000),
};

export const createFieldInput = z
  .object({
    key: dictionaryKey,
    ...fieldBody,
    options: fieldBody.options.default([]),
    validation: fieldBody.validation.default({}),
    help: fieldBody.help.default(''),
    help_en: fieldBody.help_en.default(''),
  })
  .strict();
export type CreateFieldInput = z.input<typeof createFieldInput>;

export const updateFieldInput = z
  .object({
    label: fieldBody.label.optional(),
    label_en: fieldBody.label_en.optional(),
    type: fieldBody.type.optional(),
    options: fieldBody.options.optional(),
    validation: fieldBody.validation.optional(),
    help: fieldBody.help.optional(),
    help_en: fieldBody.help_en.optional(),
  })
  .strict();
export type UpdateFieldInput = z.infer<typeof updateFieldInput>;

export const dictionaryFilter = z
  .object({
    q: z.string().max(200).optional(),
    type: z.enum(FIELD_TYPES).optional(),
    status: z.enum(FIELD_STATUSES).optional(),
    key: z.array(z.string().max(80)).max(500).optional(),
    prefix: z.string().max(80).optional(),
  })
  .strict();
export type DictionaryFilter = z.infer<typeof dictionaryFilter>;

export const dictionarySortable = ['key', 'label', 'type', 'status', 'revision', 'updatedAt'] as const;

/** A field of the shared dictionary as every form sees it. */
export interface DictionaryField {
  key: string;
  label: string;
  label_en: string;
  type: FieldType;
  options: FieldOption[];
  validation: FieldValidation;
  help: string;
  help_en: string;
  status: (typeof FIELD_STATUSES)[number];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export const dictionaryFieldOutput = z.object({
  key: z.string(),
  label: z.string(),
  label_en: z.string(),
  type: z.enum(FIELD_TYPES),
  options: z.array(fieldOption),
  validation: fieldValidation,
  help: z.string(),
  help_en: z.string(),
  status: z.enum(FIELD_STATUSES),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
