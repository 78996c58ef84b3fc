import { AppError } from '../../../errors';
import type { DictionaryField } from '../../dictionary/schema';
import type { FormDefinition } from '../definition';
import { conditionSchema, fieldSchema, type JsonSchema } from './field-schema';
import { isGroup, planForm, type PlannedField, type PlannedGroup } from './plan';
import { buildUiLayout, helpOf, labelOf, type UiLayout } from './ui-layout';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A dictionary field as a version saw it when published (a snapshot: later edits do not reach it). */
export type ResolvedField = Omit<DictionaryField, 'status' | 'createdAt' | 'updatedAt'>;

export interface CompiledForm {
  jsonSchema: JsonSchema;
  uiLayout: UiLayout;
  /** Every dictionary field the form uses, by key, as compiled. */
  fields: Record<string, ResolvedField>;
}

const resolved = ({ status: _s, createdAt: _c, updatedAt: _u, ...f }: DictionaryField): ResolvedField => f;

/** One object level (the whole form, or one entry of a repeating group). */
interface Level {
  properties: Record<string, JsonSchema>;
  required: string[];
  allOf: JsonSchema[];
}

const newLevel = (): Level => ({ properties: {}, required: [], allOf: [] });

const objectOf = (l: Level): JsonSchema => ({
  type: 'object',
  properties: l.properties,
  ...(l.required.length ? { required: l.required } : {}),
  additionalProperties: false,
  ...(l.allOf.length ? { allOf: l.allOf } : {}),
});

/** `then` makes the item required when shown; `else` forbids it when hidden (see CONTEXT.md). */
function conditional(
  ifSchema: JsonSchema,
  wrap: (s: JsonSchema) => JsonSchema,
  name: string,
  required: boolean,
) {
  return {
    if: ifSchema,
    ...(required ? { then: wrap({ required: [name] }) } : {}),
    else: wrap({ properties: { [name]: false } }),
  };
}

function addField(level: Level, p: PlannedField, root: Level, groupId: string | null): void {
  const key = p.item.key;
  level.properties[key] = fieldSchema(p.field, labelOf(p), helpOf(p), p.required);
  const c = p.condition;
  if (!c) {
    if (p.required) level.required.push(key);
    return;
  }
  const ifSchema = conditionSchema(c.key, c.target, c.rule);
  if (c.scope === 'group' || !groupId) {
    level.allOf.push(conditional(ifSchema, (s) => s, key, p.required));
    return;
  }
  // A group field shown by a top-level field: the rule lives at the top, reaching into every entry.
  const into = (s: JsonSchema) => ({ properties: { [groupId]: { items: s } } });
  root.allOf.push(conditional(ifSchema, into, key, p.required));
}

function addGroup(root: Level, g: PlannedGroup): void {
  const entry = newLevel();
  for (const f of g.fields) addField(entry, f, root, g.item.id);
  const id = g.item.id;
  root.properties[id] = {
    title: g.item.title,
    type: 'array',
    minItems: g.item.repeat.min,
    maxItems: g.item.repeat.max,
    items: objectOf(entry),
  };
  const required = g.item.repeat.min > 0;
  if (g.condition)
    root.allOf.push(
      conditional(
        conditionSchema(g.condition.key, g.condition.target, g.condition.rule),
        (s) => s,
        id,
        required,
      ),
    );
  else if (required) root.required.push(id);
}

/**
 * Compiles a builder document against the dictionary into a JSON Schema (2020-12) of the
 * submission's `data` and the UI layout document. Pure: no database, no clock. Throws
 * validation_failed with every problem, at paths relative to the builder document.
 */
export function compileForm(
  definition: FormDefinition,
  dictionary: ReadonlyMap<string, DictionaryField>,
): CompiledForm {
  const { plan, errors } = planForm(definition, dictionary);
  if (errors.length > 0)
    throw new AppError(
      'validation_failed',
      {
        vi: 'Biểu mẫu chưa hợp lệ: vui lòng sửa các mục được nêu',
        en: 'The form is not valid: fix the items listed',
      },
      errors,
    );
  const root = newLevel();
  const fields: Record<string, ResolvedField> = {};
  for (const s of plan.sections)
    for (const item of s.items) {
      if (isGroup(item)) {
        addGroup(root, item);
        for (const f of item.fields) fields[f.field.key] = resolved(f.field);
      } else {
        addField(root, item, root, null);
        fields[item.field.key] = resolved(item.field);
      }
    }
  return {
    jsonSchema: { $schema: JSON_SCHEMA_DIALECT, ...objectOf(root) },
    uiLayout: buildUiLayout(plan, definition.attachments),
    fields,
  };
}

/** The keys a builder document names, to load from the dictionary before compiling. */
export function keysOf(definition: FormDefinition): string[] {
  const keys = new Set<string>();
  for (const s of definition.sections)
    for (const item of s.items) {
      if (item.kind === 'field') keys.add(item.key);
      else for (const f of item.items) keys.add(f.key);
    }
  return [...keys];
}
