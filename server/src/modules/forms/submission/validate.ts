import { AppError, type FieldProblem } from '../../../errors';
import type { JsonSchema } from '../compile/field-schema';
import type { UiLayout } from '../compile/ui-layout';
import { cachedValidator } from './ajv';
import { indexLayout } from './locate';
import { submissionProblems } from './messages';

/** What validation needs of a published form version. */
export interface VersionToValidate {
  tenantId: string;
  formId: string;
  version: number;
  jsonSchema: JsonSchema;
  uiLayout: UiLayout;
}

/**
 * The field-by-field problems of a submission's `data` against a published version (empty when
 * it is valid). The version's validator is compiled once and cached by (unit, form, version):
 * versions are immutable, so the cache can never be stale.
 */
export function submissionErrors(version: VersionToValidate, data: unknown): FieldProblem[] {
  const validate = cachedValidator(
    `${version.tenantId}:${version.formId}:${version.version}`,
    version.jsonSchema,
  );
  if (validate(data)) return [];
  return submissionProblems(validate.errors ?? [], indexLayout(version.uiLayout));
}

/** Refuses a submission that does not satisfy its form version, naming every field at fault. */
export function validateSubmission(version: VersionToValidate, data: unknown): void {
  const errors = submissionErrors(version, data);
  if (errors.length > 0)
    throw new AppError(
      'validation_failed',
      {
        vi: 'Tờ khai chưa hợp lệ: vui lòng sửa các trường được nêu',
        en: 'The form has errors: fix the fields listed',
      },
      errors,
    );
}
