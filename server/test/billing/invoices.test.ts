import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import { bearer, createTestPlatformKey, createTestTenantKey, startTestServer } from '../support/app';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from './fixtures';

/** Invoices over HTTP: lifecycle, immutability in the database, numbering, credit notes, access, exports. */
let running: Running;
let finance: IssuedKey;
let admin: IssuedKey;
let planId: string;
const ids: string[] = [];
const contracts: { id: string; tenantId: string }[] = [];

const as = (key: IssuedKey) => ({
  get: (path: string) => request(running.url).get(`/api/v1${path}`).set('Authorization', bearer(key)),
  post: (path: string, body: object = {}) =>
    request(running.url).post(`/api/v1${path}`).set('Authorization', bearer(key)).send(body),
});

beforeAll(async () => {
  running = await startTestServer();
  finance = await createTestPlatformKey(running, 'finance');
  admin = await createTestPlatformKey(running, 'platform_admin');
  planId = (await createBillingPlan(running)).id;
  // 22 units whose contract year 2005-05-11 … 2006-05-10 went over quota.
  for (let i = 0; i < 22; i++) {
    const c = await unitWithUsage(running, planId, '2005-05-11', '2006-05-10', 1_050);
    contracts.push({ id: c.id, tenantId: c.tenantId });
  }
  const run = await newRun(running, 'overage', '2006-05-10', '2006-05-10');
  await executeInvoiceRun(running.transactor, run.id, new Date());
  const invoices = await invoicesOf(
    running,
    contracts.map((c) => c.id),
  );
  // ids[i] is the invoice of contracts[i].
  ids.push(...contracts.map((c) => invoices.find((i) => i.contract_id === c.id)!.id));
}, 60_000);
afterAll(async () => {
  await running?.close();
});

describe('invoices', () => {
  it('20 concurrent approvals get numbers 1..20 of a fresh series year, no gaps, no duplicates', async () => {
    // Approvals number in the current year; count from whatever earlier files took.
    const before = (await running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
      tx('invoices')
        .where({ series: 'VM', number_year: new Date().getFullYear() })
        .max({ n: 'number' })
        .first(),
    )) as { n: number | null };
    const base = before.n ?? 0;
    const replies = await Promise.all(
      ids.slice(0, 20).map((id) => as(finance).post(`/invoices/${id}/approve`)),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = replies.map((r) => (r.body as { sequence: number }).sequence).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => base + i + 1));
    const pdf = await as(finance).get(`/invoices/${ids[0]}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  }, 60_000);

  it('an issued invoice cannot be changed by SQL as the runtime role; its lines cannot be updated at all', async () => {
    const id = ids[0]!;
    await expect(
      running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
        tx.raw('update invoices set total = total + 1, subtotal = subtotal + 1 where id = ?', [id]),
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      running.transactor.withSystem((tx) =>
        tx.raw("update invoices set status = 'draft' where id = ?", [id]),
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      running.transactor.withSystem((tx) =>
        tx.raw('update invoice_lines set amount = 0 where invoice_id = ?', [id]),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      running.transactor.withSystem((tx) => tx.raw('delete from invoices where id = ?', [id])),
    ).rejects.toThrow(/permission denied/);
  });

  it('approving an issued invoice is 409; voiding a paid one is 409; paid and void are final', async () => {
    expect((await as(finance).post(`/invoices/${ids[1]}/approve`)).status).toBe(409);
    expect((await as(finance).post(`/invoices/${ids[1]}/pay`, { reference: 'UNC 0001' })).status).toBe(200);
    const v = await as(finance).post(`/invoices/${ids[1]}/void`, { reason: 'nhầm' });
    expect(v.status).toBe(409);
    expect(v.body.detail).toMatch(/credit note/);
    expect((await as(finance).post(`/invoices/${ids[2]}/void`, { reason: 'sai đơn vị' })).status).toBe(200);
    expect((await as(finance).post(`/invoices/${ids[2]}/pay`, { reference: 'x' })).status).toBe(409);
    // A draft may be voided too, and then never approved.
    expect((await as(finance).post(`/invoices/${ids[21]}/void`, { reason: 'hủy' })).status).toBe(200);
    expect((await as(finance).post(`/invoices/${ids[21]}/approve`)).status).toBe(409);
  });

  it('credit notes: only on issued/paid invoices, at most what is left of the total', async () => {
    const inv = (await as(finance).get(`/invoices/${ids[3]}`)).body as { total: number };
    expect(
      (await as(finance).post('/credit-notes', { invoiceId: ids[3], amount: inv.total + 1, reason: 'quá' }))
        .status,
    ).toBe(400);
    const first = await as(finance).post('/credit-notes', {
      invoiceId: ids[3],
      amount: inv.total - 10,
      reason: 'điều chỉnh',
    });
    expect(first.status).toBe(201);
    expect(first.body.number).toMatch(/^CN-\d{4}-\d{7}$/);
    expect(
      (await as(finance).post('/credit-notes', { invoiceId: ids[3], amount: 11, reason: 'thêm' })).status,
    ).toBe(400);
    expect(
      (await as(finance).post('/credit-notes', { invoiceId: ids[3], amount: 10, reason: 'hết' })).status,
    ).toBe(201);
    expect(
      (await as(finance).post('/credit-notes', { invoiceId: ids[20], amount: 1, reason: 'nháp' })).status,
    ).toBe(409);
    expect(
      (await as(admin).post('/credit-notes', { invoiceId: ids[4], amount: 1, reason: 'x' })).status,
    ).toBe(403);
  });

  it('access: finance and operator see all; a unit admin only its own issued invoices; a desk officer none', async () => {
    const own = await createTestTenantKey(running, contracts[5]!.tenantId, 'tenant_admin');
    const desk = await createTestTenantKey(running, contracts[5]!.tenantId, 'desk_officer');
    const list = await as(own).get('/invoices');
    expect(list.status).toBe(200);
    expect((list.body as { tenantId: string }[]).every((i) => i.tenantId === contracts[5]!.tenantId)).toBe(
      true,
    );
    expect(list.body).toHaveLength(1);
    expect((await as(own).get(`/invoices/${ids[5]}`)).status).toBe(200);
    expect((await as(own).get(`/invoices/${ids[6]}`)).status).toBe(404);
    expect((await as(desk).get('/invoices')).status).toBe(403);
    expect((await as(desk).get(`/invoices/${ids[5]}`)).status).toBe(403);
    expect((await as(own).post(`/invoices/${ids[5]}/pay`, { reference: 'x' })).status).toBe(403);
    expect((await as(admin).get(`/invoices/${ids[6]}`)).status).toBe(200);
    // A unit does not see its drafts.
    const draftOwner = await createTestTenantKey(running, contracts[20]!.tenantId, 'tenant_admin');
    expect((await as(draftOwner).get(`/invoices/${ids[20]}`)).status).toBe(404);
    const summary = await as(own).get('/finance/summary?year=2005');
    expect(summary.status).toBe(200);
    expect(summary.body.rows).toHaveLength(1);
  });

  it('drill-down lists the usage events behind an overage line, paginated', async () => {
    const inv = (await as(finance).get(`/invoices/${ids[0]}`)).body as { lines: { id: string }[] };
    const r = await as(finance).get(`/invoices/${ids[0]}/lines/${inv.lines[0]!.id}/usage?range=[0,9]`);
    expect(r.status).toBe(200);
    expect(r.headers['content-range']).toBe('usage-events 0-0/1');
    expect(r.body[0]).toMatchObject({ quantity: 1_050, source: 'ingestion' });
  });

  it('the council summary exports as XLSX with one row per unit and a total row', async () => {
    const r = await as(finance)
      .get('/finance/exports/summary?format=xlsx&year=2005')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const codes: string[] = [];
    ws.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes.at(-1)).toBe('Tổng cộng');
    expect(codes.length).toBeGreaterThanOrEqual(23);
    expect(ws.getRow(1).getCell(4).value).toBe('Định mức');
    const csv = await as(finance).get('/finance/exports/invoices?format=csv&year=2005');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('VM-');
    expect(
      (
        await as(await createTestTenantKey(running, contracts[5]!.tenantId, 'tenant_admin')).get(
          '/finance/exports/summary?year=2005',
        )
      ).status,
    ).toBe(403);
  });

  it('dry run returns the drafts and writes no invoice; a real run goes through the outbox to completion', async () => {
    const c = await unitWithUsage(running, planId, '2008-09-11', '2009-09-10', 1_200);
    const dry = await as(admin).post('/billing-runs', {
      kind: 'overage',
      periodFrom: '2009-09-10',
      periodTo: '2009-09-10',
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    // Besides this unit's overage, the run re-bills the overage invoices voided above (adjustments).
    const drafts = dry.body.drafts as { contractId: string; kind: string }[];
    expect(drafts.filter((d) => d.contractId !== c.id).map((d) => d.kind)).not.toContain('overage');
    expect(drafts.filter((d) => d.contractId === c.id)).toEqual([
      expect.objectContaining({ kind: 'overage', subtotal: 100 * 10_000 + 100 * 8_000 }),
    ]);
    expect(await invoicesOf(running, [c.id])).toHaveLength(0);
    const real = await as(finance).post('/billing-runs', {
      kind: 'overage',
      periodFrom: '2009-09-10',
      periodTo: '2009-09-10',
    });
    expect(real.status).toBe(202);
    let status = '';
    for (let i = 0; i < 100 && status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await as(finance).get(`/billing-runs/${real.body.id}`)).body.status;
    }
    expect(status).toBe('completed');
    expect(await invoicesOf(running, [c.id])).toHaveLength(1);
  }, 30_000);
});
