import { isShown, visibleData } from './conditions';
import type { FieldErrors, FormData, FormValue, Lang, LayoutField, LayoutGroup, UiLayout } from './types';

/**
 * Validation in the browser with the server's rules and words (forms/compile/field-schema.ts for
 * the rules, forms/submission/messages.ts for "Nhãn: thông báo"), so a citizen sees the server's
 * message before sending. Not ajv: the portal's Content-Security-Policy forbids the code generation
 * ajv compiles with, and the layout carries every rule the schema was compiled from. The server
 * validates again on submit; its errors come back with the same paths and are shown the same way.
 */
type Words = { vi: string; en: string };

export const PATTERNS = {
  pid: /^[0-9]{12}$/,
  phone: /^(?:0|\+84)(?:[35789][0-9]{8}|2[0-9]{9})$/,
  tax_code: /^[0-9]{10}(?:-[0-9]{3})?$/,
  province: /^[0-9]{2}$/,
  commune: /^[0-9]{5}$/,
};

const PATTERN_WORDS: Record<string, Words> = {
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
};

const PARTS: Record<string, Words> = {
  provinceCode: { vi: 'tỉnh/thành phố', en: 'province' },
  communeCode: { vi: 'xã/phường', en: 'commune' },
  street: { vi: 'số nhà, đường', en: 'street' },
};

const W = {
  required: { vi: 'bắt buộc nhập', en: 'is required' },
  empty: { vi: 'không được để trống', en: 'must not be empty' },
  format: { vi: 'không đúng định dạng quy định', en: 'does not have the required format' },
  date: { vi: 'không phải ngày hợp lệ (định dạng YYYY-MM-DD)', en: 'is not a valid date (YYYY-MM-DD)' },
  email: { vi: 'không phải địa chỉ thư điện tử hợp lệ', en: 'is not a valid e-mail address' },
  integer: { vi: 'phải là số nguyên', en: 'must be a whole number' },
  number: { vi: 'phải là số', en: 'must be a number' },
  minLength: (n: number): Words => ({ vi: `tối thiểu ${n} ký tự`, en: `at least ${n} characters` }),
  maxLength: (n: number): Words => ({ vi: `tối đa ${n} ký tự`, en: `at most ${n} characters` }),
  minimum: (n: number): Words => ({ vi: `không được nhỏ hơn ${n}`, en: `must be at least ${n}` }),
  maximum: (n: number): Words => ({ vi: `không được lớn hơn ${n}`, en: `must be at most ${n}` }),
  minDate: (d: string): Words => ({
    vi: `không được trước ngày ${viDate(d)}`,
    en: `must not be before ${d}`,
  }),
  maxDate: (d: string): Words => ({ vi: `không được sau ngày ${viDate(d)}`, en: `must not be after ${d}` }),
  choose: (f: LayoutField): Words => ({
    vi: `chọn một trong: ${f.options.map((o) => o.label).join(', ')}`,
    en: `choose one of: ${f.options.map((o) => o.label_en).join(', ')}`,
  }),
  chooseAtLeast: (n: number): Words => ({ vi: `chọn ít nhất ${n} mục`, en: `choose at least ${n}` }),
  entriesAtLeast: (n: number): Words => ({ vi: `cần ít nhất ${n} mục`, en: `needs at least ${n} entries` }),
  entriesAtMost: (n: number): Words => ({ vi: `tối đa ${n} mục`, en: `at most ${n} entries` }),
};

const TEXT_DEFAULT_MAX: Partial<Record<string, number>> = { text: 500, long_text: 5000 };
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function viDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (days[mo - 1] ?? 0);
}

/** The problems of one present value, each as [part below the field or '', words]. */
function valueProblems(f: LayoutField, v: unknown): [string, Words][] {
  const r = f.validation;
  const out: [string, Words][] = [];
  const str = typeof v === 'string' ? v : null;
  switch (f.type) {
    case 'text':
    case 'long_text': {
      if (str === null) return [['', W.format]];
      const min = Math.max(r.minLength ?? 0, f.required ? 1 : 0);
      const max = r.maxLength ?? TEXT_DEFAULT_MAX[f.type] ?? 500;
      if (str.length < min) out.push(['', min === 1 ? W.empty : W.minLength(min)]);
      if (str.length > max) out.push(['', W.maxLength(max)]);
      if (r.pattern && !new RegExp(r.pattern, 'u').test(str)) out.push(['', W.format]);
      return out;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return [['', W.number]];
      if (r.integer && !Number.isInteger(v)) out.push(['', W.integer]);
      if (r.min !== undefined && v < r.min) out.push(['', W.minimum(r.min)]);
      if (r.max !== undefined && v > r.max) out.push(['', W.maximum(r.max)]);
      return out;
    }
    case 'date':
      if (str === null || !isDate(str)) return [['', W.date]];
      if (r.minDate && str < r.minDate) out.push(['', W.minDate(r.minDate)]);
      if (r.maxDate && str > r.maxDate) out.push(['', W.maxDate(r.maxDate)]);
      return out;
    case 'select':
      return f.options.some((o) => o.value === v) ? [] : [['', W.choose(f)]];
    case 'multi_select':
      if (!Array.isArray(v)) return [['', W.choose(f)]];
      if (f.required && v.length < 1) return [['', W.chooseAtLeast(1)]];
      return v.every((x) => f.options.some((o) => o.value === x)) ? [] : [['', W.choose(f)]];
    case 'boolean':
      return typeof v === 'boolean' ? [] : [['', W.format]];
    case 'pid':
    case 'phone':
    case 'tax_code':
      return str !== null && PATTERNS[f.type].test(str) ? [] : [['', PATTERN_WORDS[f.type]!]];
    case 'email':
      return str !== null && str.length <= 254 && EMAIL.test(str) ? [] : [['', W.email]];
    case 'address': {
      const a = (v ?? {}) as Record<string, unknown>;
      for (const [part, re] of [
        ['provinceCode', PATTERNS.province],
        ['communeCode', PATTERNS.commune],
      ] as const) {
        const p = a[part];
        if (p === undefined || p === '') out.push([part, W.required]);
        else if (typeof p !== 'string' || !re.test(p)) out.push([part, PATTERN_WORDS[part]!]);
      }
      if (typeof a.street === 'string' && a.street.length > 300) out.push(['street', W.maxLength(300)]);
      return out;
    }
    case 'file':
      return v && typeof v === 'object' && 'sha256' in v ? [] : [['', W.required]];
  }
}

interface Ctx {
  lang: Lang;
  errors: FieldErrors;
}

function put(ctx: Ctx, path: string, label: Words, part: string, words: Words): void {
  const p = part ? PARTS[part] : undefined;
  const l = p ? { vi: `${label.vi} (${p.vi})`, en: `${label.en} (${p.en})` } : label;
  const key = part ? `${path}.${part}` : path;
  ctx.errors[key] ??= ctx.lang === 'en' ? `${l.en}: ${words.en}` : `${l.vi}: ${words.vi}`;
}

function checkFields(
  ctx: Ctx,
  items: LayoutField[],
  data: FormData,
  top: FormData,
  base: string,
  label: (f: LayoutField) => Words,
) {
  for (const f of items) {
    if (!isShown(f.visibleWhen, top, data)) continue;
    const v = data[f.property];
    const path = `${base}.${f.property}`;
    if (v === undefined) {
      if (f.required) put(ctx, path, label(f), '', W.required);
      continue;
    }
    for (const [part, words] of valueProblems(f, v)) put(ctx, path, label(f), part, words);
  }
}

function checkGroup(ctx: Ctx, g: LayoutGroup, top: FormData) {
  if (!isShown(g.visibleWhen, top)) return;
  const path = `data.${g.property}`;
  const title = { vi: g.title, en: g.title_en };
  const entries = top[g.property];
  if (entries === undefined) {
    if (g.repeat.min > 0) put(ctx, path, title, '', W.required);
    return;
  }
  if (!Array.isArray(entries)) return put(ctx, path, title, '', W.format);
  if (entries.length < g.repeat.min) put(ctx, path, title, '', W.entriesAtLeast(g.repeat.min));
  if (entries.length > g.repeat.max) put(ctx, path, title, '', W.entriesAtMost(g.repeat.max));
  entries.forEach((e, i) => {
    const entryLabel = { vi: `${g.title} (mục ${i + 1})`, en: `${g.title_en} (entry ${i + 1})` };
    checkFields(ctx, g.items, (e ?? {}) as FormData, top, `${path}.${i}`, (f) => ({
      vi: `${entryLabel.vi} – ${f.label}`,
      en: `${entryLabel.en} – ${f.label_en}`,
    }));
  });
}

/**
 * Every problem of the form's value (hidden fields ignored, as the server ignores them once they
 * are left out), keyed by the server's paths. Empty when the form may be sent.
 */
export function validateForm(layout: UiLayout, value: FormValue, lang: Lang = 'vi'): FieldErrors {
  const ctx: Ctx = { lang, errors: {} };
  const data = visibleData(layout, value.data);
  for (const s of layout.sections) {
    checkFields(
      ctx,
      s.items.filter((i): i is LayoutField => i.kind === 'field'),
      data,
      data,
      'data',
      (f) => ({ vi: f.label, en: f.label_en }),
    );
    for (const g of s.items) if (g.kind === 'group') checkGroup(ctx, g, data);
  }
  for (const a of layout.attachments)
    if (a.required && !value.attachments.some((x) => x.attachmentId === a.id))
      ctx.errors[`attachments.${a.id}`] =
        lang === 'en'
          ? `Missing required paper: ${a.name_en ?? a.name}`
          : `Thiếu thành phần hồ sơ bắt buộc: ${a.name}`;
  return ctx.errors;
}

/** The problems of one field only (for inline checks as the citizen leaves a field). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  return Object.entries(errors)
    .filter(([p]) => p === path || p.startsWith(`${path}.`))
    .map(([, m]) => m);
}

export type { FormData };
