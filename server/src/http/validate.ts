import { z } from 'zod';
import { AppError, type FieldProblem } from '../errors';

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;

function pathOf(prefix: string, path: PropertyKey[]): string {
  const inner = path.map(String).join('.');
  return prefix ? (inner ? `${prefix}.${inner}` : prefix) : inner;
}

/**
 * Parses input with a zod schema, answering every problem field by field in Vietnamese and English.
 * The schema is run again with the English catalogue only when the input is bad.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: '' | 'query' | 'params' = '',
): z.infer<S> {
  const first = schema.safeParse(input, { error: vi });
  if (first.success) return first.data;
  const second = schema.safeParse(input, { error: en });
  const english = second.success ? [] : second.error.issues;
  const errors: FieldProblem[] = first.error.issues.map((issue, i) => ({
    // An unknown field is reported at its own path, so a form can point at it.
    path: pathOf(
      where,
      issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(',')] : issue.path,
    ),
    message: issue.message,
    message_en: english[i]?.message ?? issue.message,
  }));
  throw new AppError(
    'validation_failed',
    { vi: 'Vui lòng sửa các trường được nêu', en: 'Please correct the fields listed' },
    errors,
  );
}
