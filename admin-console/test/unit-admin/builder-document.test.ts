// The form builder's state → builder document, checked by the server's own schema and compiler.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/src/errors';
import { compileForm } from '../../../server/src/modules/forms/compile/compile';
import { formDefinition } from '../../../server/src/modules/forms/definition';
import { field, testDictionary } from '../../../server/test/forms/dictionary-fixture';
import {
  canonicalJson,
  conditionCandidates,
  emptyState,
  fromDefinition,
  move,
  moveByUid,
  newAttachment,
  newField,
  newGroup,
  newSection,
  toDefinition,
  uidAtPath,
  type BuilderState,
  type FieldState,
} from '../../src/unit-admin/forms/builder-document';

const dictionary = testDictionary([field('household.size', 'number')]);
const typeOf = (key: string) => dictionary.get(key)?.type;

/** A birth-registration-like form: a yes/no that shows an address, a repeating group of members. */
function sampleState(): BuilderState {
  const state = emptyState();
  const s1 = newSection(state, 'Người yêu cầu');
  state.sections.push(s1);
  const name = newField('applicant.full_name');
  const byPost = newField('delivery.by_post');
  const postal: FieldState = {
    ...newField('delivery.postal_address'),
    label: '  Địa chỉ nhận kết quả  ',
    required: 'yes',
    condition: { field: 'delivery.by_post', test: 'equals', value: 'true' },
  };
  s1.items.push(name, byPost, postal);
  const s2 = newSection(state, 'Thành viên hộ gia đình');
  state.sections.push(s2);
  const size = newField('household.size');
  const group = newGroup(state, 'Thành viên');
  group.min = 1;
  group.max = 5;
  const relation = newField('family_member.relationship');
  const pid: FieldState = {
    ...newField('family_member.pid'),
    condition: { field: 'family_member.relationship', test: 'in', value: 'vợ, chồng' },
  };
  const dob: FieldState = {
    ...newField('family_member.date_of_birth'),
    // A group field shown by a top-level field: the compiler puts the rule at the top.
    condition: { field: 'household.size', test: 'equals', value: '3' },
  };
  group.items.push(relation, pid, dob);
  s2.items.push(size, group);
  state.attachments.push(newAttachment(state, 'Bản sao giấy khai sinh'));
  return state;
}

describe('builder state → builder document', () => {
  it('is a document the server accepts, with conditions typed by the tested field', () => {
    const def = toDefinition(sampleState(), typeOf);
    expect(formDefinition.parse(def)).toEqual(def);
    const [s1, s2] = def.sections;
    expect(s1!.id).toBe('phan_1');
    expect(s1!.items[0]).toEqual({ kind: 'field', key: 'applicant.full_name' });
    expect(s1!.items[2]).toEqual({
      kind: 'field',
      key: 'delivery.postal_address',
      label: 'Địa chỉ nhận kết quả',
      required: true,
      visibleWhen: { field: 'delivery.by_post', equals: true },
    });
    const group = s2!.items[1]!;
    expect(group).toMatchObject({ kind: 'group', id: 'nhom_1', repeat: { min: 1, max: 5 } });
    if (group.kind !== 'group') throw new Error('expected a group');
    expect(group.items[1]!.visibleWhen).toEqual({ field: 'family_member.relationship', in: ['vợ', 'chồng'] });
    expect(group.items[2]!.visibleWhen).toEqual({ field: 'household.size', equals: 3 });
    expect(def.attachments).toEqual([
      {
        id: 'giay_to_1',
        name: 'Bản sao giấy khai sinh',
        required: true,
        accept: ['application/pdf', 'image/jpeg', 'image/png'],
        maxSizeMb: 10,
      },
    ]);
  });

  it('compiles to the JSON Schema the portal validates against: the condition and the repeating group', () => {
    const { jsonSchema, uiLayout } = compileForm(
      formDefinition.parse(toDefinition(sampleState(), typeOf)),
      dictionary,
    );
    const schema = jsonSchema as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // The yes/no condition: required when shown, forbidden when hidden.
    expect(schema.allOf).toContainEqual({
      if: { required: ['delivery.by_post'], properties: { 'delivery.by_post': { const: true } } },
      then: { required: ['delivery.postal_address'] },
      else: { properties: { 'delivery.postal_address': false } },
    });
    // The group: an array of 1..5 entries whose items carry the in-group condition.
    const members = (schema.properties as Record<string, Record<string, unknown>>).nhom_1!;
    expect(members).toMatchObject({ type: 'array', minItems: 1, maxItems: 5 });
    expect((members.items as Record<string, unknown>).allOf).toContainEqual({
      if: {
        required: ['family_member.relationship'],
        properties: { 'family_member.relationship': { enum: ['vợ', 'chồng'] } },
      },
      else: { properties: { 'family_member.pid': false } },
    });
    expect(schema.required).toContain('nhom_1');
    // The group field shown by a top-level number reaches into every entry from the top.
    expect(schema.allOf).toContainEqual({
      if: { required: ['household.size'], properties: { 'household.size': { const: 3 } } },
      else: { properties: { nhom_1: { items: { properties: { 'family_member.date_of_birth': false } } } } },
    });
    const layoutGroup = uiLayout.sections[1]!.items[1]!;
    expect(layoutGroup.kind).toBe('group');
    if (layoutGroup.kind !== 'group') return;
    expect(layoutGroup.items[2]!.visibleWhen).toEqual({ field: 'household.size', scope: 'form', equals: 3 });
    expect(layoutGroup.items[1]!.visibleWhen).toEqual({
      field: 'family_member.relationship',
      scope: 'group',
      in: ['vợ', 'chồng'],
    });
  });

  it('round-trips a saved draft through the state unchanged', () => {
    const def = toDefinition(sampleState(), typeOf);
    expect(toDefinition(fromDefinition(def), typeOf)).toEqual(def);
    // Stored as jsonb, the draft comes back with its keys reordered: still the same draft.
    const reversed = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(reversed)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : x;
    const stored = reversed(def);
    expect(JSON.stringify(stored)).not.toBe(JSON.stringify(def));
    expect(canonicalJson(stored)).toBe(canonicalJson(def));
  });

  it('keeps positions, so the compiler’s problems land on the item the admin sees', () => {
    const state = sampleState();
    // Drag the postal address above the yes/no it depends on: the server refuses it, at that item.
    state.sections[0]!.items = move(state.sections[0]!.items, 2, 1);
    let problems: { path: string }[] = [];
    try {
      compileForm(formDefinition.parse(toDefinition(state, typeOf)), dictionary);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      problems = (e as AppError).errors;
    }
    expect(problems.map((p) => p.path)).toEqual(['sections.0.items.1.visibleWhen.field']);
    const moved = state.sections[0]!.items[1]!;
    expect(moved.kind === 'field' && moved.key).toBe('delivery.postal_address');
    expect(uidAtPath(state, `draft.${problems[0]!.path}`)).toBe(moved.uid);
    const group = state.sections[1]!.items[1]!;
    if (group.kind !== 'group') throw new Error('expected a group');
    expect(uidAtPath(state, 'draft.sections.1.items.1.items.2.key')).toBe(group.items[2]!.uid);
  });

  it('offers as condition targets only earlier fields, the group’s own first', () => {
    const state = sampleState();
    const group = state.sections[1]!.items[1]!;
    if (group.kind !== 'group') throw new Error('expected a group');
    expect(conditionCandidates(state, group.items[1]!.uid)).toEqual([
      'family_member.relationship',
      'applicant.full_name',
      'delivery.by_post',
      'delivery.postal_address',
      'household.size',
    ]);
    expect(conditionCandidates(state, state.sections[0]!.items[0]!.uid)).toEqual([]);
  });
});

describe('drag and drop', () => {
  const keysOf = (state: BuilderState) =>
    state.sections.map((s) =>
      s.items.map((i) => (i.kind === 'field' ? i.key : `${i.id}[${i.items.map((f) => f.key).join(',')}]`)),
    );

  it('reorders within a section, moves across sections and into and out of a group', () => {
    const state = sampleState();
    const [s1, s2] = state.sections;
    const group = s2!.items[1]!;
    if (group.kind !== 'group') throw new Error('expected a group');
    let next = moveByUid(state, s1!.items[2]!.uid, s1!.items[0]!.uid);
    expect(keysOf(next)[0]).toEqual(['delivery.postal_address', 'applicant.full_name', 'delivery.by_post']);
    next = moveByUid(next, s1!.items[0]!.uid, s2!.uid);
    expect(keysOf(next)).toEqual([
      ['delivery.postal_address', 'delivery.by_post'],
      [
        'household.size',
        'nhom_1[family_member.relationship,family_member.pid,family_member.date_of_birth]',
        'applicant.full_name',
      ],
    ]);
    next = moveByUid(next, s2!.items[0]!.uid, `${group.uid}:end`);
    expect(keysOf(next)[1]).toEqual([
      'nhom_1[family_member.relationship,family_member.pid,family_member.date_of_birth,household.size]',
      'applicant.full_name',
    ]);
    next = moveByUid(next, group.items[0]!.uid, s1!.uid);
    expect(keysOf(next)[0]).toEqual([
      'delivery.postal_address',
      'delivery.by_post',
      'family_member.relationship',
    ]);
    // The original state is untouched (React state).
    expect(keysOf(state)[0]).toEqual(['applicant.full_name', 'delivery.by_post', 'delivery.postal_address']);
  });

  it('never puts a group inside a group, and reorders sections', () => {
    const state = sampleState();
    const [s1, s2] = state.sections;
    const group = s2!.items[1]!;
    if (group.kind !== 'group') throw new Error('expected a group');
    expect(moveByUid(state, group.uid, group.items[0]!.uid)).toBe(state);
    const swapped = moveByUid(state, s2!.uid, s1!.uid);
    expect(swapped.sections.map((s) => s.id)).toEqual(['phan_2', 'phan_1']);
  });
});
