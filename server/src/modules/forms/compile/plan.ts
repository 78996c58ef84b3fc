import type { FieldProblem } from '../../../errors';
import type { DictionaryField } from '../../dictionary/schema';
import { checkFieldRules } from '../../dictionary/rules';
import type { FieldItem, FormDefinition, GroupItem, VisibleWhen } from '../definition';
import { resolveConditions } from './plan-conditions';

/** A condition whose field was found: in the item's own group, or at the top level of the form. */
export interface ResolvedCondition {
  scope: 'form' | 'group';
  key: string;
  target: DictionaryField;
  rule: VisibleWhen;
}

export interface PlannedField {
  item: FieldItem;
  field: DictionaryField;
  /** Where the item sits in the builder document, e.g. sections.0.items.2 */
  path: string;
  order: number;
  required: boolean;
  condition?: ResolvedCondition;
}

export interface PlannedGroup {
  item: GroupItem;
  path: string;
  order: number;
  fields: PlannedField[];
  condition?: ResolvedCondition;
}

export interface PlannedSection {
  id: string;
  title: string;
  title_en?: string;
  items: (PlannedField | PlannedGroup)[];
}

export interface FormPlan {
  sections: PlannedSection[];
  /** Top-level fields by key, and groups by id. */
  root: Map<string, PlannedField>;
  groups: Map<string, PlannedGroup>;
}

export const isGroup = (x: PlannedField | PlannedGroup): x is PlannedGroup => x.item.kind === 'group';

export const problem = (path: string, vi: string, en: string): FieldProblem => ({
  path,
  message: vi,
  message_en: en,
});

function duplicateIds(ids: { id: string; path: string }[], what: { vi: string; en: string }): FieldProblem[] {
  const first = new Map<string, string>();
  const out: FieldProblem[] = [];
  for (const { id, path } of ids) {
    const seen = first.get(id);
    if (seen)
      out.push(
        problem(
          path,
          `${what.vi} '${id}' trùng với ${seen}`,
          `${what.en} '${id}' repeats the one at ${seen}`,
        ),
      );
    else first.set(id, path);
  }
  return out;
}

/** Resolves one field item against the dictionary; null (with problems) when it cannot be used. */
function planField(
  item: FieldItem,
  path: string,
  order: number,
  dictionary: ReadonlyMap<string, DictionaryField>,
  errors: FieldProblem[],
): PlannedField | null {
  const field = dictionary.get(item.key);
  if (!field) {
    errors.push(
      problem(
        `${path}.key`,
        `Trường dữ liệu '${item.key}' không có trong từ điển dùng chung`,
        `Field '${item.key}' is not in the shared dictionary`,
      ),
    );
    return null;
  }
  if (field.status === 'retired') {
    errors.push(
      problem(
        `${path}.key`,
        `Trường dữ liệu '${item.key}' đã ngừng sử dụng; hãy chọn trường khác`,
        `Field '${item.key}' is retired; choose another field`,
      ),
    );
    return null;
  }
  // The dictionary is checked when written; a form still refuses a field whose rules cannot compile.
  for (const p of checkFieldRules(field))
    errors.push(
      problem(
        `${path}.key`,
        `Trường '${item.key}' trong từ điển: ${p.message}`,
        `Dictionary field '${item.key}': ${p.message_en}`,
      ),
    );
  return { item, field, path, order, required: item.required ?? field.validation.required ?? false };
}

/**
 * Checks a builder document against the dictionary and resolves every item: unknown or retired
 * keys, duplicates in one scope (the form's top level, or one group), bad repeat bounds, and —
 * in plan-conditions.ts — conditions and their cycles. Pure.
 */
export function planForm(
  def: FormDefinition,
  dictionary: ReadonlyMap<string, DictionaryField>,
): { plan: FormPlan; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const root = new Map<string, PlannedField>();
  const groups = new Map<string, PlannedGroup>();
  const rootNames: { id: string; path: string }[] = [];
  let order = 0;

  errors.push(
    ...duplicateIds(
      def.sections.map((s, i) => ({ id: s.id, path: `sections.${i}.id` })),
      { vi: 'Mã phần', en: 'Section id' },
    ),
    ...duplicateIds(
      def.attachments.map((a, i) => ({ id: a.id, path: `attachments.${i}.id` })),
      { vi: 'Mã giấy tờ đính kèm', en: 'Attachment id' },
    ),
  );

  const sections: PlannedSection[] = def.sections.map((s, si) => {
    const items: (PlannedField | PlannedGroup)[] = [];
    s.items.forEach((item, ii) => {
      const path = `sections.${si}.items.${ii}`;
      if (item.kind === 'field') {
        rootNames.push({ id: item.key, path: `${path}.key` });
        const planned = planField(item, path, order++, dictionary, errors);
        if (planned && !root.has(item.key)) root.set(item.key, planned);
        if (planned) items.push(planned);
        return;
      }
      rootNames.push({ id: item.id, path: `${path}.id` });
      if (item.repeat.min > item.repeat.max)
        errors.push(
          problem(
            `${path}.repeat.min`,
            `Số lần lặp tối thiểu (${item.repeat.min}) lớn hơn tối đa (${item.repeat.max})`,
            `repeat.min (${item.repeat.min}) is greater than repeat.max (${item.repeat.max})`,
          ),
        );
      const group: PlannedGroup = { item, path, order: order++, fields: [] };
      const inner: { id: string; path: string }[] = [];
      item.items.forEach((fi, fii) => {
        inner.push({ id: fi.key, path: `${path}.items.${fii}.key` });
        const planned = planField(fi, `${path}.items.${fii}`, order++, dictionary, errors);
        if (planned) group.fields.push(planned);
      });
      errors.push(
        ...duplicateIds(inner, { vi: `Trường trong nhóm '${item.id}'`, en: `Field in group '${item.id}'` }),
      );
      if (!groups.has(item.id)) groups.set(item.id, group);
      items.push(group);
    });
    return { id: s.id, title: s.title, title_en: s.title_en, items };
  });

  errors.push(...duplicateIds(rootNames, { vi: 'Trường hoặc nhóm', en: 'Field or group' }));
  const plan: FormPlan = { sections, root, groups };
  errors.push(...resolveConditions(plan));
  return { plan, errors };
}
