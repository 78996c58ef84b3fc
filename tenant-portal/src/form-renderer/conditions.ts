import type { FormData, LayoutCondition, LayoutField, LayoutGroup, UiLayout } from './types';

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * Whether an item with this condition is shown, read as the compiled schema's `if` reads it: an
 * absent field fails every test, so a field shown by a hidden field is hidden too (the data passed
 * in must already have hidden fields removed — see visibleData). A multi-select "equals" means "contains".
 */
export function isShown(c: LayoutCondition | undefined, top: FormData, entry: FormData = {}): boolean {
  if (!c) return true;
  const v = (c.scope === 'group' ? entry : top)[c.field];
  if (v === undefined) return false;
  if (c.notEmpty) return !isEmpty(v);
  const wanted = c.in ?? [c.equals];
  return Array.isArray(v) ? v.some((x) => wanted.includes(x as never)) : wanted.includes(v as never);
}

function keepEntry(items: LayoutField[], from: FormData, top: FormData): FormData {
  const out: FormData = {};
  for (const f of items) {
    const v = from[f.property];
    if (v === undefined) continue;
    // Conditions name earlier fields only, so `out` already holds the entry's fields they test.
    if (isShown(f.visibleWhen, top, out)) out[f.property] = v;
  }
  return out;
}

function keepGroup(g: LayoutGroup, from: FormData, top: FormData): unknown[] | undefined {
  const entries = from[g.property];
  if (!Array.isArray(entries) || !isShown(g.visibleWhen, top)) return undefined;
  return entries.map((e) => keepEntry(g.items, (e ?? {}) as FormData, top));
}

/**
 * The data without the answers of hidden fields and groups: what is validated and sent, because
 * the server refuses a value for a hidden field ("trường đang ẩn"). Hidden answers stay in the
 * renderer's value, so showing the field again brings them back.
 */
export function visibleData(layout: UiLayout, data: FormData): FormData {
  const out: FormData = {};
  for (const s of layout.sections)
    for (const item of s.items) {
      if (item.kind === 'group') {
        const kept = keepGroup(item, data, out);
        if (kept) out[item.property] = kept;
        continue;
      }
      const v = data[item.property];
      if (v !== undefined && isShown(item.visibleWhen, out)) out[item.property] = v;
    }
  return out;
}
