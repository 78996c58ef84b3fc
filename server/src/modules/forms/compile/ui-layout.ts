import type { DictionaryField, FieldOption, FieldType, FieldValidation } from '../../dictionary/schema';
import type { AttachmentSpec, VisibleWhen } from '../definition';
import { isGroup, type FormPlan, type PlannedField, type PlannedGroup, type ResolvedCondition } from './plan';

/** How the portal and the admin preview draw each type. */
export const WIDGETS: Record<FieldType, string> = {
  text: 'text',
  long_text: 'textarea',
  number: 'number',
  date: 'date',
  select: 'select',
  multi_select: 'checkboxes',
  boolean: 'checkbox',
  pid: 'pid',
  phone: 'tel',
  email: 'email',
  tax_code: 'tax_code',
  address: 'address',
  file: 'file',
};

export interface LayoutCondition extends Omit<VisibleWhen, 'field'> {
  /** The property tested; `scope` says whether it is a sibling in the group or a top-level field. */
  field: string;
  scope: 'form' | 'group';
}

export interface LayoutField {
  kind: 'field';
  key: string;
  /** The property name in `data` (the dictionary key as-is). */
  property: string;
  label: string;
  label_en: string;
  help: string;
  help_en: string;
  type: FieldType;
  widget: string;
  required: boolean;
  options: FieldOption[];
  validation: FieldValidation;
  revision: number;
  visibleWhen?: LayoutCondition;
}

export interface LayoutGroup {
  kind: 'group';
  id: string;
  property: string;
  title: string;
  title_en: string;
  repeat: { min: number; max: number };
  visibleWhen?: LayoutCondition;
  items: LayoutField[];
}

export interface UiLayout {
  layoutVersion: 1;
  sections: { id: string; title: string; title_en: string; items: (LayoutField | LayoutGroup)[] }[];
  attachments: AttachmentSpec[];
}

function conditionOf(c: ResolvedCondition | undefined): LayoutCondition | undefined {
  if (!c) return undefined;
  const { field: _field, ...test } = c.rule;
  return { field: c.key, scope: c.scope, ...test };
}

export const labelOf = (p: PlannedField) => p.item.label ?? p.field.label;
export const labelEnOf = (p: PlannedField) => p.item.label_en ?? p.field.label_en;
export const helpOf = (p: PlannedField) => p.item.help ?? p.field.help;

function layoutField(p: PlannedField): LayoutField {
  const f: DictionaryField = p.field;
  const visibleWhen = conditionOf(p.condition);
  return {
    kind: 'field',
    key: f.key,
    property: f.key,
    label: labelOf(p),
    label_en: labelEnOf(p),
    help: helpOf(p),
    help_en: p.item.help_en ?? f.help_en,
    type: f.type,
    widget: WIDGETS[f.type],
    required: p.required,
    options: f.options,
    validation: f.validation,
    revision: f.revision,
    ...(visibleWhen ? { visibleWhen } : {}),
  };
}

function layoutGroup(g: PlannedGroup): LayoutGroup {
  const visibleWhen = conditionOf(g.condition);
  return {
    kind: 'group',
    id: g.item.id,
    property: g.item.id,
    title: g.item.title,
    title_en: g.item.title_en ?? g.item.title,
    repeat: g.item.repeat,
    ...(visibleWhen ? { visibleWhen } : {}),
    items: g.fields.map(layoutField),
  };
}

/** The order, sections, labels, help, widgets and conditions the portal renders. */
export function buildUiLayout(plan: FormPlan, attachments: AttachmentSpec[]): UiLayout {
  return {
    layoutVersion: 1,
    sections: plan.sections.map((s) => ({
      id: s.id,
      title: s.title,
      title_en: s.title_en ?? s.title,
      items: s.items.map((i) => (isGroup(i) ? layoutGroup(i) : layoutField(i))),
    })),
    attachments,
  };
}
