import type { FieldProblem } from '../../errors';
import type { FieldOption, FieldType, FieldValidation } from './schema';

/**
 * Default and largest lengths of free text. Every string a citizen sends has a ceiling, so a
 * megabyte "name" is refused by the schema before it reaches storage.
 */
export const TEXT_LIMITS: Partial<Record<FieldType, { default: number; cap: number }>> = {
  text: { default: 500, cap: 2000 },
  long_text: { default: 5000, cap: 20000 },
};

const APPLIES: Record<keyof FieldValidation, readonly FieldType[] | 'all'> = {
  required: 'all',
  minLength: ['text', 'long_text'],
  maxLength: ['text', 'long_text'],
  pattern: ['text', 'long_text'],
  min: ['number'],
  max: ['number'],
  integer: ['number'],
  minDate: ['date'],
  maxDate: ['date'],
};

const problem = (path: string, vi: string, en: string): FieldProblem => ({
  path,
  message: vi,
  message_en: en,
});

/** The error of a pattern as ajv will compile it (Unicode mode), or null when it compiles. */
export function patternError(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export interface FieldRulesInput {
  type: FieldType;
  options: readonly FieldOption[];
  validation: FieldValidation;
}

/**
 * The checks a field must pass beyond its shape: rules that fit its type, a pattern that compiles,
 * bounds in order, options exactly where a choice is offered. Pure; paths are relative to `at`.
 */
export function checkFieldRules(f: FieldRulesInput, at = ''): FieldProblem[] {
  const p = (rel: string) => (at ? `${at}.${rel}` : rel);
  const out: FieldProblem[] = [];
  const v = f.validation;
  for (const rule of Object.keys(v) as (keyof FieldValidation)[]) {
    const applies = APPLIES[rule];
    if (v[rule] !== undefined && applies !== 'all' && !applies.includes(f.type))
      out.push(
        problem(
          p(`validation.${rule}`),
          `Quy tắc ${rule} chỉ áp dụng cho kiểu ${applies.join(', ')}, không áp dụng cho kiểu ${f.type}`,
          `Rule ${rule} applies to type ${applies.join(', ')} only, not to ${f.type}`,
        ),
      );
  }
  if (v.pattern !== undefined) {
    const err = patternError(v.pattern);
    if (err)
      out.push(
        problem(
          p('validation.pattern'),
          `Biểu thức chính quy không hợp lệ: ${err}`,
          `The regular expression does not compile: ${err}`,
        ),
      );
  }
  const limit = TEXT_LIMITS[f.type];
  if (limit && v.maxLength !== undefined && v.maxLength > limit.cap)
    out.push(
      problem(
        p('validation.maxLength'),
        `Độ dài tối đa của kiểu ${f.type} không vượt quá ${limit.cap}`,
        `maxLength of a ${f.type} field cannot exceed ${limit.cap}`,
      ),
    );
  const pairs: [keyof FieldValidation, keyof FieldValidation][] = [
    ['minLength', 'maxLength'],
    ['min', 'max'],
    ['minDate', 'maxDate'],
  ];
  for (const [lo, hi] of pairs) {
    const a = v[lo];
    const b = v[hi];
    if (a !== undefined && b !== undefined && a > b)
      out.push(
        problem(
          p(`validation.${lo}`),
          `${lo} (${String(a)}) lớn hơn ${hi} (${String(b)})`,
          `${lo} (${String(a)}) is greater than ${hi} (${String(b)})`,
        ),
      );
  }
  const choice = f.type === 'select' || f.type === 'multi_select';
  if (choice && f.options.length === 0)
    out.push(problem(p('options'), 'Cần ít nhất một lựa chọn', 'A choice field needs at least one option'));
  if (!choice && f.options.length > 0)
    out.push(
      problem(p('options'), `Kiểu ${f.type} không có danh sách lựa chọn`, `A ${f.type} field has no options`),
    );
  const seen = new Set<string>();
  f.options.forEach((o, i) => {
    if (seen.has(o.value))
      out.push(
        problem(
          p(`options.${i}.value`),
          `Giá trị lựa chọn '${o.value}' bị trùng`,
          `Option value '${o.value}' is repeated`,
        ),
      );
    seen.add(o.value);
  });
  return out;
}
