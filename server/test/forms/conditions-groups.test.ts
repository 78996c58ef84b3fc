import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../src/modules/forms/compile/compile';
import type { FormDefinition } from '../../src/modules/forms/definition';
import { submissionErrors } from '../../src/modules/forms/submission/validate';
import { testDictionary } from './dictionary-fixture';

/** Conditional visibility (if/then/else) and repeating groups, validated through the real mapper. */
const dictionary = testDictionary();

const def: FormDefinition = {
  sections: [
    {
      id: 'nguoi_yeu_cau',
      title: 'Người yêu cầu',
      title_en: 'Applicant',
      items: [
        { kind: 'field', key: 'applicant.full_name', required: true },
        { kind: 'field', key: 'applicant.pid', required: true },
        { kind: 'field', key: 'judicial_record.request_type', required: true },
        { kind: 'field', key: 'delivery.by_post' },
        {
          kind: 'field',
          key: 'delivery.postal_address',
          required: true,
          visibleWhen: { field: 'delivery.by_post', equals: true },
        },
        {
          kind: 'field',
          key: 'applicant.phone',
          label: 'Số điện thoại của bưu tá liên hệ',
          required: true,
          visibleWhen: { field: 'delivery.postal_address', notEmpty: true },
        },
      ],
    },
    {
      id: 'gia_dinh',
      title: 'Thành viên gia đình',
      items: [
        {
          kind: 'group',
          id: 'family_members',
          title: 'Thành viên gia đình',
          title_en: 'Family members',
          repeat: { min: 1, max: 3 },
          visibleWhen: { field: 'judicial_record.request_type', equals: 'so_2' },
          items: [
            { kind: 'field', key: 'family_member.full_name', required: true },
            { kind: 'field', key: 'family_member.relationship' },
            {
              kind: 'field',
              key: 'family_member.pid',
              required: true,
              visibleWhen: { field: 'family_member.relationship', in: ['cha', 'mẹ'] },
            },
            {
              kind: 'field',
              key: 'family_member.date_of_birth',
              required: true,
              visibleWhen: { field: 'delivery.by_post', equals: true },
            },
          ],
        },
      ],
    },
  ],
  attachments: [],
};

const compiled = compileForm(def, dictionary);
const version = { tenantId: randomUUID(), formId: randomUUID(), version: 1, ...compiled };
const base = {
  'applicant.full_name': 'Nguyễn Văn An',
  'applicant.pid': '056201001234',
  'judicial_record.request_type': 'so_1',
};
const address = { provinceCode: '56', communeCode: '22363', street: '12 Lê Thánh Tôn' };
const errorsOf = (data: unknown) => submissionErrors(version, data);
const paths = (data: unknown) => errorsOf(data).map((e) => e.path);

describe('conditional visibility', () => {
  it('a shown field is required only when its condition holds', () => {
    expect(errorsOf(base)).toEqual([]);
    expect(errorsOf({ ...base, 'delivery.by_post': false })).toEqual([]);
    const errs = errorsOf({ ...base, 'delivery.by_post': true });
    expect(errs).toEqual([
      {
        path: 'data.delivery.postal_address',
        message: 'Địa chỉ nhận kết quả: bắt buộc nhập',
        message_en: 'Postal address for the result: is required',
      },
    ]);
  });

  it('a hidden field must be absent, and says so in both languages', () => {
    const errs = errorsOf({ ...base, 'delivery.by_post': false, 'delivery.postal_address': address });
    const hidden = errs.find((e) => e.path === 'data.delivery.postal_address')!;
    expect(hidden.message).toBe(
      'Địa chỉ nhận kết quả: không áp dụng trong trường hợp này (trường đang ẩn), hãy bỏ trống',
    );
    expect(hidden.message_en).toContain('the field is hidden');
  });

  it('conditions chain: a field shown by a shown field, with its per-form label', () => {
    const shown = { ...base, 'delivery.by_post': true, 'delivery.postal_address': address };
    expect(errorsOf(shown)).toEqual([
      {
        path: 'data.applicant.phone',
        message: 'Số điện thoại của bưu tá liên hệ: bắt buộc nhập',
        message_en: 'Phone number: is required',
      },
    ]);
    expect(errorsOf({ ...shown, 'applicant.phone': '0912345678' })).toEqual([]);
    // Hidden parent → hidden child, even though the child's own test would pass.
    expect(paths({ ...base, 'applicant.phone': '0912345678' })).toEqual(['data.applicant.phone']);
  });
});

describe('repeating groups', () => {
  const so2 = { ...base, 'judicial_record.request_type': 'so_2' };
  const member = { 'family_member.full_name': 'Trần Thị Bình', 'family_member.relationship': 'vợ' };

  it('a group is an array of entries, present only when its condition holds', () => {
    expect(errorsOf({ ...so2, family_members: [member] })).toEqual([]);
    expect(paths(so2)).toEqual(['data.family_members']);
    expect(paths({ ...base, family_members: [member] })).toEqual(['data.family_members']);
  });

  it('min and max entries', () => {
    const few = errorsOf({ ...so2, family_members: [] });
    expect(few[0]!.message).toBe('Thành viên gia đình: cần ít nhất 1 mục');
    const many = errorsOf({ ...so2, family_members: [member, member, member, member] });
    expect(many[0]!.message_en).toBe('Family members: at most 3 entries');
  });

  it('entries are validated field by field, with the entry number', () => {
    const errs = errorsOf({
      ...so2,
      family_members: [member, { 'family_member.relationship': 'cha', note: 'x' }],
    });
    expect(errs.map((e) => e.path).sort()).toEqual([
      'data.family_members.1.family_member.full_name',
      'data.family_members.1.family_member.pid',
      'data.family_members.1.note',
    ]);
    const name = errs.find((e) => e.path.endsWith('full_name'))!;
    expect(name.message).toBe('Thành viên gia đình (mục 2) – Họ, chữ đệm và tên thành viên: bắt buộc nhập');
    expect(name.message_en).toBe('Family members (entry 2) – Member’s full name: is required');
  });

  it('a sibling condition (in) and a top-level condition both reach into entries', () => {
    const parent = { 'family_member.full_name': 'Trần Văn Cha', 'family_member.relationship': 'cha' };
    expect(paths({ ...so2, family_members: [parent] })).toEqual(['data.family_members.0.family_member.pid']);
    expect(
      errorsOf({ ...so2, family_members: [{ ...parent, 'family_member.pid': '056201001235' }] }),
    ).toEqual([]);
    const post = {
      ...so2,
      'delivery.by_post': true,
      'delivery.postal_address': address,
      'applicant.phone': '0912345678',
    };
    expect(paths({ ...post, family_members: [member] })).toEqual([
      'data.family_members.0.family_member.date_of_birth',
    ]);
    expect(
      errorsOf({ ...post, family_members: [{ ...member, 'family_member.date_of_birth': '1990-02-03' }] }),
    ).toEqual([]);
  });
});

describe('bad submissions are refused field by field, in Vietnamese and English', () => {
  it('extra fields, wrong types, huge strings and bad PIDs', () => {
    const errs = errorsOf({
      'applicant.full_name': 'x'.repeat(1_000_000),
      'applicant.pid': '12345',
      'judicial_record.request_type': 3,
      'delivery.by_post': 'yes',
      'hacker.field': '<script>',
    });
    const by = Object.fromEntries(errs.map((e) => [e.path, e]));
    const at = (path: string) => errs.filter((e) => e.path === path).map((e) => e.message);
    expect(by['data.applicant.full_name']).toMatchObject({
      message: 'Họ, chữ đệm và tên: tối đa 100 ký tự',
      message_en: 'Full name: at most 100 characters',
    });
    expect(by['data.applicant.pid']).toMatchObject({
      message: 'Số định danh cá nhân: phải gồm đúng 12 chữ số',
      message_en: 'Personal identification number: must be exactly 12 digits',
    });
    expect(at('data.judicial_record.request_type')).toEqual([
      'Loại phiếu yêu cầu: phải là chuỗi ký tự',
      'Loại phiếu yêu cầu: chọn một trong: Phiếu lý lịch tư pháp số 1, Phiếu lý lịch tư pháp số 2',
    ]);
    expect(by['data.delivery.by_post']!.message_en).toBe(
      'Receive the result by post: must be yes/no (true/false)',
    );
    expect(by['data.hacker.field']).toMatchObject({
      message: 'hacker.field: không thuộc biểu mẫu này',
      message_en: 'hacker.field: is not part of this form',
    });
  });

  it('a non-object submission', () => {
    expect(errorsOf([1, 2])).toEqual([
      {
        path: 'data',
        message: 'Dữ liệu biểu mẫu: phải là đối tượng',
        message_en: 'Form data: must be an object',
      },
    ]);
  });
});

describe('uiLayout', () => {
  it('keeps order, sections, labels, widgets and resolved conditions', () => {
    const [s1, s2] = compiled.uiLayout.sections;
    expect(s1!.items.map((i) => (i.kind === 'field' ? i.key : i.id))).toEqual(
      def.sections[0]!.items.map((i) => (i.kind === 'field' ? i.key : i.id)),
    );
    const postal = s1!.items[4]!;
    expect(postal).toMatchObject({
      kind: 'field',
      widget: 'address',
      required: true,
      visibleWhen: { field: 'delivery.by_post', scope: 'form', equals: true },
    });
    const group = s2!.items[0]!;
    expect(group).toMatchObject({ kind: 'group', property: 'family_members', repeat: { min: 1, max: 3 } });
    expect(Object.keys(compiled.fields)).toContain('family_member.pid');
  });
});
