import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { coreFields, ensureCoreDictionary } from '../../src/modules/dictionary/core-fields';
import { checkFieldRules } from '../../src/modules/dictionary/rules';
import { compileOnce } from '../../src/modules/forms/submission/ajv';
import {
  buildSubmissionPackage,
  type SubmissionPackageInput,
} from '../../src/modules/forms/submission/package';
import { startTestServer } from '../support/app';

/** The submission package's envelope, its public JSON Schema, and the core dictionary. */
let running: Running;

beforeAll(async () => {
  running = await startTestServer();
});

afterAll(async () => {
  await running?.close();
});

const input: SubmissionPackageInput = {
  procedure: {
    tenantCode: '000.00.03.H34',
    nationalCode: '2.001193',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân',
  },
  form: { id: '6a1f4a3e-4b1e-4a55-9a52-1f0b8c6c2d11', version: 3 },
  applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', pid: '056201001234', phone: '0912345678' },
  data: { 'applicant.full_name': 'Nguyễn Văn An', 'judicial_record.request_type': 'so_1' },
  attachments: [
    { id: 'cccd', name: 'cccd.pdf', mime: 'application/pdf', size: 20480, sha256: 'b'.repeat(64) },
  ],
  submittedAt: new Date('2026-03-02T08:15:00+07:00'),
  channel: 'online',
};

describe('the submission package', () => {
  it('is built purely, with a UTC timestamp, and satisfies its own published JSON Schema', async () => {
    const pkg = buildSubmissionPackage(input);
    expect(pkg.packageVersion).toBe('1.0');
    expect(pkg.submittedAt).toBe('2026-03-02T01:15:00.000Z');
    const res = await request(running.url).get('/api/v1/public/schemas/submission-package.json').expect(200);
    expect(res.body.$id).toBe('urn:motcua:schema:submission-package:1.0');
    const validate = compileOnce(res.body);
    expect(validate(pkg), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...pkg, channel: 'fax' })).toBe(false);
    expect(validate({ ...pkg, extra: true })).toBe(false);
    expect(validate({ ...pkg, applicant: { ...pkg.applicant, pid: '123' } })).toBe(false);
  });

  it('refuses a broken envelope', () => {
    expect(() =>
      buildSubmissionPackage({ ...input, attachments: [{ ...input.attachments[0]!, sha256: 'xyz' }] }),
    ).toThrow();
  });
});

describe('the core dictionary', () => {
  it('has realistic fields whose rules all hold', () => {
    expect(coreFields.length).toBeGreaterThanOrEqual(40);
    expect(new Set(coreFields.map((f) => f.key)).size).toBe(coreFields.length);
    for (const f of coreFields) expect(checkFieldRules(f), f.key).toEqual([]);
    expect(coreFields.find((f) => f.key === 'applicant.full_name')!.label).toBe('Họ, chữ đệm và tên');
  });

  it('ensureCoreDictionary is idempotent and keeps the operator’s edits', async () => {
    await running.transactor.withSystem((tx) => ensureCoreDictionary(tx));
    await running.transactor.withSystem((tx) =>
      tx('dictionary_fields').where({ key: 'judicial_record.copies' }).update({ help: 'sửa bởi vận hành' }),
    );
    const second = await running.transactor.withSystem((tx) => ensureCoreDictionary(tx));
    expect(second.inserted).toBe(0);
    const row = await running.transactor.withSystem((tx) =>
      tx('dictionary_fields').where({ key: 'judicial_record.copies' }).first(),
    );
    expect(row.help).toBe('sửa bởi vận hành');
  });
});
