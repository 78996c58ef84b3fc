import type { LayoutField, LayoutGroup, UiLayout } from '../compile/ui-layout';

/** Where an ajv error points, in words: the field's label (with group entry) and the part of it. */
export interface Located {
  /** The dotted path in the submission, e.g. data.family_members.0.family_member.full_name */
  path: string;
  label: { vi: string; en: string };
  field?: LayoutField;
  group?: LayoutGroup;
  /** What is left below the field: an address part, a file-reference part, an array index. */
  rest: string[];
}

const PARTS: Record<string, { vi: string; en: string }> = {
  provinceCode: { vi: 'tỉnh/thành phố', en: 'province' },
  communeCode: { vi: 'xã/phường', en: 'commune' },
  street: { vi: 'số nhà, đường', en: 'street' },
  sha256: { vi: 'mã SHA-256 của tệp', en: 'file SHA-256' },
  name: { vi: 'tên tệp', en: 'file name' },
  size: { vi: 'dung lượng tệp', en: 'file size' },
  mime: { vi: 'loại tệp', en: 'file type' },
};

export interface LayoutIndex {
  fields: Map<string, LayoutField>;
  groups: Map<string, { group: LayoutGroup; fields: Map<string, LayoutField> }>;
}

export function indexLayout(layout: UiLayout): LayoutIndex {
  const fields = new Map<string, LayoutField>();
  const groups: LayoutIndex['groups'] = new Map();
  for (const s of layout.sections)
    for (const item of s.items) {
      if (item.kind === 'field') fields.set(item.property, item);
      else
        groups.set(item.property, { group: item, fields: new Map(item.items.map((f) => [f.property, f])) });
    }
  return { fields, groups };
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function withPart(label: { vi: string; en: string }, rest: string[]) {
  const part = rest.length > 0 ? PARTS[rest[0]!] : undefined;
  return part ? { vi: `${label.vi} (${part.vi})`, en: `${label.en} (${part.en})` } : label;
}

/** Turns a JSON Pointer (plus the property an error names, if any) into a labelled location. */
export function locate(index: LayoutIndex, pointer: string, extra?: string): Located {
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
  if (extra !== undefined) segs.push(extra);
  const path = ['data', ...segs].join('.');
  const [head, ...tail] = segs;
  if (head === undefined) return { path, label: { vi: 'Dữ liệu biểu mẫu', en: 'Form data' }, rest: [] };
  const field = index.fields.get(head);
  if (field)
    return { path, field, label: withPart({ vi: field.label, en: field.label_en }, tail), rest: tail };
  const g = index.groups.get(head);
  if (!g) return { path, label: { vi: head, en: head }, rest: tail };
  const [entry, key, ...rest] = tail;
  const groupLabel = { vi: g.group.title, en: g.group.title_en };
  if (entry === undefined) return { path, group: g.group, label: groupLabel, rest: [] };
  const n = Number(entry) + 1;
  const entryLabel = { vi: `${groupLabel.vi} (mục ${n})`, en: `${groupLabel.en} (entry ${n})` };
  const inner = key === undefined ? undefined : g.fields.get(key);
  if (!inner)
    return {
      path,
      group: g.group,
      label:
        key === undefined ? entryLabel : { vi: `${entryLabel.vi} – ${key}`, en: `${entryLabel.en} – ${key}` },
      rest: [],
    };
  const label = withPart(
    { vi: `${entryLabel.vi} – ${inner.label}`, en: `${entryLabel.en} – ${inner.label_en}` },
    rest,
  );
  return { path, group: g.group, field: inner, label, rest };
}
