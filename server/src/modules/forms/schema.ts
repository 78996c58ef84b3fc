import { z } from 'zod';
import type { JsonSchema } from './compile/field-schema';
import type { ResolvedField } from './compile/compile';
import type { UiLayout } from './compile/ui-layout';
import { formDefinition, type FormDefinition } from './definition';

export const createFormInput = z
  .object({
    procedureId: z.uuid(),
    name: z.string().trim().min(1).max(300),
    draft: formDefinition.optional(),
  })
  .strict();
export type CreateFormInput = z.infer<typeof createFormInput>;

export const updateFormInput = z
  .object({ name: z.string().trim().min(1).max(300).optional(), draft: formDefinition.optional() })
  .strict();
export type UpdateFormInput = z.infer<typeof updateFormInput>;

/** A draft to compile without storing it: the builder's live preview. */
export const previewDraftInput = z.object({ draft: formDefinition }).strict();

export const formFilter = z
  .object({
    q: z.string().max(200).optional(),
    procedureId: z.uuid().optional(),
    id: z.array(z.uuid()).max(200).optional(),
    published: z.boolean().optional(),
  })
  .strict();
export type FormFilter = z.infer<typeof formFilter>;

export const formSortable = ['name', 'createdAt', 'updatedAt', 'latestVersion'] as const;

export const validateInput = z.object({ data: z.record(z.string(), z.unknown()) }).strict();

export interface Form {
  id: string;
  procedureId: string;
  name: string;
  draft: FormDefinition;
  latestVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The snapshot a version keeps: the draft as published plus every dictionary field it used. */
export interface VersionDefinition extends FormDefinition {
  fields: Record<string, ResolvedField>;
}

export interface FormVersionSummary {
  formId: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface FormVersion extends FormVersionSummary {
  tenantId: string;
  definition: VersionDefinition;
  jsonSchema: JsonSchema;
  uiLayout: UiLayout;
}

export const formOutput = z.object({
  id: z.uuid(),
  procedureId: z.uuid(),
  name: z.string(),
  draft: formDefinition,
  latestVersion: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const summaryShape = {
  formId: z.uuid(),
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
};
export const formVersionSummaryOutput = z.object(summaryShape);
export const formVersionOutput = z.object({
  ...summaryShape,
  definition: z.record(z.string(), z.unknown()),
  jsonSchema: z.record(z.string(), z.unknown()),
  uiLayout: z.record(z.string(), z.unknown()),
});
export const previewOutput = z.object({
  jsonSchema: z.record(z.string(), z.unknown()),
  uiLayout: z.record(z.string(), z.unknown()),
  fields: z.record(z.string(), z.unknown()),
});
