import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { findBatch, insertBatch } from '../../src/modules/digitization/batches';
import { importNextChunk } from '../../src/modules/digitization/import-chunk';
import { objectStorageFrom } from '../../src/modules/storage/object-storage';
import { bearer, type TestUnit } from '../support/app';
import { api, createDossierUnit, startDossierServer } from '../dossiers/fixture';

/** Bulk digitization: an index referencing uploaded files, imported by a job with progress and rejections. */
let running: Running;
let unit: TestUnit;

beforeAll(async () => {
  running = await startDossierServer();
  unit = await createDossierUnit(running, { contract: false });
});
afterAll(async () => {
  await running?.close();
});

const pdf = () => Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(bytes: Buffer): Promise<string> {
  const res = await request(running.url)
    .post('/api/v1/uploads')
    .set('Authorization', bearer(unit.keys.desk_officer!))
    .set('Content-Type', 'application/pdf')
    .send(bytes);
  expect(res.status, res.text).toBe(201);
  return (res.body as { sha256: string }).sha256;
}

function postIndex(body: Buffer, format: 'csv' | 'xlsx') {
  return request(running.url)
    .post(`/api/v1/digitization/batches?format=${format}&fileName=chi-muc.${format}`)
    .set('Authorization', bearer(unit.keys.tenant_admin!))
    .set('Content-Type', format === 'csv' ? 'text/csv' : 'application/octet-stream')
    .send(body);
}

async function finished(id: string) {
  for (let i = 0; i < 150; i++) {
    const b = await api(running, unit.keys.leader).get(`/digitization/batches/${id}`);
    if (b.body.status === 'completed')
      return b.body as {
        done: number;
        rejected: number;
        percent: number;
        rejections: { line: number; reason: string }[];
      };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the batch did not finish');
}

const tag = randomBytes(3).toString('hex');

describe('bulk digitization', () => {
  it('imports valid rows into the results repository and rejects the others with reasons, per row', async () => {
    const [a, b, c] = [await upload(pdf()), await upload(pdf()), await upload(pdf())];
    const csv = [
      'Số kết quả,Tên kết quả,Người được cấp,Số định danh,Ngày cấp,Hiệu lực đến,SHA-256',
      `GP-${tag}-1,Giấy phép xây dựng,Nguyễn Văn Á,,15/03/2019,,${a}`,
      `GP-${tag}-2,Giấy chứng nhận đủ điều kiện,Trần Thị Bé,,2020-07-01,31/12/2099,${b}`,
      `GP-${tag}-3,Giấy phép,Lê Văn Cường,,01/01/2020,,${sha(pdf())}`,
      `GP-${tag}-4,Giấy phép,Phạm Đức,,01/01/2015,01/01/2020,${c}`,
      `GP-${tag}-1,Giấy phép trùng số,Ngô Văn Em,,01/01/2021,,${c}`,
      `GP-${tag}-6,Giấy phép,Đỗ Thị Gấm,,31/02/2021,,${c}`,
      `GP-${tag}-7,Giấy phép kinh doanh,Hoàng Văn Hải,056201001234,01/06/2021,,${c}`,
    ].join('\n');
    const res = await postIndex(Buffer.from(csv, 'utf8'), 'csv');
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({ total: 7, done: 0, status: 'queued' });
    const done = await finished(res.body.id as string);
    expect(done).toMatchObject({ done: 3, rejected: 4, percent: 100 });
    expect(done.rejections.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(done.rejections.map((r) => r.reason)).toEqual([
      'Chưa tải lên tệp có mã SHA-256 này',
      'Kết quả đã hết hiệu lực',
      `Số kết quả GP-${tag}-1 đã có trong kho của đơn vị`,
      'Ngày cấp không hợp lệ',
    ]);
    const stored = await running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
      tx('results')
        .where({ tenant_id: unit.tenant.id, source: 'digitized' })
        .whereLike('code', `GP-${tag}-%`)
        .orderBy('code')
        .select('code', 'holder_name', 'file_sha256'),
    );
    expect(stored).toEqual([
      { code: `GP-${tag}-1`, holder_name: 'Nguyễn Văn Á', file_sha256: a },
      { code: `GP-${tag}-2`, holder_name: 'Trần Thị Bé', file_sha256: b },
      { code: `GP-${tag}-7`, holder_name: 'Hoàng Văn Hải', file_sha256: c },
    ]);
  });

  it('reads XLSX, refuses an index without the required columns, and shows progress against the target', async () => {
    const f = await upload(pdf());
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chỉ mục');
    ws.addRow(['so_ket_qua', 'ten_ket_qua', 'nguoi_duoc_cap', 'ngay_cap', 'sha256']);
    ws.addRow([`X-${tag}-1`, 'Giấy xác nhận', 'Vũ Thị Lan', '10/10/2022', f]);
    const res = await postIndex(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(res.status, res.text).toBe(202);
    expect(await finished(res.body.id as string)).toMatchObject({ done: 1, rejected: 0 });

    const bad = await postIndex(Buffer.from('Số kết quả,Tên\nA,B\n'), 'csv');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toContain('header.sha256');

    const target = await api(running, unit.keys.tenant_admin).put('/digitization/target', { backlog: 40 });
    expect(target.status, target.text).toBe(200);
    expect(target.body).toMatchObject({ backlog: 40, deadline: '2022-12-31', digitized: 4, percent: 10 });
    const big = await api(running, unit.keys.tenant_admin).put('/digitization/target', { backlog: 120_000 });
    expect(big.body.deadline).toBe('2025-06-30');
  });

  it('a long batch advances chunk by chunk and a repeated run changes nothing', async () => {
    const f = await upload(pdf());
    const rows = Array.from({ length: 450 }, (_, i) => ({
      line: i + 2,
      code: `L-${tag}-${i}`,
      title: 'Giấy phép',
      holderName: 'Người thử',
      holderPid: '',
      issuedOn: '01/01/2021',
      validUntil: '',
      sha256: f,
    }));
    const stores = { uploads: objectStorageFrom(running.env), results: objectStorageFrom(running.env) };
    const tenantId = unit.tenant.id;
    const inUnit = <T>(fn: Parameters<typeof running.transactor.withTenant<T>>[1]) =>
      running.transactor.withTenant({ tenantId, actorId: null }, fn);
    const b = await inUnit((tx) => insertBatch(tx, tenantId, 'lon.csv', rows, 'test'));
    expect(await inUnit((tx) => importNextChunk(tx, tenantId, b.id, stores, new Date()))).toBe(false);
    expect(await inUnit((tx) => findBatch(tx, tenantId, b.id))).toMatchObject({
      status: 'running',
      done: 200,
      percent: 44,
    });
    expect(await inUnit((tx) => importNextChunk(tx, tenantId, b.id, stores, new Date()))).toBe(false);
    expect(await inUnit((tx) => importNextChunk(tx, tenantId, b.id, stores, new Date()))).toBe(true);
    expect(await inUnit((tx) => importNextChunk(tx, tenantId, b.id, stores, new Date()))).toBe(true);
    expect(await inUnit((tx) => findBatch(tx, tenantId, b.id))).toMatchObject({
      status: 'completed',
      done: 450,
      rejected: 0,
      percent: 100,
    });
  });
});
