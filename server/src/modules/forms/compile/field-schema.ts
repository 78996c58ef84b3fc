import type { DictionaryField, FieldType } from '../../dictionary/schema';
import { TEXT_LIMITS } from '../../dictionary/rules';
import type { VisibleWhen } from '../definition';

export type JsonSchema = { [keyword: string]: unknown };

/** The fixed shapes of the identifier types. */
export const PATTERNS = {
  /** Số định danh cá nhân: 12 digits. */
  pid: '^[0-9]{12}$',
  /** Mobile (03x, 05x, 07x, 08x, 09x + 8 digits) or landline (02xx + 8 digits), with 0 or +84. */
  phone: '^(?:0|\\+84)(?:[35789][0-9]{8}|2[0-9]{9})$',
  /** Mã số thuế: 10 digits, or 10 digits, a dash and a 3-digit branch number. */
  tax_code: '^[0-9]{10}(?:-[0-9]{3})?$',
  /** Administrative unit codes of the national list: province 2 digits, commune 5 digits. */
  province: '^[0-9]{2}$',
  commune: '^[0-9]{5}$',
  sha256: '^[0-9a-f]{64}$',
  mime: '^[a-z]+/[a-zA-Z0-9.+-]+$',
} as const;

const str = (maxLength: number, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  maxLength,
  ...extra,
});

/** The value shape of an address: province → commune pickers plus the street line. */
export const addressSchema: JsonSchema = {
  type: 'object',
  properties: {
    provinceCode: str(2, { pattern: PATTERNS.province }),
    communeCode: str(5, { pattern: PATTERNS.commune }),
    street: str(300),
  },
  required: ['provinceCode', 'communeCode'],
  additionalProperties: false,
};

/** A reference to an uploaded paper: the bytes are stored once, named by their SHA-256. */
export const fileRefSchema: JsonSchema = {
  type: 'object',
  properties: {
    sha256: str(64, { pattern: PATTERNS.sha256 }),
    name: str(255, { minLength: 1 }),
    size: { type: 'integer', minimum: 0, maximum: 100 * 1024 * 1024 },
    mime: str(100, { pattern: PATTERNS.mime }),
  },
  required: ['sha256', 'name', 'size', 'mime'],
  additionalProperties: false,
};

function valueSchema(f: DictionaryField, required: boolean): JsonSchema {
  const v = f.validation;
  const values = f.options.map((o) => o.value);
  const byType: Record<FieldType, () => JsonSchema> = {
    text: () => textSchema(f, required),
    long_text: () => textSchema(f, required),
    number: () => ({
      type: v.integer ? 'integer' : 'number',
      ...(v.min !== undefined ? { minimum: v.min } : {}),
      ...(v.max !== undefined ? { maximum: v.max } : {}),
    }),
    date: () =>
      str(10, {
        format: 'date',
        ...(v.minDate ? { formatMinimum: v.minDate } : {}),
        ...(v.maxDate ? { formatMaximum: v.maxDate } : {}),
      }),
    select: () => ({ type: 'string', enum: values }),
    multi_select: () => ({
      type: 'array',
      items: { type: 'string', enum: values },
      uniqueItems: true,
      maxItems: values.length,
      ...(required ? { minItems: 1 } : {}),
    }),
    boolean: () => ({ type: 'boolean' }),
    pid: () => str(12, { pattern: PATTERNS.pid }),
    phone: () => str(13, { pattern: PATTERNS.phone }),
    email: () => str(254, { format: 'email' }),
    tax_code: () => str(14, { pattern: PATTERNS.tax_code }),
    address: () => addressSchema,
    file: () => fileRefSchema,
  };
  return byType[f.type]();
}

function textSchema(f: DictionaryField, required: boolean): JsonSchema {
  const v = f.validation;
  const minLength = Math.max(v.minLength ?? 0, required ? 1 : 0);
  return str(v.maxLength ?? TEXT_LIMITS[f.type]!.default, {
    ...(minLength > 0 ? { minLength } : {}),
    ...(v.pattern ? { pattern: v.pattern } : {}),
  });
}

/** The JSON Schema of one field's value, annotated with its label and help for other systems. */
export function fieldSchema(f: DictionaryField, label: string, help: string, required: boolean): JsonSchema {
  return { title: label, ...(help ? { description: help } : {}), ...valueSchema(f, required) };
}

/**
 * The `if` of a visibility condition. An absent field fails it, so a field shown only when a
 * hidden field has some value stays hidden too: conditions chain without extra rules.
 */
export function conditionSchema(key: string, target: DictionaryField, rule: VisibleWhen): JsonSchema {
  const multi = target.type === 'multi_select';
  let test: JsonSchema;
  if (rule.notEmpty) test = { not: { enum: ['', [], {}] } };
  else if (rule.in) test = multi ? { contains: { enum: rule.in } } : { enum: rule.in };
  else test = multi ? { contains: { const: rule.equals } } : { const: rule.equals };
  return { required: [key], properties: { [key]: test } };
}
