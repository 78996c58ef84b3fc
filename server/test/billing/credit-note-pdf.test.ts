import { PDFDocument, PageSizes } from 'pdf-lib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { executeInvoiceRun } from '../../src/jobs/billing/invoice-run';
import {
  bearer,
  createTestPlatformKey,
  createTestTenant,
  createTestTenantKey,
  startTestServer,
} from '../support/app';
import { createBillingPlan, invoicesOf, newRun, unitWithUsage } from './fixtures';

/** A credit note's Vietnamese PDF: stored when it is issued, read with the invoice PDF's access rules. */
let running: Running;
let finance: IssuedKey;

const get = (key: IssuedKey, path: string) =>
  request(running.url)
    .get(`/api/v1${path}`)
    .set('Authorization', bearer(key))
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

beforeAll(async () => {
  running = await startTestServer();
  finance = await createTestPlatformKey(running, 'finance');
});
afterAll(async () => {
  await running?.close();
});

describe('credit note PDF', () => {
  it('is stored when the note is issued and names the invoice it corrects and the amount', async () => {
    const planId = (await createBillingPlan(running)).id;
    const c = await unitWithUsage(running, planId, '2010-03-01', '2011-02-28', 1_050);
    const run = await newRun(running, 'overage', '2011-02-28', '2011-02-28');
    await executeInvoiceRun(running.transactor, run.id, new Date());
    const [draft] = await invoicesOf(running, [c.id]);
    const post = (path: string, body: object = {}) =>
      request(running.url).post(`/api/v1${path}`).set('Authorization', bearer(finance)).send(body);
    const invoice = (await post(`/invoices/${draft!.id}/approve`).expect(200)).body as { number: string };
    const note = (
      await post('/credit-notes', {
        invoiceId: draft!.id,
        amount: 123_456,
        reason: 'Sai số lượng hồ sơ',
      }).expect(201)
    ).body as { id: string; number: string };
    expect(note.number).toMatch(/^CN-\d{4}-\d{7}$/);

    const pdf = await get(finance, `/credit-notes/${note.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${note.number}.pdf`);
    const doc = await PDFDocument.load(pdf.body as Buffer);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.abs(width - PageSizes.A4[0])).toBeLessThan(1);
    expect(Math.abs(height - PageSizes.A4[1])).toBeLessThan(1);
    expect(doc.getTitle()).toBe(`Hóa đơn điều chỉnh giảm ${note.number}`);
    expect(doc.getSubject()).toBe(`Điều chỉnh giảm hóa đơn ${invoice.number}: 123.456 ₫`);
    expect(doc.getKeywords()).toContain(invoice.number);

    // Same rules as the invoice PDF: the unit's admin reads its own; another unit's is missing; a desk officer none.
    const own = await createTestTenantKey(running, c.tenantId, 'tenant_admin');
    expect((await get(own, `/credit-notes/${note.id}/pdf`)).status).toBe(200);
    const other = await createTestTenant(running);
    const stranger = await createTestTenantKey(running, other.id, 'tenant_admin');
    expect((await get(stranger, `/credit-notes/${note.id}/pdf`)).status).toBe(404);
    const desk = await createTestTenantKey(running, c.tenantId, 'desk_officer');
    expect((await get(desk, `/credit-notes/${note.id}/pdf`)).status).toBe(403);
  });
});
