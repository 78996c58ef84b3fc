import { describe, expect, it } from 'vitest';
import { compileForm } from '../../src/modules/forms/compile/compile';
import type { FormDefinition } from '../../src/modules/forms/definition';
import { compileOnce } from '../../src/modules/forms/submission/ajv';
import type { DictionaryField } from '../../src/modules/dictionary/schema';
import { field, testDictionary } from './dictionary-fixture';

/** Every dictionary type compiled to JSON Schema, then checked with ajv on good and bad values. */
const options = [
  { value: 'a', label: 'A', label_en: 'A' },
  { value: 'b', label: 'B', label_en: 'B' },
];
const sha = 'a'.repeat(64);

const cases: { f: DictionaryField; good: unknown[]; bad: unknown[] }[] = [
  {
    f: field('t.text', 'text', { validation: { maxLength: 10, pattern: '^[A-Z]+$' } }),
    good: ['ABC'],
    bad: ['abc', 'ABCDEFGHIJKL', 12, ''],
  },
  { f: field('t.text_default', 'text'), good: ['x'.repeat(500)], bad: ['x'.repeat(501)] },
  {
    f: field('t.long_text', 'long_text'),
    good: ['dòng 1\ndòng 2', 'x'.repeat(5000)],
    bad: ['x'.repeat(5001), ['x']],
  },
  {
    f: field('t.number', 'number', { validation: { min: 1, max: 10, integer: true } }),
    good: [1, 5, 10],
    bad: [0, 11, 2.5, '5', null],
  },
  { f: field('t.decimal', 'number', { validation: { min: 0.5 } }), good: [0.5, 120.75], bad: [0.4, 'x'] },
  {
    f: field('t.date', 'date', { validation: { minDate: '2000-01-01', maxDate: '2020-12-31' } }),
    good: ['2000-01-01', '2010-06-15', '2020-12-31'],
    bad: ['1999-12-31', '2021-01-01', '2010-02-30', '15/06/2010', 20100615],
  },
  { f: field('t.select', 'select', { options }), good: ['a', 'b'], bad: ['c', ['a'], ''] },
  {
    f: field('t.multi', 'multi_select', { options }),
    good: [['a'], ['a', 'b']],
    bad: [['a', 'a'], ['c'], 'a', [], ['a', 'b', 'b']],
  },
  { f: field('t.bool', 'boolean'), good: [true, false], bad: ['true', 1, null] },
  {
    f: field('t.pid', 'pid'),
    good: ['056201001234', '001099000001'],
    bad: ['05620100123', '0562010012345', '05620100123a', 56201001234, ' 056201001234'],
  },
  {
    f: field('t.phone', 'phone'),
    good: ['0912345678', '0358123456', '+84912345678', '02583822222'],
    bad: ['0112345678', '091234567', '12345', '09123456789', '+1 202 555 0100'],
  },
  { f: field('t.email', 'email'), good: ['can.bo@khanhhoa.gov.vn'], bad: ['nope', 'a@', 42] },
  {
    f: field('t.tax', 'tax_code'),
    good: ['0123456789', '0123456789-001'],
    bad: ['0123456789001', '12345', '0123456789-01', '012345678A'],
  },
  {
    f: field('t.address', 'address'),
    good: [
      { provinceCode: '56', communeCode: '22363', street: '1 Trần Phú' },
      { provinceCode: '56', communeCode: '22363' },
    ],
    bad: [
      { provinceCode: '56' },
      { provinceCode: '5', communeCode: '22363' },
      { provinceCode: '56', communeCode: '22363', district: 'x' },
      '56/22363',
    ],
  },
  {
    f: field('t.file', 'file'),
    good: [{ sha256: sha, name: 'to-khai.pdf', size: 1024, mime: 'application/pdf' }],
    bad: [
      { name: 'x.pdf', size: 1, mime: 'application/pdf' },
      { sha256: 'XYZ', name: 'x.pdf', size: 1, mime: 'application/pdf' },
      { sha256: sha, name: 'x.pdf', size: -1, mime: 'application/pdf' },
      { sha256: sha, name: 'x.pdf', size: 1, mime: 'application/pdf', path: '/etc/passwd' },
    ],
  },
];

function singleFieldForm(key: string): FormDefinition {
  return {
    sections: [{ id: 's', title: 'Phần', items: [{ kind: 'field', key, required: true }] }],
    attachments: [],
  };
}

describe('compileForm: every dictionary type', () => {
  const dictionary = testDictionary(cases.map((c) => c.f));

  it('covers all thirteen types', () => {
    expect(new Set(cases.map((c) => c.f.type)).size).toBe(13);
  });

  for (const c of cases) {
    it(`${c.f.type} (${c.f.key}) accepts good values and refuses bad ones`, () => {
      const { jsonSchema } = compileForm(singleFieldForm(c.f.key), dictionary);
      expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(jsonSchema.additionalProperties).toBe(false);
      const validate = compileOnce(jsonSchema);
      for (const v of c.good)
        expect(validate({ [c.f.key]: v }), `${JSON.stringify(v)}: ${JSON.stringify(validate.errors)}`).toBe(
          true,
        );
      for (const v of c.bad)
        expect(validate({ [c.f.key]: v }), `${JSON.stringify(v).slice(0, 40)} should fail`).toBe(false);
      expect(validate({}), 'required field missing').toBe(false);
      expect(validate({ [c.f.key]: c.good[0], extra: 1 }), 'extra property').toBe(false);
    });
  }

  it('keeps optional fields optional', () => {
    const def: FormDefinition = {
      sections: [{ id: 's', title: 'Phần', items: [{ kind: 'field', key: 'applicant.email' }] }],
      attachments: [],
    };
    const validate = compileOnce(compileForm(def, dictionary).jsonSchema);
    expect(validate({})).toBe(true);
    expect(validate({ 'applicant.email': 'x' })).toBe(false);
  });
});
