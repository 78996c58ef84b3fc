import type { FieldContent } from '../../src/modules/dictionary/queries';
import type { DictionaryField } from '../../src/modules/dictionary/schema';
import { coreFields } from '../../src/modules/dictionary/core-fields';

/** An in-memory dictionary for the pure compiler tests: the core fields plus one of each type. */
export function field(
  key: string,
  type: DictionaryField['type'],
  more: Partial<Omit<DictionaryField, 'key' | 'type'>> = {},
): DictionaryField {
  return {
    key,
    type,
    label: more.label ?? `Nhãn ${key}`,
    label_en: more.label_en ?? `Label ${key}`,
    options: more.options ?? [],
    validation: more.validation ?? {},
    help: more.help ?? '',
    help_en: more.help_en ?? '',
    status: more.status ?? 'active',
    revision: more.revision ?? 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const fromCore = (f: FieldContent): DictionaryField => field(f.key, f.type, f);

export function testDictionary(extra: DictionaryField[] = []): Map<string, DictionaryField> {
  const all = [...coreFields.map(fromCore), ...extra];
  return new Map(all.map((f) => [f.key, f]));
}
