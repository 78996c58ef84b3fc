import { z } from 'zod';

/** The builder document a unit's admin edits: see CONTEXT.md for the words and the rules. */

const localId = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, {
    error: 'Mã gồm chữ thường, số và gạch dưới, bắt đầu bằng chữ / lower-case letters, digits, underscores',
  });

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

export const visibleWhen = z
  .object({
    /** A dictionary key of an earlier field, in the item's own group first, then at the top level. */
    field: z.string().min(1).max(80),
    equals: scalar.optional(),
    in: z.array(scalar).min(1).max(200).optional(),
    notEmpty: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => [c.equals, c.in, c.notEmpty].filter((x) => x !== undefined).length === 1, {
    error: 'Điều kiện cần đúng một trong equals, in, notEmpty / give exactly one of equals, in, notEmpty',
  });
export type VisibleWhen = z.infer<typeof visibleWhen>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const fieldItem = z
  .object({
    kind: z.literal('field'),
    key: z.string().min(1).max(80),
    /** Per-form wording; the dictionary label is used when absent. */
    label: text(300).optional(),
    label_en: text(300).optional(),
    help: text(2000).optional(),
    help_en: text(2000).optional(),
    /** Overrides the dictionary's `validation.required` on this form. */
    required: z.boolean().optional(),
    visibleWhen: visibleWhen.optional(),
  })
  .strict();
export type FieldItem = z.infer<typeof fieldItem>;

export const groupItem = z
  .object({
    kind: z.literal('group'),
    id: localId,
    title: text(300),
    title_en: text(300).optional(),
    repeat: z
      .object({ min: z.number().int().min(0).max(100), max: z.number().int().min(1).max(100) })
      .strict(),
    visibleWhen: visibleWhen.optional(),
    items: z.array(fieldItem).min(1).max(100),
  })
  .strict();
export type GroupItem = z.infer<typeof groupItem>;

export const sectionItem = z.discriminatedUnion('kind', [fieldItem, groupItem]);
export type SectionItem = z.infer<typeof sectionItem>;

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/xml',
] as const;

export const attachmentSpec = z
  .object({
    id: localId,
    name: text(300),
    name_en: text(300).optional(),
    required: z.boolean(),
    accept: z.array(z.enum(ATTACHMENT_TYPES)).min(1).max(ATTACHMENT_TYPES.length),
    maxSizeMb: z.number().positive().max(100),
    /** The citizen's personal data store may supply this paper instead of an upload (seed 004). */
    fromDataStore: z.boolean().optional(),
  })
  .strict();
export type AttachmentSpec = z.infer<typeof attachmentSpec>;

export const formSection = z
  .object({
    id: localId,
    title: text(300),
    title_en: text(300).optional(),
    items: z.array(sectionItem).max(200),
  })
  .strict();

export const formDefinition = z
  .object({
    sections: z.array(formSection).max(50),
    attachments: z.array(attachmentSpec).max(50).default([]),
  })
  .strict();
export type FormDefinition = z.infer<typeof formDefinition>;

export const emptyDefinition = (): FormDefinition => ({ sections: [], attachments: [] });
