/**
 * The form builder's working state and its conversion to the builder document the server
 * compiles (server/src/modules/forms/definition.ts; the words are in its CONTEXT.md). Pure: no
 * React, no fetch, so the conversion is tested against the server's own compiler.
 *
 * The state differs from the document only where editing needs it: every item carries a `uid`
 * for drag and drop and for placing the server's problems beside the item, a condition keeps its
 * value as typed text until it is converted by the tested field's type, and an override the admin
 * left empty is simply absent from the document.
 */

export type Scalar = string | number | boolean;

/** The tested field's dictionary type decides how a typed value becomes a JSON value. */
export type FieldTypeName =
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'select'
  | 'multi_select'
  | 'boolean'
  | 'pid'
  | 'phone'
  | 'email'
  | 'tax_code'
  | 'address'
  | 'file';

export interface VisibleWhen {
  field: string;
  equals?: Scalar;
  in?: Scalar[];
  notEmpty?: true;
}

export interface FieldItem {
  kind: 'field';
  key: string;
  label?: string;
  label_en?: string;
  help?: string;
  help_en?: string;
  required?: boolean;
  visibleWhen?: VisibleWhen;
}

export interface GroupItem {
  kind: 'group';
  id: string;
  title: string;
  title_en?: string;
  repeat: { min: number; max: number };
  visibleWhen?: VisibleWhen;
  items: FieldItem[];
}

export interface AttachmentSpec {
  id: string;
  name: string;
  name_en?: string;
  required: boolean;
  accept: string[];
  maxSizeMb: number;
  fromDataStore?: boolean;
}

export interface FormDefinition {
  sections: { id: string; title: string; title_en?: string; items: (FieldItem | GroupItem)[] }[];
  attachments: AttachmentSpec[];
}

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/xml',
] as const;

// ---- the working state ----

export type ConditionTest = 'equals' | 'in' | 'notEmpty';

export interface ConditionState {
  field: string;
  test: ConditionTest;
  /** As typed: one value for equals, comma-separated values for in; ignored for notEmpty. */
  value: string;
}

export interface FieldState {
  uid: string;
  kind: 'field';
  key: string;
  label: string;
  label_en: string;
  help: string;
  help_en: string;
  /** 'dictionary' keeps the dictionary's own rule. */
  required: 'dictionary' | 'yes' | 'no';
  condition: ConditionState | null;
}

export interface GroupState {
  uid: string;
  kind: 'group';
  id: string;
  title: string;
  title_en: string;
  min: number;
  max: number;
  condition: ConditionState | null;
  items: FieldState[];
}

export type ItemState = FieldState | GroupState;

export interface SectionState {
  uid: string;
  id: string;
  title: string;
  title_en: string;
  items: ItemState[];
}

export interface AttachmentState extends AttachmentSpec {
  uid: string;
}

export interface BuilderState {
  sections: SectionState[];
  attachments: AttachmentState[];
}

let counter = 0;
/** Unique within the page: dnd-kit needs stable ids, and ids in the document may be edited. */
export const newUid = (prefix = 'u'): string => `${prefix}${(++counter).toString(36)}`;

export const emptyState = (): BuilderState => ({ sections: [], attachments: [] });

export function newField(key: string): FieldState {
  return {
    uid: newUid('f'),
    kind: 'field',
    key,
    label: '',
    label_en: '',
    help: '',
    help_en: '',
    required: 'dictionary',
    condition: null,
  };
}

/** The next free id like `section_2` among `taken`. */
export function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}

export function newSection(state: BuilderState, title: string): SectionState {
  return {
    uid: newUid('s'),
    id: freeId(
      'phan',
      state.sections.map((s) => s.id),
    ),
    title,
    title_en: '',
    items: [],
  };
}

const groupIds = (state: BuilderState) =>
  state.sections.flatMap((s) => s.items.filter((i) => i.kind === 'group').map((g) => g.id));

export function newGroup(state: BuilderState, title: string): GroupState {
  return {
    uid: newUid('g'),
    kind: 'group',
    id: freeId('nhom', groupIds(state)),
    title,
    title_en: '',
    min: 0,
    max: 10,
    condition: null,
    items: [],
  };
}

export function newAttachment(state: BuilderState, name: string): AttachmentState {
  return {
    uid: newUid('a'),
    id: freeId(
      'giay_to',
      state.attachments.map((a) => a.id),
    ),
    name,
    required: true,
    accept: ['application/pdf', 'image/jpeg', 'image/png'],
    maxSizeMb: 10,
  };
}

// ---- state → document ----

/** A typed value as the tested field's type reads it: "true" is a boolean for a yes/no field. */
export function typedValue(text: string, type: FieldTypeName | undefined): Scalar {
  const v = text.trim();
  if (type === 'boolean') return v === 'true' || v === '1' || v.toLowerCase() === 'có';
  if (type === 'number' && v !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
}

export function conditionToRule(
  c: ConditionState,
  typeOf: (key: string) => FieldTypeName | undefined,
): VisibleWhen {
  const type = typeOf(c.field);
  if (c.test === 'notEmpty') return { field: c.field, notEmpty: true };
  if (c.test === 'in') {
    const values = c.value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => typedValue(v, type));
    return { field: c.field, in: values };
  }
  return { field: c.field, equals: typedValue(c.value, type) };
}

const text = (v: string) => {
  const t = v.trim();
  return t === '' ? undefined : t;
};

function fieldToItem(f: FieldState, typeOf: (key: string) => FieldTypeName | undefined): FieldItem {
  const item: FieldItem = { kind: 'field', key: f.key };
  const label = text(f.label);
  const labelEn = text(f.label_en);
  const help = text(f.help);
  const helpEn = text(f.help_en);
  if (label) item.label = label;
  if (labelEn) item.label_en = labelEn;
  if (help) item.help = help;
  if (helpEn) item.help_en = helpEn;
  if (f.required !== 'dictionary') item.required = f.required === 'yes';
  if (f.condition && f.condition.field) item.visibleWhen = conditionToRule(f.condition, typeOf);
  return item;
}

function groupToItem(g: GroupState, typeOf: (key: string) => FieldTypeName | undefined): GroupItem {
  const item: GroupItem = {
    kind: 'group',
    id: g.id.trim(),
    title: g.title.trim(),
    repeat: { min: g.min, max: g.max },
    items: g.items.map((f) => fieldToItem(f, typeOf)),
  };
  const titleEn = text(g.title_en);
  if (titleEn) item.title_en = titleEn;
  if (g.condition && g.condition.field) item.visibleWhen = conditionToRule(g.condition, typeOf);
  return item;
}

/**
 * The builder document for the server. `typeOf` gives a dictionary key's type (for condition
 * values); positions are kept, so a problem at `sections.0.items.2` names the third item shown.
 */
export function toDefinition(
  state: BuilderState,
  typeOf: (key: string) => FieldTypeName | undefined,
): FormDefinition {
  return {
    sections: state.sections.map((s) => {
      const titleEn = text(s.title_en);
      return {
        id: s.id.trim(),
        title: s.title.trim(),
        ...(titleEn ? { title_en: titleEn } : {}),
        items: s.items.map((i) => (i.kind === 'group' ? groupToItem(i, typeOf) : fieldToItem(i, typeOf))),
      };
    }),
    attachments: state.attachments.map(({ uid: _uid, ...a }) => {
      const nameEn = a.name_en?.trim();
      const out: AttachmentSpec = {
        id: a.id.trim(),
        name: a.name.trim(),
        required: a.required,
        accept: a.accept,
        maxSizeMb: a.maxSizeMb,
      };
      if (nameEn) out.name_en = nameEn;
      if (a.fromDataStore) out.fromDataStore = true;
      return out;
    }),
  };
}

/**
 * The same JSON whatever the key order: the server returns a saved draft with its schema's key
 * order, so "saved?" compares canonical forms.
 */
export function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}

// ---- document → state (opening a saved draft) ----

function ruleToCondition(r: VisibleWhen | undefined): ConditionState | null {
  if (!r) return null;
  if (r.notEmpty) return { field: r.field, test: 'notEmpty', value: '' };
  if (r.in) return { field: r.field, test: 'in', value: r.in.map(String).join(', ') };
  return { field: r.field, test: 'equals', value: String(r.equals ?? '') };
}

function itemToField(i: FieldItem): FieldState {
  return {
    uid: newUid('f'),
    kind: 'field',
    key: i.key,
    label: i.label ?? '',
    label_en: i.label_en ?? '',
    help: i.help ?? '',
    help_en: i.help_en ?? '',
    required: i.required === undefined ? 'dictionary' : i.required ? 'yes' : 'no',
    condition: ruleToCondition(i.visibleWhen),
  };
}

export function fromDefinition(def: FormDefinition): BuilderState {
  return {
    sections: def.sections.map((s) => ({
      uid: newUid('s'),
      id: s.id,
      title: s.title,
      title_en: s.title_en ?? '',
      items: s.items.map((i): ItemState =>
        i.kind === 'group'
          ? {
              uid: newUid('g'),
              kind: 'group',
              id: i.id,
              title: i.title,
              title_en: i.title_en ?? '',
              min: i.repeat.min,
              max: i.repeat.max,
              condition: ruleToCondition(i.visibleWhen),
              items: i.items.map(itemToField),
            }
          : itemToField(i),
      ),
    })),
    attachments: (def.attachments ?? []).map((a) => ({ ...a, uid: newUid('a') })),
  };
}

// ---- editing ----

/** Moves the element at `from` to `to` (dnd-kit's arrayMove, kept here so the state stays pure). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x!);
  return out;
}

/** Fields a condition on the item at `uid` may test: earlier fields in its own group, then earlier top-level fields. */
export function conditionCandidates(state: BuilderState, uid: string): string[] {
  const topLevel: string[] = [];
  for (const s of state.sections)
    for (const item of s.items) {
      if (item.uid === uid) return topLevel;
      if (item.kind === 'field') topLevel.push(item.key);
      else {
        const inGroup: string[] = [];
        for (const f of item.items) {
          if (f.uid === uid) return [...inGroup, ...topLevel];
          inGroup.push(f.key);
        }
      }
    }
  return topLevel;
}

/**
 * Where a problem of the server lands: `draft.sections.0.items.2.items.1.visibleWhen.field` →
 * the uid of that field. Problems the builder cannot place (the sections list) land on ''.
 */
export function uidAtPath(state: BuilderState, path: string): string {
  const parts = path.replace(/^draft\./, '').split('.');
  if (parts[0] === 'attachments') return state.attachments[Number(parts[1])]?.uid ?? '';
  if (parts[0] !== 'sections' || parts[1] === undefined) return '';
  const section = state.sections[Number(parts[1])];
  if (!section) return '';
  if (parts[2] !== 'items' || parts[3] === undefined) return section.uid;
  const item = section.items[Number(parts[3])];
  if (!item) return section.uid;
  if (item.kind === 'group' && parts[4] === 'items' && parts[5] !== undefined)
    return item.items[Number(parts[5])]?.uid ?? item.uid;
  return item.uid;
}

/** Every key placed on the form, to mark them in the dictionary picker. */
export function placedKeys(state: BuilderState): Set<string> {
  const keys = new Set<string>();
  for (const s of state.sections)
    for (const i of s.items) {
      if (i.kind === 'field') keys.add(i.key);
      else for (const f of i.items) keys.add(f.key);
    }
  return keys;
}

interface Place {
  section: number;
  /** The group's index in the section when the item sits inside a group. */
  group: number | null;
  index: number;
}

function locate(state: BuilderState, uid: string): Place | null {
  for (let s = 0; s < state.sections.length; s++) {
    const items = state.sections[s]!.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.uid === uid) return { section: s, group: null, index: i };
      if (item.kind === 'group') {
        const j = item.items.findIndex((f) => f.uid === uid);
        if (j >= 0) return { section: s, group: i, index: j };
      }
    }
  }
  return null;
}

/** Where an item dropped on `overUid` goes: that item's place, or the end of a section. */
function dropPlace(state: BuilderState, overUid: string): Place | null {
  const s = state.sections.findIndex((x) => x.uid === overUid);
  if (s >= 0) return { section: s, group: null, index: state.sections[s]!.items.length };
  return locate(state, overUid);
}

/**
 * The drag-and-drop move: `active` (a section, an item or a group's field) dropped on `over`
 * (a section, an item, or `<group uid>:end`, the drop zone at the end of a group).
 * Sections reorder among sections; items move within or across sections and groups; a group never
 * goes inside a group. Returns a new state (the old one when the move is not allowed).
 */
export function moveByUid(state: BuilderState, activeUid: string, overUid: string): BuilderState {
  if (activeUid === overUid) return state;
  const sFrom = state.sections.findIndex((x) => x.uid === activeUid);
  if (sFrom >= 0) {
    const sTo = state.sections.findIndex((x) => x.uid === overUid);
    return sTo >= 0 ? { ...state, sections: move(state.sections, sFrom, sTo) } : state;
  }
  const from = locate(state, activeUid);
  const endOfGroup = overUid.endsWith(':end') ? overUid.slice(0, -4) : null;
  const to = endOfGroup
    ? (() => {
        const g = locate(state, endOfGroup);
        const item = g && state.sections[g.section]!.items[g.index];
        return g && item?.kind === 'group'
          ? { section: g.section, group: g.index, index: item.items.length }
          : null;
      })()
    : dropPlace(state, overUid);
  if (!from || !to) return state;
  const sections = state.sections.map((s) => ({
    ...s,
    items: s.items.map((i) => (i.kind === 'group' ? { ...i, items: [...i.items] } : i)),
  }));
  const listAt = (p: Place): ItemState[] => {
    const items = sections[p.section]!.items;
    return p.group === null ? items : (items[p.group] as GroupState).items;
  };
  const moving = listAt(from)[from.index]!;
  if (moving.kind === 'group' && to.group !== null) return state;
  const sameList = from.section === to.section && from.group === to.group;
  if (sameList) {
    const list = listAt(from);
    const target = Math.min(to.index, list.length - 1);
    const moved = move(list, from.index, target);
    list.splice(0, list.length, ...moved);
    return { ...state, sections };
  }
  listAt(from).splice(from.index, 1);
  // Removing from the same section before the target shifts the target's index.
  const shift =
    from.section === to.section && from.group === null && to.group !== null && from.index < to.group;
  const dest = shift ? { ...to, group: to.group! - 1 } : to;
  listAt(dest).splice(Math.min(dest.index, listAt(dest).length), 0, moving);
  return { ...state, sections };
}
