import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { bearer, createTestUnit, startTestServer, type TestUnit } from '../support/app';
import { ensureFields, procedureBody } from './fixture';

/** Catalog files: export → import gives the same catalog; broken files change nothing. */
let running: Running;
const api = (p: string) => `/api/v1${p}`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  running = await startTestServer();
  await ensureFields(running);
});
afterAll(() => running?.close());

/** A unit whose catalog covers the awkward cases: several fees, none, papers from the data store, statuses. */
async function unitWithCatalog(): Promise<TestUnit> {
  const unit = await createTestUnit(running);
  const key = bearer(unit.keys.tenant_admin!);
  const bodies = [
    procedureBody({ nationalCode: '1.001193', name: 'Đăng ký khai sinh', fees: [] }),
    procedureBody({
      nationalCode: '1.009994',
      name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
      fieldCode: 'XAY_DUNG',
      level: 4,
      processingDays: 15,
      description: 'Theo Nghị định 15/2021/NĐ-CP; áp dụng cả "nhà liền kề"',
    }),
    procedureBody({
      nationalCode: '2.000488',
      name: 'Cấp Phiếu lý lịch tư pháp',
      fieldCode: 'LY_LICH_TU_PHAP',
      fees: [{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200_000 }],
      requiredPapers: [
        { name: 'Bản sao Giấy khai sinh (nếu có)', originals: 0, copies: 1, fromDataStore: true },
      ],
    }),
  ];
  const ids: string[] = [];
  for (const b of bodies) {
    const res = await request(running.url).post(api('/procedures')).set('Authorization', key).send(b);
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id);
  }
  await request(running.url)
    .post(api(`/procedures/${ids[0]}/publish`))
    .set('Authorization', key);
  await request(running.url)
    .post(api(`/procedures/${ids[2]}/archive`))
    .set('Authorization', key);
  return unit;
}

const catalogOf = async (unit: TestUnit) => {
  const res = await request(running.url)
    .get(api('/procedures'))
    .query({ range: '[0,199]' })
    .set('Authorization', bearer(unit.keys.tenant_admin!));
  return (res.body as Record<string, unknown>[]).map(
    ({ id: _id, tenantId: _t, createdAt: _c, updatedAt: _u, ...rest }) => rest,
  );
};

const download = async (unit: TestUnit, format: 'xlsx' | 'csv') => {
  const res = await request(running.url)
    .get(api('/procedures/export'))
    .query({ format })
    .set('Authorization', bearer(unit.keys.tenant_admin!))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
};

const upload = (unit: TestUnit, format: 'xlsx' | 'csv', file: Buffer | string, dryRun = false) =>
  request(running.url)
    .post(api('/procedures/import'))
    .query({ format, dryRun: String(dryRun) })
    .set('Authorization', bearer(unit.keys.tenant_admin!))
    .set('Content-Type', format === 'xlsx' ? XLSX : 'text/csv')
    .send(file);

describe.each(['xlsx', 'csv'] as const)('round trip through %s', (format) => {
  it('exports a catalog that imports into an empty unit as the same catalog, and re-imports as unchanged', async () => {
    const source = await unitWithCatalog();
    const file = await download(source, format);
    const target = await createTestUnit(running);
    const dry = await upload(target, format, file, true);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 3, updated: 0, rejected: [] });
    expect(await catalogOf(target)).toEqual([]);

    const real = await upload(target, format, file);
    expect(real.body).toMatchObject({ dryRun: false, created: 3 });
    expect(await catalogOf(target)).toEqual(await catalogOf(source));

    const again = await upload(target, format, await download(target, format));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });
});

describe('broken files', () => {
  const header =
    'Mã TTHC,Tên thủ tục,Lĩnh vực,Mức độ,Thời hạn giải quyết (ngày làm việc),Phí/lệ phí (đồng),Trạng thái';

  it('refuses every bad row, says why in vi and en, and writes nothing', async () => {
    const unit = await unitWithCatalog();
    const before = await catalogOf(unit);
    const csv = [
      header,
      '9.000001,Thủ tục tốt,Hộ tịch,3,5,Lệ phí: 10.000,Dự thảo', // row 2: fine on its own
      '9.000002,Mức độ sai,Hộ tịch,7,5,,', // row 3
      '9.000003,Lĩnh vực lạ,Không có lĩnh vực này,3,5,,', // row 4
      '9.000004,Phí âm,Hộ tịch,3,5,Lệ phí: -5.000,', // row 5
      '9.000001,Trùng mã trong tệp,Hộ tịch,3,5,,', // row 6
      '1.001193,Công bố rồi không về dự thảo,Hộ tịch,3,5,,Dự thảo', // row 7
    ].join('\n');
    const res = await upload(unit, 'csv', csv);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('5 dòng bị từ chối; chưa có gì được ghi');
    const rejected = res.body.report.rejected as {
      row: number;
      column: string;
      message: string;
      message_en: string;
    }[];
    expect(rejected.map((r) => [r.row, r.column])).toEqual([
      [3, 'Mức độ'],
      [4, 'Lĩnh vực'],
      [5, 'Phí/lệ phí (đồng)'],
      [6, 'Mã TTHC'],
      [7, 'Trạng thái'],
    ]);
    expect(rejected[3]!.message_en).toBe('Code 9.000001 already appears on row 2 of the file');
    for (const r of rejected) expect(r.message && r.message_en).toBeTruthy();
    expect(await catalogOf(unit)).toEqual(before);
  });

  it('refuses missing and unknown columns with a precise message', async () => {
    const unit = await createTestUnit(running);
    const res = await upload(unit, 'csv', 'Mã TTHC,Tên thủ tục,Mức độ,Ghi chú riêng\n1.1,Tên,3,x');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { message_en: string }) => e.message_en)).toEqual([
      'Unsupported column: "Ghi chú riêng"',
      'Missing required column: "Lĩnh vực"',
      'Missing required column: "Thời hạn giải quyết (ngày làm việc)"',
    ]);
  });

  it('refuses a file that is not what it claims to be, and an empty body', async () => {
    const unit = await createTestUnit(running);
    const notXlsx = await upload(unit, 'xlsx', Buffer.from('this is not a workbook'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.detail_en).toBe('The file is not a readable XLSX file');
    const empty = await upload(unit, 'csv', '');
    expect(empty.status).toBe(400);
  });

  it('reads hand-made workbooks: level words, fee grouping, papers without counts', async () => {
    const unit = await createTestUnit(running);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TTHC');
    ws.addRow([
      'STT',
      'Mã TTHC',
      'Tên thủ tục',
      'Lĩnh vực',
      'Mức độ',
      'Thời hạn giải quyết (ngày làm việc)',
      'Phí/lệ phí (đồng)',
      'Thành phần hồ sơ',
    ]);
    ws.addRow([
      1,
      '2.000720',
      'Đăng ký thành lập hộ kinh doanh',
      'HO_KINH_DOANH',
      'Toàn trình',
      3,
      'Lệ phí: 100.000 đồng',
      'Giấy đề nghị\nBản sao hợp đồng thuê nhà (bản chính: 0; bản sao: 1)',
    ]);
    const res = await upload(unit, 'xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status, res.text).toBe(200);
    const [p] = await catalogOf(unit);
    expect(p).toMatchObject({
      level: 4,
      fees: [{ name: 'Lệ phí', amount: 100_000 }],
      requiredPapers: [
        { name: 'Giấy đề nghị', originals: 1, copies: 0, fromDataStore: false },
        { name: 'Bản sao hợp đồng thuê nhà', originals: 0, copies: 1, fromDataStore: false },
      ],
      status: 'draft',
    });
  });
});
