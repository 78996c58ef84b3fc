import type { ErrorObject } from 'ajv';
import type { Bilingual, FieldProblem } from '../../../errors';
import { locate, type LayoutIndex, type Located } from './locate';

const TYPE_WORDS: Record<string, Bilingual> = {
  string: { vi: 'chuỗi ký tự', en: 'text' },
  number: { vi: 'số', en: 'a number' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  boolean: { vi: 'có/không (true/false)', en: 'yes/no (true/false)' },
  object: { vi: 'đối tượng', en: 'an object' },
  array: { vi: 'danh sách', en: 'a list' },
};

const PATTERN_WORDS: Record<string, Bilingual> = {
  pid: { vi: 'phải gồm đúng 12 chữ số', en: 'must be exactly 12 digits' },
  phone: {
    vi: 'không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912345678)',
    en: 'is not a valid Vietnamese phone number (e.g. 0912345678)',
  },
  tax_code: {
    vi: 'mã số thuế gồm 10 chữ số, hoặc 13 ký tự dạng 0123456789-001',
    en: 'a tax code is 10 digits, or 0123456789-001 for a branch',
  },
  provinceCode: { vi: 'mã tỉnh gồm 2 chữ số', en: 'a province code is 2 digits' },
  communeCode: { vi: 'mã xã gồm 5 chữ số', en: 'a commune code is 5 digits' },
  sha256: { vi: 'phải gồm 64 ký tự thập lục phân', en: 'must be 64 hexadecimal characters' },
};

const viDate = (iso: string) => iso.split('-').reverse().join('/');
const num = (n: unknown) => String(n);

type Words = (e: ErrorObject, at: Located) => Bilingual;

/** One entry per ajv keyword our compiled schemas use: what to tell a citizen, in both languages. */
const KEYWORDS: Record<string, Words> = {
  required: () => ({ vi: 'bắt buộc nhập', en: 'is required' }),
  type: (e) => {
    const t = TYPE_WORDS[String(e.params.type)] ?? { vi: String(e.params.type), en: String(e.params.type) };
    return { vi: `phải là ${t.vi}`, en: `must be ${t.en}` };
  },
  pattern: (_e, at) => {
    const w = PATTERN_WORDS[at.rest[0] ?? at.field?.type ?? ''];
    return w ?? { vi: 'không đúng định dạng quy định', en: 'does not have the required format' };
  },
  enum: (_e, at) => {
    const choices = at.field?.options ?? [];
    if (choices.length === 0) return { vi: 'giá trị không được chấp nhận', en: 'is not an accepted value' };
    return {
      vi: `chọn một trong: ${choices.map((o) => o.label).join(', ')}`,
      en: `choose one of: ${choices.map((o) => o.label_en).join(', ')}`,
    };
  },
  minLength: (e) =>
    e.params.limit === 1
      ? { vi: 'không được để trống', en: 'must not be empty' }
      : { vi: `tối thiểu ${num(e.params.limit)} ký tự`, en: `at least ${num(e.params.limit)} characters` },
  maxLength: (e) => ({
    vi: `tối đa ${num(e.params.limit)} ký tự`,
    en: `at most ${num(e.params.limit)} characters`,
  }),
  minimum: (e) => ({
    vi: `không được nhỏ hơn ${num(e.params.limit)}`,
    en: `must be at least ${num(e.params.limit)}`,
  }),
  maximum: (e) => ({
    vi: `không được lớn hơn ${num(e.params.limit)}`,
    en: `must be at most ${num(e.params.limit)}`,
  }),
  additionalProperties: () => ({
    vi: 'không thuộc biểu mẫu này',
    en: 'is not part of this form',
  }),
  format: (e) =>
    e.params.format === 'date'
      ? { vi: 'không phải ngày hợp lệ (định dạng YYYY-MM-DD)', en: 'is not a valid date (YYYY-MM-DD)' }
      : e.params.format === 'email'
        ? { vi: 'không phải địa chỉ thư điện tử hợp lệ', en: 'is not a valid e-mail address' }
        : { vi: 'không đúng định dạng', en: 'has the wrong format' },
  formatMinimum: (_e, at) => {
    const d = at.field?.validation.minDate ?? '';
    return { vi: `không được trước ngày ${viDate(d)}`, en: `must not be before ${d}` };
  },
  formatMaximum: (_e, at) => {
    const d = at.field?.validation.maxDate ?? '';
    return { vi: `không được sau ngày ${viDate(d)}`, en: `must not be after ${d}` };
  },
  minItems: (e, at) =>
    at.field
      ? { vi: `chọn ít nhất ${num(e.params.limit)} mục`, en: `choose at least ${num(e.params.limit)}` }
      : { vi: `cần ít nhất ${num(e.params.limit)} mục`, en: `needs at least ${num(e.params.limit)} entries` },
  maxItems: (e, at) =>
    at.field
      ? { vi: `chọn tối đa ${num(e.params.limit)} mục`, en: `choose at most ${num(e.params.limit)}` }
      : { vi: `tối đa ${num(e.params.limit)} mục`, en: `at most ${num(e.params.limit)} entries` },
  uniqueItems: () => ({ vi: 'có lựa chọn bị trùng', en: 'has repeated choices' }),
  'false schema': () => ({
    vi: 'không áp dụng trong trường hợp này (trường đang ẩn), hãy bỏ trống',
    en: 'does not apply here (the field is hidden); leave it out',
  }),
};

/** Keywords that only summarise errors already reported by their subschemas. */
const SILENT = new Set(['if', 'allOf', 'anyOf', 'oneOf', 'then', 'else']);

/**
 * Maps ajv's errors to field-by-field problems, in Vietnamese and English, each led by the
 * field's label ("Họ và tên: bắt buộc nhập").
 */
export function submissionProblems(errors: readonly ErrorObject[], index: LayoutIndex): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (SILENT.has(e.keyword)) continue;
    const extra =
      e.keyword === 'required'
        ? String(e.params.missingProperty)
        : e.keyword === 'additionalProperties'
          ? String(e.params.additionalProperty)
          : undefined;
    const at = locate(index, e.instancePath, extra);
    const words = (KEYWORDS[e.keyword] ?? (() => ({ vi: 'không hợp lệ', en: 'is invalid' })))(e, at);
    const message = `${at.label.vi}: ${words.vi}`;
    if (seen.has(`${at.path}\n${message}`)) continue;
    seen.add(`${at.path}\n${message}`);
    out.push({ path: at.path, message, message_en: `${at.label.en}: ${words.en}` });
  }
  return out;
}
