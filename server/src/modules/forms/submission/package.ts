import { z } from 'zod';
import { PATTERNS } from '../compile/field-schema';

/**
 * The submission package (seed 000: every submission "đóng gói, định dạng theo chuẩn"): one JSON
 * envelope any other system can consume without knowing our tables. `data` is keyed by
 * dictionary keys, so the same key means the same thing in every unit's every form.
 */
export const SUBMISSION_PACKAGE_VERSION = '1.0';

const addressValue = z
  .object({
    provinceCode: z.string().regex(new RegExp(PATTERNS.province)),
    communeCode: z.string().regex(new RegExp(PATTERNS.commune)),
    street: z.string().max(300).optional(),
  })
  .strict();

export const packageAttachment = z
  .object({
    id: z.string().min(1).max(60).describe('The attachment id in the form version (attachments[].id)'),
    name: z.string().min(1).max(255),
    mime: z.string().regex(new RegExp(PATTERNS.mime)),
    size: z.number().int().min(0).describe('Bytes'),
    sha256: z.string().regex(new RegExp(PATTERNS.sha256)).describe('Lower-case hex SHA-256 of the bytes'),
  })
  .strict();

export const submissionPackage = z
  .object({
    packageVersion: z.literal(SUBMISSION_PACKAGE_VERSION),
    procedure: z
      .object({
        tenantCode: z
          .string()
          .min(1)
          .max(40)
          .describe('The competent unit’s national code, e.g. 000.00.03.H34'),
        nationalCode: z.string().min(1).max(60).describe('Mã TTHC, e.g. 1.001193'),
        name: z.string().min(1).max(500),
      })
      .strict(),
    form: z.object({ id: z.uuid(), version: z.number().int().positive() }).strict(),
    applicant: z
      .object({
        kind: z.enum(['citizen', 'organization']),
        fullName: z.string().min(1).max(300).describe('Person’s full name, or the organization’s name'),
        pid: z.string().regex(new RegExp(PATTERNS.pid)).optional().describe('12-digit personal ID'),
        taxCode: z.string().regex(new RegExp(PATTERNS.tax_code)).optional(),
        phone: z.string().regex(new RegExp(PATTERNS.phone)).optional(),
        email: z.email().optional(),
        address: addressValue.optional(),
      })
      .strict(),
    data: z
      .record(z.string(), z.unknown())
      .describe('The form’s values keyed by dictionary key; valid against the form version’s JSON Schema'),
    attachments: z.array(packageAttachment),
    submittedAt: z.iso.datetime({ offset: false }).describe('UTC, ISO 8601 with Z'),
    channel: z.enum(['online', 'desk', 'post']),
  })
  .strict()
  .meta({
    title: 'Gói hồ sơ nộp / Submission package',
    description: 'MotCua submission package 1.0: one submitted form with its applicant and attachments.',
  });
export type SubmissionPackage = z.infer<typeof submissionPackage>;

/** The envelope's JSON Schema, served at /api/v1/public/schemas/submission-package.json. */
export function submissionPackageJsonSchema(): Record<string, unknown> {
  return {
    $id: 'urn:motcua:schema:submission-package:1.0',
    ...z.toJSONSchema(submissionPackage, { target: 'draft-2020-12' }),
  };
}

export interface SubmissionPackageInput {
  procedure: SubmissionPackage['procedure'];
  form: SubmissionPackage['form'];
  applicant: SubmissionPackage['applicant'];
  data: Record<string, unknown>;
  attachments: SubmissionPackage['attachments'];
  submittedAt: Date;
  channel: SubmissionPackage['channel'];
}

/**
 * Builds the package. Pure: the caller validated `data` against the form version (see
 * validateSubmission) and passes the clock's instant; the envelope itself is checked here.
 */
export function buildSubmissionPackage(input: SubmissionPackageInput): SubmissionPackage {
  return submissionPackage.parse({
    packageVersion: SUBMISSION_PACKAGE_VERSION,
    procedure: input.procedure,
    form: input.form,
    applicant: input.applicant,
    data: input.data,
    attachments: input.attachments,
    submittedAt: input.submittedAt.toISOString(),
    channel: input.channel,
  });
}
