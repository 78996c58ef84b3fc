// The one-stop work in Chromium against the real server and the development identity provider:
// a desk officer receives an online dossier and opens its receipt slip (a real PDF), a leader
// approves a dossier waiting at the leader's step and sees a 409 list what is still allowed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../server/src/boot';
import { submitDossier } from '../../../server/src/modules/dossiers/submit';
import { storeUpload } from '../../../server/src/modules/dossiers/uploads';
import { objectStorageFrom } from '../../../server/src/modules/storage/object-storage';
import { createTestStaff, startTestServer, type TestUnit } from '../../../server/test/support/app';
import { launchBrowser } from '../../../server/test/support/browser';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  leader,
  newCitizen,
  officer,
} from '../../../server/test/dossiers/fixture';
import { shot, signInToConsole } from '../support/console';

const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-console-dossiers-'));
let running: Running;
let browser: Browser;
let unit: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startTestServer({ devServices: true, env: { DATA_DIR: dataDir } });
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
  // Demo logins known to the provider, given roles in this test's unit.
  await createTestStaff(running, {
    sub: 'pnt.motcua',
    name: 'Cán bộ một cửa Phường Nha Trang',
    memberships: [{ tenantId: unit.tenant.id, roles: ['desk_officer'] }],
  });
  await createTestStaff(running, {
    sub: 'pnt.lanhdao',
    name: 'Lãnh đạo Phường Nha Trang',
    memberships: [{ tenantId: unit.tenant.id, roles: ['leader'] }],
  });
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const at = (p: string) => new URL(p, running.url).toString();

let current: Page | null = null;
afterEach(async (ctx) => {
  // A failed journey leaves its last screen behind to look at.
  if (current && ctx.task.result?.state === 'fail')
    await shot(current, `dossier-failed-${ctx.task.name.slice(0, 20)}`);
  await current?.context().close();
  current = null;
});

async function openConsole(login: string): Promise<Page> {
  const { page } = await signInToConsole(browser, running.url, login);
  current = page;
  // The demo account may hold other units in the shared test database: act for ours.
  await page.evaluate(`localStorage.setItem('motcua.tenantId', '${unit.tenant.id}')`);
  return page;
}

/** A citizen's online dossier with a scanned ID card (a real one-page PDF). */
async function onlineDossier(name: string): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([420, 260]).drawText(`Ban sao CCCD - ${name.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}`, {
    x: 30,
    y: 200,
    size: 16,
    font,
  });
  const bytes = await doc.save();
  const stored = await storeUpload(objectStorageFrom(running.env), bytes, {
    mime: 'application/pdf',
  });
  const citizen = await newCitizen(running);
  const r = await submitDossier(
    running.transactor,
    citizen,
    {
      procedureId,
      data: { 'applicant.full_name': name },
      attachments: [{ attachmentId: 'cccd', name: 'cccd.pdf', sha256: stored.sha256 }],
    },
    null,
    objectStorageFrom(running.env),
  );
  return r.dossier.id;
}

/** A desk dossier received, assigned and processed: waiting at the leader's step. */
async function awaitingLeader(name: string): Promise<string> {
  const id = await enterAtDesk(running, unit, procedureId, name);
  const steps: [ReturnType<typeof api>, string, object][] = [
    [api(running, desk(unit)), 'receive', {}],
    [api(running, desk(unit)), 'assign', { assigneeId: unit.staffId }],
    [api(running, officer(unit)), 'approve', { note: 'Đủ điều kiện' }],
  ];
  for (const [client, action, body] of steps) {
    const res = await client.post(`/dossiers/${id}/${action}`, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
  }
  return id;
}

describe('desk officer', () => {
  it('receives an online dossier from the reception queue and opens the receipt slip', async () => {
    const id = await onlineDossier('TRẦN THỊ BÌNH');
    const page = await openConsole('pnt.motcua');
    await page.goto(at('/admin/'));
    await page.getByTestId('card-reception').waitFor();
    await shot(page, 'dossier-desk-dashboard');

    await page.goto(at('/admin/work/reception'));
    const row = page.getByRole('row').filter({ hasText: 'Công Dân' }).first();
    await row.waitFor();
    await shot(page, 'dossier-reception-queue');
    await row.click();

    await page.getByTestId('dossier-page').waitFor();
    await expect.poll(() => page.getByTestId('form-data').textContent()).toContain('TRẦN THỊ BÌNH');
    await page.locator('[data-testid="attachments"] iframe').waitFor();
    await shot(page, 'dossier-desk-before-receive');

    await page.locator('button[data-action="receive"]').click();
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid="dossier-page"][data-status="received"]').waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    expect(code).toMatch(new RegExp(`^${unit.tenant.code.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
    await page.locator('[data-testid="timeline"] tr[data-action="receive"]').waitFor();

    // The slip opens in a new tab from a PDF fetched with the unit's header.
    const [slip, tab] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/dossiers/${id}/slips/receipt.pdf`)),
      page.context().waitForEvent('page'),
      page.getByTestId('slip-open-receipt').click(),
    ]);
    expect(slip.status()).toBe(200);
    expect(slip.headers()['content-type']).toBe('application/pdf');
    // The same bytes again through the signed-in session (the tab shows them from a blob).
    const again = await page.context().request.get(slip.url(), {
      headers: { 'X-Tenant-Id': unit.tenant.id },
    });
    expect(again.headers()['content-type']).toBe('application/pdf');
    const pdf = await again.body();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await PDFDocument.load(pdf);
    expect(parsed.getPageCount()).toBeGreaterThan(0);
    await tab.waitForURL((u) => u.protocol === 'blob:');
    await tab.close();
    await shot(page, 'dossier-desk-received');

    // The desk entry form for a walk-in citizen (looked at, not submitted here).
    await page.goto(at('/admin/dossiers/create'));
    await page.getByRole('combobox', { name: 'Thủ tục' }).click();
    await page
      .getByRole('option', { name: /Đăng ký khai sinh/ })
      .first()
      .click();
    await page.locator('input[name="applicant.full_name"]').waitFor();
    await shot(page, 'dossier-desk-entry');

    const stored = await api(running, desk(unit)).get(`/dossiers/${id}`);
    expect(stored.body).toMatchObject({ status: 'received', code });
  }, 60_000);
});

describe('leader', () => {
  it('approves a dossier waiting for the leader, and is told what is allowed when someone acted first', async () => {
    const first = await awaitingLeader('LÊ VĂN CƯỜNG');
    const second = await awaitingLeader('PHẠM THỊ DUNG');
    const page = await openConsole('pnt.lanhdao');
    await page.goto(at('/admin/work/processing'));
    const row = page.getByRole('row').filter({ hasText: 'Lê Văn Cường' }).first();
    await row.waitFor();
    await shot(page, 'dossier-leader-queue');
    await row.click();

    await page.getByTestId('dossier-page').waitFor();
    await page.locator('button[data-action="approve"]').waitFor();
    await page.locator('button[data-action="approve"]').click();
    await page.locator('textarea[name="note"]').fill('Đồng ý cấp');
    await shot(page, 'dossier-leader-approve-dialog');
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid="dossier-page"][data-status="approved"]').waitFor();
    await page.locator('[data-testid="timeline"] tr[data-action="approve"]').nth(1).waitFor();
    await page.locator('button[data-action="result"]').click();
    await page.getByTestId('dialog-result').waitFor();
    await shot(page, 'dossier-leader-result-dialog');
    await page.getByRole('button', { name: 'Hủy' }).click();
    await shot(page, 'dossier-leader-approved');
    const approved = await api(running, leader(unit)).get(`/dossiers/${first}`);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.timeline.at(-1)).toMatchObject({
      action: 'approve',
      toStatus: 'approved',
      actorKind: 'staff',
    });

    // Someone approves the second one while the leader has it open: the server's 409 is shown.
    await page.goto(at(`/admin/dossiers/${second}/show`));
    await page.locator('button[data-action="approve"]').waitFor();
    const behind = await api(running, leader(unit)).post(`/dossiers/${second}/approve`, {});
    expect(behind.status).toBe(200);
    await page.locator('button[data-action="approve"]').click();
    await page.getByTestId('confirm').click();
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Ban hành kết quả');
    await page.locator('[data-testid="dossier-page"][data-status="approved"]').waitFor();
    await shot(page, 'dossier-leader-conflict');
  }, 60_000);

  it('opens the monitoring dashboard, whose charts load only there', async () => {
    const page = await openConsole('pnt.lanhdao');
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(at('/admin/work/processing'));
    await page.getByRole('menuitem', { name: 'Giám sát, thống kê' }).waitFor();
    expect(scripts.some((s) => /MonitoringPage/.test(s))).toBe(false);
    await page.getByRole('menuitem', { name: 'Giám sát, thống kê' }).click();
    await page.getByTestId('chart-month').locator('svg').first().waitFor();
    expect(scripts.some((s) => /MonitoringPage/.test(s))).toBe(true);
    await shot(page, 'dossier-leader-monitoring');
  }, 45_000);
});
