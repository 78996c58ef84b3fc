// Journey 2: finance starts an invoice run (progress bar until done), approves the draft from the
// list in bulk, opens the issued invoice, and exports the year's invoices as XLSX — the file opens
// with exceljs and carries the invoice's number. Then credits the invoice from its page and
// downloads the credit note's PDF from the credit notes list (pdf-lib reads its metadata), and
// opens the overdue list, which asks the server for {"overdue":true} by due date and shows a second
// unit's invoice issued 40 days ago on its contract's own 10-day terms (approved at that instant).
// Last, the usage page searched for the two units: its totals row is the sum of their rows as the
// server's summary gives them (counts, and đồng shown as 1.234.567 ₫).
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveInvoice, localDate } from '../../billing/src/index';
import type { Running } from '../../server/src/boot';
import { executeInvoiceRun } from '../../server/src/jobs/billing/invoice-run';
import { renderInvoicePdf } from '../../server/src/modules/invoices/pdf';
import { invoicesOf, newRun } from '../../server/test/billing/fixtures';
import {
  bearer,
  createTestPlatformKey,
  createTestStaff,
  createTestTenant,
  startTestServer,
  uniqueSuffix,
} from '../../server/test/support/app';
import { launchBrowser } from '../../server/test/support/browser';
import { formatMoney, formatPercent } from '../src/core/format';
import type { FinanceRow } from '../src/finance/summary';
import { journey, shot, signInToConsole } from './support/console';

let running: Running;
let browser: Browser;
let operatorKey: string;
const suffix = uniqueSuffix();
const unitName = `Phường Tài Chính ${suffix}`;
// A day no other test bills: the run covers only the contract starting on it.
const DAY = '2037-07-19';
const lateUnitName = `Phường Quá Hạn ${suffix}`;
const LATE_DAY = '2037-07-12';
let lateDaysExpected = 0;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(new URL(`/api/v1${path}`, running.url), {
    ...init,
    headers: { authorization: bearer(operatorKey), 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  running = await startTestServer({ devServices: true });
  await createTestStaff(running, {
    sub: 'taichinh',
    name: 'Chuyên viên tài chính',
    platformRoles: ['finance'],
  });
  operatorKey = (await createTestPlatformKey(running, 'platform_admin')).key;
  const tenant = await createTestTenant(running, { name: unitName, kind: 'commune' });
  const plan = await api<{ id: string }>('/plans', {
    method: 'POST',
    body: JSON.stringify({
      code: `F${suffix}`,
      name: `Gói tài chính ${suffix}`,
      terms: {
        annualFee: 96_000_000,
        includedDossiers: 3000,
        overage: { model: 'flat', unitPrice: 12_000 },
        vatRateBp: 1000,
        effectiveFrom: '2037-01-01',
      },
    }),
  });
  await api('/contracts', {
    method: 'POST',
    body: JSON.stringify({ tenantId: tenant.id, planId: plan.id, startDate: DAY }),
  });
  // Issued 40 days ago with 10 days to pay: 30 days late today.
  const late = await createTestTenant(running, { name: lateUnitName, kind: 'commune' });
  const lateContract = await api<{ id: string; effectivePaymentTermsDays: number }>('/contracts', {
    method: 'POST',
    body: JSON.stringify({ tenantId: late.id, planId: plan.id, startDate: LATE_DAY, paymentTermsDays: 10 }),
  });
  expect(lateContract.effectivePaymentTermsDays).toBe(10);
  const run = await newRun(running, 'lease', LATE_DAY, LATE_DAY);
  await executeInvoiceRun(running.transactor, run.id, new Date());
  const [draft] = await invoicesOf(running, [lateContract.id]);
  const issued = await running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
    approveInvoice(tx, draft!.id, 'test-finance', new Date(Date.now() - 40 * 86_400_000), renderInvoicePdf),
  );
  lateDaysExpected = (Date.parse(localDate(new Date())) - Date.parse(issued.dueDate!)) / 86_400_000;
  expect(lateDaysExpected).toBe(30);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('finance', () => {
  it('runs the invoices, approves the draft and exports XLSX', async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'taichinh');
    await journey(page, 'finance', async () => {
      await page.getByTestId('drafts').waitFor();
      await shot(page, 'finance-1-overview');

      await page.getByRole('menuitem', { name: 'Lập hóa đơn' }).click();
      await page.getByLabel('Kỳ từ ngày').fill(DAY);
      await page.getByLabel('Đến ngày').fill(DAY);
      await page.getByRole('button', { name: 'Bắt đầu lập' }).click();
      await page.getByTestId('job-progress').waitFor();
      await shot(page, 'finance-2-run-progress');
      await page.getByTestId('run-result').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('job-progress')).toBeDefined();
      expect(await page.getByTestId('job-progress').getAttribute('data-status')).toBe('completed');
      await shot(page, 'finance-3-run-done');

      await page.getByRole('link', { name: 'Xem hóa đơn nháp' }).click();
      await page.locator('input[name="year"]').fill('2037');
      const row = page.getByRole('row').filter({ hasText: unitName });
      await row.waitFor();
      await row.getByRole('checkbox').check();
      await shot(page, 'finance-4-drafts-selected');
      await page.getByRole('button', { name: /^Duyệt 1 hóa đơn/ }).click();
      await page.getByText('Đã duyệt và phát hành 1 hóa đơn').waitFor();

      await page.getByRole('tab', { name: 'Đã phát hành' }).click();
      const issued = page.getByRole('row').filter({ hasText: unitName });
      await issued.waitFor();
      const number = (await issued.getByRole('cell').nth(1).innerText()).trim();
      expect(number).toMatch(/^TL-\d{4}-\d{7}$/);
      await shot(page, 'finance-5-issued');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Xuất XLSX' }).click(),
      ]);
      const file = await download.path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.text)))));
      expect(cells).toContain(number);

      await issued.click();
      await page.getByRole('button', { name: 'Lập hóa đơn điều chỉnh giảm' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Số tiền').fill('1000000');
      await dialog.getByLabel('Lý do').fill('Giảm trừ do tính trùng');
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText('Đã cập nhật hóa đơn').waitFor();

      await page.getByRole('menuitem', { name: 'Hóa đơn điều chỉnh giảm' }).click();
      const note = page.getByRole('row').filter({ hasText: number });
      await note.waitFor();
      const noteNumber = (await note.getByRole('cell').first().innerText()).trim();
      expect(noteNumber).toMatch(/^CN-\d{4}-\d{7}$/);
      await shot(page, 'finance-6-credit-notes');
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        note.getByRole('button', { name: `Tải PDF hóa đơn điều chỉnh giảm ${noteNumber}` }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`${noteNumber}.pdf`);
      const doc = await PDFDocument.load(await readFile(await pdf.path()));
      expect(doc.getTitle()).toBe(`Hóa đơn điều chỉnh giảm ${noteNumber}`);
      expect(doc.getSubject()).toBe(`Điều chỉnh giảm hóa đơn ${number}: 1.000.000 ₫`);

      // The invoice is due 30 days after today: never in the overdue list, whatever else is.
      const overdueRequest = page.waitForRequest((r) => {
        const q = new URL(r.url()).searchParams;
        return q.get('filter') === '{"overdue":true}' && q.get('sort') === '["dueDate","ASC"]';
      });
      await page.getByRole('menuitem', { name: 'Hóa đơn quá hạn' }).click();
      await overdueRequest;
      await page
        .getByText('Không có hóa đơn quá hạn')
        .or(page.getByRole('columnheader', { name: 'Số ngày quá hạn' }))
        .waitFor();
      expect(await page.getByRole('row').filter({ hasText: number }).count()).toBe(0);
      await page.getByLabel('Đơn vị').fill(lateUnitName);
      await page.getByRole('option', { name: lateUnitName }).click();
      const lateRow = page.getByRole('row').filter({ hasText: lateUnitName });
      await lateRow.waitFor();
      // The unit filter reaches the server: only the header row and this unit's rows remain.
      await expect
        .poll(() => page.getByRole('row').filter({ hasNotText: lateUnitName }).count(), { timeout: 15_000 })
        .toBe(1);
      await shot(page, 'finance-7-overdue');
      expect(await lateRow.getByTestId('days-late').innerText()).toBe(String(lateDaysExpected));
      expect(await lateRow.innerText()).toContain('Phí thuê');

      // Usage: searching keeps the two units of this test; the totals row sums exactly those rows.
      const summary = await api<{ rows: FinanceRow[] }>('/finance/summary?year=2037');
      const ours = summary.rows.filter((r) => r.tenantName.endsWith(suffix));
      expect(ours).toHaveLength(2);
      const sum = (k: keyof FinanceRow) => ours.reduce((s, r) => s + (r[k] as number), 0);
      const count = (k: keyof FinanceRow) => sum(k).toLocaleString('vi-VN');
      const money = (k: keyof FinanceRow) => formatMoney(sum(k));
      expect(sum('leaseBilled')).toBeGreaterThan(0);
      await page.getByRole('menuitem', { name: 'Sử dụng và định mức' }).click();
      await page.getByLabel('Năm').fill('2037');
      await page.getByLabel('Tìm đơn vị').fill(suffix);
      const table = page.getByTestId('usage-table');
      await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(4);
      const totals = table.getByTestId('usage-totals');
      const totalCells = (await totals.getByRole('cell').allInnerTexts()).map((c) => c.trim());
      expect(totalCells).toEqual([
        'Tổng cộng (2 đơn vị)',
        '',
        count('quota'),
        count('used'),
        formatPercent(sum('used') / sum('quota')),
        count('overage'),
        money('leaseBilled'),
        money('overageBilled'),
        money('adjustmentBilled'),
        money('paid'),
        money('outstanding'),
        money('overdue'),
      ]);
      // Two leases of 96.000.000 ₫ + 10 % VAT; the first credited 1.000.000 ₫ above.
      expect([totalCells[6], totalCells[10]]).toEqual(['211.200.000 ₫', '210.200.000 ₫']);
      await shot(page, 'finance-8-usage-totals');
      // Narrowed to one unit, the totals are that unit's row.
      await page.getByLabel('Tìm đơn vị').fill(lateUnitName);
      await expect.poll(() => table.getByRole('row').count()).toBe(3);
      const one = ours.find((r) => r.tenantName === lateUnitName)!;
      await expect
        .poll(async () => (await totals.getByRole('cell').nth(10).innerText()).trim())
        .toBe(formatMoney(one.outstanding));
      expect((await totals.getByRole('cell').first().innerText()).trim()).toBe('Tổng cộng (1 đơn vị)');
    });
    await context.close();
  }, 240_000);
});
