import { describe, expect, it } from 'vitest';
import { AppError, type FieldProblem } from '../../src/errors';
import { compileForm } from '../../src/modules/forms/compile/compile';
import {
  formDefinition,
  type FieldItem,
  type FormDefinition,
  type SectionItem,
} from '../../src/modules/forms/definition';
import { field, testDictionary } from './dictionary-fixture';

/** Bad builder documents are refused with every problem at its precise path, in vi and en. */
const dictionary = testDictionary([
  field('old.fax', 'text', { status: 'retired', label: 'Số fax' }),
  field('broken.pattern', 'text', { validation: { pattern: '([a-z' } }),
]);

const form = (items: SectionItem[], more: Partial<FormDefinition> = {}): FormDefinition => ({
  sections: [{ id: 's1', title: 'Phần 1', items }],
  attachments: [],
  ...more,
});

function problemsOf(def: FormDefinition): FieldProblem[] {
  try {
    compileForm(def, dictionary);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('validation_failed');
    for (const p of err.errors) expect(p.message && p.message_en, JSON.stringify(p)).toBeTruthy();
    return err.errors;
  }
  throw new Error('expected the form to be refused');
}

const fieldAt = (key: string, more: Partial<FieldItem> = {}): FieldItem => ({
  kind: 'field',
  key,
  ...more,
});

describe('refused builder documents', () => {
  it('unknown and retired dictionary keys', () => {
    const errs = problemsOf(
      form([fieldAt('applicant.full_name'), fieldAt('no.such_field'), fieldAt('old.fax')]),
    );
    expect(errs).toEqual([
      {
        path: 'sections.0.items.1.key',
        message: "Trường dữ liệu 'no.such_field' không có trong từ điển dùng chung",
        message_en: "Field 'no.such_field' is not in the shared dictionary",
      },
      {
        path: 'sections.0.items.2.key',
        message: "Trường dữ liệu 'old.fax' đã ngừng sử dụng; hãy chọn trường khác",
        message_en: "Field 'old.fax' is retired; choose another field",
      },
    ]);
  });

  it('duplicate keys in one scope, but the same key may appear at the top and inside a group', () => {
    const errs = problemsOf(
      form([
        fieldAt('applicant.full_name'),
        fieldAt('applicant.full_name'),
        {
          kind: 'group',
          id: 'members',
          title: 'Thành viên',
          repeat: { min: 0, max: 5 },
          items: [fieldAt('applicant.full_name'), fieldAt('family_member.pid'), fieldAt('family_member.pid')],
        },
      ]),
    );
    expect(errs.map((e) => e.path)).toEqual(['sections.0.items.2.items.2.key', 'sections.0.items.1.key']);
    expect(errs[1]!.message).toContain('trùng với sections.0.items.0.key');
  });

  it('a dictionary field whose pattern does not compile, and repeat bounds out of order', () => {
    const errs = problemsOf(
      form([
        fieldAt('broken.pattern'),
        {
          kind: 'group',
          id: 'g',
          title: 'Nhóm',
          repeat: { min: 5, max: 2 },
          items: [fieldAt('family_member.pid')],
        },
      ]),
    );
    expect(errs[0]!.path).toBe('sections.0.items.0.key');
    expect(errs[0]!.message).toMatch(
      /^Trường 'broken.pattern' trong từ điển: Biểu thức chính quy không hợp lệ/,
    );
    expect(errs[1]).toEqual({
      path: 'sections.0.items.1.repeat.min',
      message: 'Số lần lặp tối thiểu (5) lớn hơn tối đa (2)',
      message_en: 'repeat.min (5) is greater than repeat.max (2)',
    });
  });

  it('conditions on unknown fields, later fields and fields inside a repeating group', () => {
    const errs = problemsOf(
      form([
        fieldAt('applicant.email', { visibleWhen: { field: 'applicant.fax', notEmpty: true } }),
        fieldAt('applicant.phone', { visibleWhen: { field: 'delivery.by_post', equals: true } }),
        fieldAt('delivery.by_post'),
        {
          kind: 'group',
          id: 'members',
          title: 'Thành viên',
          repeat: { min: 0, max: 5 },
          items: [fieldAt('family_member.relationship'), fieldAt('family_member.pid')],
        },
        fieldAt('applicant.gender', { visibleWhen: { field: 'family_member.relationship', equals: 'con' } }),
      ]),
    );
    expect(errs.map((e) => e.path)).toEqual([
      'sections.0.items.0.visibleWhen.field',
      'sections.0.items.4.visibleWhen.field',
      'sections.0.items.1.visibleWhen.field',
    ]);
    expect(errs[0]!.message_en).toBe("The condition depends on 'applicant.fax', which is not on this form");
    expect(errs[1]!.message).toBe(
      "Điều kiện hiển thị không được dựa vào trường 'family_member.relationship' nằm trong nhóm lặp 'members'",
    );
    expect(errs[2]!.message_en).toBe(
      "The condition depends on 'delivery.by_post', declared later; move that field above",
    );
  });

  it('cyclic visibility rules, including a field shown by itself', () => {
    const errs = problemsOf(
      form([
        fieldAt('applicant.email', { visibleWhen: { field: 'applicant.phone', notEmpty: true } }),
        fieldAt('applicant.phone', { visibleWhen: { field: 'applicant.email', notEmpty: true } }),
        fieldAt('delivery.by_post', { visibleWhen: { field: 'delivery.by_post', equals: true } }),
      ]),
    );
    expect(errs).toEqual([
      {
        path: 'sections.0.items.0.visibleWhen.field',
        message: 'Điều kiện hiển thị tạo thành vòng lặp: applicant.email → applicant.phone → applicant.email',
        message_en: 'Visibility conditions form a cycle: applicant.email → applicant.phone → applicant.email',
      },
      expect.objectContaining({ path: 'sections.0.items.1.visibleWhen.field' }),
      expect.objectContaining({
        path: 'sections.0.items.2.visibleWhen.field',
        message_en: 'Visibility conditions form a cycle: delivery.by_post → delivery.by_post',
      }),
    ]);
  });

  it('condition values that cannot match the field tested', () => {
    const errs = problemsOf(
      form([
        fieldAt('applicant.gender'),
        fieldAt('delivery.by_post'),
        fieldAt('applicant.permanent_address'),
        fieldAt('applicant.email', { visibleWhen: { field: 'applicant.gender', equals: 'khac' } }),
        fieldAt('applicant.phone', { visibleWhen: { field: 'delivery.by_post', equals: 'yes' } }),
        fieldAt('applicant.current_address', {
          visibleWhen: { field: 'applicant.permanent_address', equals: 'x' },
        }),
      ]),
    );
    expect(errs.map((e) => e.path)).toEqual([
      'sections.0.items.3.visibleWhen.equals',
      'sections.0.items.4.visibleWhen.equals',
      'sections.0.items.5.visibleWhen.equals',
    ]);
    expect(errs[0]!.message).toBe(
      "Giá trị 'khac' không có trong danh sách lựa chọn của trường 'applicant.gender'",
    );
  });

  it('duplicate section and attachment ids', () => {
    const att = {
      id: 'cccd',
      name: 'CCCD',
      required: true,
      accept: ['application/pdf' as const],
      maxSizeMb: 5,
    };
    const errs = problemsOf({
      sections: [
        { id: 's', title: 'A', items: [fieldAt('applicant.full_name')] },
        { id: 's', title: 'B', items: [] },
      ],
      attachments: [att, att],
    });
    expect(errs.map((e) => e.path)).toEqual(['sections.1.id', 'attachments.1.id']);
  });

  it('the document shape itself is checked by zod (one of equals/in/notEmpty, known kinds)', () => {
    const bad = formDefinition.safeParse({
      sections: [
        {
          id: 's',
          title: 'A',
          items: [
            { kind: 'field', key: 'a.b', visibleWhen: { field: 'c.d', equals: 'x', notEmpty: true } },
            { kind: 'table', key: 'x' },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'sections.0.items.0.visibleWhen',
      'sections.0.items.1.kind',
    ]);
  });
});
