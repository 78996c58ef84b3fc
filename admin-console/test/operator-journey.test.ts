// Journey 1: the operator signs in, sees the system dashboard and the unit tree, and onboards a
// unit with its first admin and a contract on a plan — one guided flow in Chromium. A bad unit
// code first shows the API's message beside the field. Then payment terms: a plan's days to pay (a
// value outside 1–365 refused with the Vietnamese message), a contract that first follows the plan
// and then overrides it, both kept after a reload, and the due date they give an issued invoice.
import type { Browser, Locator } from 'playwright-core';
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
import { formatDate } from '../src/core/format';
import { journey, shot, signInToConsole } from './support/console';

let running: Running;
let browser: Browser;
let operatorKey: string;
const suffix = uniqueSuffix();
const planName = `Gói thử ${suffix}`;
const provinceName = `Tỉnh thử ${suffix}`;
const termsUnitName = `Xã Hạn Thanh Toán ${suffix}`;
// A contract start no other test bills: the lease run below covers only this contract.
const TERMS_DAY = '2036-09-23';

/** The text under a form input: its hint, or the refusal that replaces it. */
const helperOf = (input: Locator) =>
  input.locator(
    'xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]//p[contains(@class,"MuiFormHelperText-root")]',
  );

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
    sub: 'vanhanh',
    name: 'Cán bộ vận hành',
    platformRoles: ['platform_admin'],
  });
  operatorKey = (await createTestPlatformKey(running, 'platform_admin')).key;
  await createTestStaff(running, {
    sub: 'taichinh',
    name: 'Chuyên viên tài chính',
    platformRoles: ['finance'],
  });
  await createTestTenant(running, { name: provinceName, kind: 'other' });
  await createTestTenant(running, { name: termsUnitName, kind: 'commune' });
  await api('/plans', {
    method: 'POST',
    body: JSON.stringify({
      code: `P${suffix}`,
      name: planName,
      terms: {
        annualFee: 120_000_000,
        includedDossiers: 5000,
        overage: { model: 'flat', unitPrice: 15_000 },
        effectiveFrom: '2026-01-01',
      },
    }),
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('operator', () => {
  it('onboards a unit with its first admin and a contract', async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'vanhanh');
    await journey(page, 'operator', async () => {
      await page.getByTestId('heat-map').or(page.getByText('Chưa có hợp đồng nào đang hiệu lực')).waitFor();
      await page.getByTestId('tenants-active').getByText(/^\d/).waitFor();
      await shot(page, 'operator-1-dashboard');

      await page.getByRole('menuitem', { name: 'Đơn vị', exact: true }).click();
      await page.getByTestId('tenant-node').first().waitFor();
      await shot(page, 'operator-2-tenant-tree');

      await page.getByRole('menuitem', { name: 'Khởi tạo đơn vị' }).click();
      const code = `T${suffix}.H99`;
      const name = `Xã Thử Nghiệm ${suffix}`;
      await page.locator('input[name="tenant.code"]').fill('mã sai!');
      await page.locator('input[name="tenant.name"]').fill(name);
      await page.locator('input[name="admin.sub"]').fill(`qt.${suffix}`);
      await page.locator('input[name="admin.name"]').fill('Quản trị viên Thử');
      await page.getByRole('combobox', { name: /Gói thuê/ }).click();
      await page.getByRole('option', { name: planName }).click();
      await page.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
      // The API's own message, under the code field.
      await page.getByText(/Mã đơn vị chỉ gồm chữ, số/).waitFor();
      await shot(page, 'operator-3-field-error');

      await page.locator('input[name="tenant.code"]').fill(code);
      await page.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
      await page.waitForURL(/\/admin\/tenants\/[0-9a-f-]+\/show$/);
      await page.getByRole('cell', { name: planName }).waitFor();
      await shot(page, 'operator-4-onboarded');

      const tenantId = /tenants\/([0-9a-f-]+)\/show/.exec(page.url())![1]!;
      const tenant = await api<{ code: string; name: string; status: string }>(`/tenants/${tenantId}`);
      expect(tenant).toMatchObject({ code, name, status: 'active' });
      const contracts = await api<{ planName: string; tenantId: string }[]>(
        `/contracts?filter=${encodeURIComponent(JSON.stringify({ tenantId }))}`,
      );
      expect(contracts).toHaveLength(1);
      expect(contracts[0]!.planName).toBe(planName);
      const admins = await running.transactor.withSystem((tx) =>
        tx('memberships as m')
          .join('staff_users as u', 'u.id', 'm.user_id')
          .where('m.tenant_id', tenantId)
          .select('u.oidc_subject', 'm.role'),
      );
      expect(admins).toEqual([{ oidc_subject: `qt.${suffix}`, role: 'tenant_admin' }]);
    });
    await context.close();
  }, 90_000);

  it("creates a unit's API key, sees its secret once, and revokes it", async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'vanhanh');
    const keyName = `Đồng bộ thử ${suffix}`;
    await journey(page, 'operator-api-keys', async () => {
      await page.getByRole('menuitem', { name: 'Khóa API' }).click();
      await page.getByRole('tab', { name: 'Khóa của đơn vị' }).waitFor();

      await page.getByRole('button', { name: 'Tạo khóa' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: /Đơn vị/ }).fill(provinceName);
      await page.getByRole('option', { name: new RegExp(provinceName) }).click();
      await dialog.locator('input[name="name"]').fill(keyName);
      await dialog.getByRole('combobox', { name: /Quyền/ }).click();
      await page.getByRole('option', { name: 'Lãnh đạo' }).click();
      await dialog.getByRole('button', { name: 'Tạo khóa' }).click();

      const secret = dialog.getByTestId('api-key-secret');
      await secret.waitFor();
      await expect
        .poll(() => dialog.getByTestId('api-key-once-warning').textContent())
        .toMatch(/chỉ hiện một lần/);
      const key = await secret.inputValue();
      expect(key).toMatch(/^mct_[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
      await shot(page, 'operator-5-api-key-secret');
      // The key shown is the real one: it signs in as a leader of the unit.
      const me = await fetch(new URL('/api/v1/me', running.url), { headers: { authorization: bearer(key) } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ kind: 'api_key', roles: ['leader'] });

      await dialog.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByRole('row').filter({ hasText: keyName });
      await row.getByText('Đang dùng').waitFor();
      // The list shows the key's public id, never its secret.
      await row.getByText(key.split('.')[0]!).waitFor();
      expect(await page.getByTestId('api-key-list').textContent()).not.toContain(key.split('.')[1]!);
      await row.getByText(provinceName).waitFor();
      await shot(page, 'operator-6-api-key-listed');

      await row.getByRole('button', { name: 'Thu hồi' }).click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText(`Thu hồi khóa “${keyName}”?`).waitFor();
      await confirm.getByText(/bị từ chối ngay lập tức/).waitFor();
      await shot(page, 'operator-7-api-key-revoke-confirm');
      await confirm.getByRole('button', { name: 'Thu hồi' }).click();
      await row.getByText(/^Đã thu hồi/).waitFor();
      await expect.poll(() => row.getByRole('button', { name: 'Thu hồi' }).count()).toBe(0);
      await shot(page, 'operator-8-api-key-revoked');
      const after = await fetch(new URL('/api/v1/me', running.url), {
        headers: { authorization: bearer(key) },
      });
      expect(after.status).toBe(401);

      await page.getByRole('tab', { name: 'Khóa của nền tảng' }).click();
      await page.waitForURL(/\/admin\/platform-api-keys/);
      await page.getByTestId('api-key-list').getByText(/^mcp_/).first().waitFor();
      await shot(page, 'operator-9-platform-keys');
    });
    await context.close();
  }, 90_000);
  it('sets payment terms on a plan, overrides them on a contract, and an issued invoice is due by them', async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'vanhanh');
    const go = (path: string) => page.goto(new URL(`/admin${path}`, running.url).toString());
    const field = (source: string) => page.locator(`.ra-field-${source}`);
    const termsPlan = `Gói hạn thanh toán ${suffix}`;
    let contractId = '';
    await journey(page, 'operator-payment-terms', async () => {
      await go('/plans/create');
      await page.locator('input[name="code"]').fill(`H${suffix}`);
      await page.locator('input[name="name"]').fill(termsPlan);
      await page.locator('input[name="terms.annualFee"]').fill('48000000');
      await page.locator('input[name="terms.includedDossiers"]').fill('2000');
      await page.locator('input[name="terms.overage.unitPrice"]').fill('10000');
      await page.locator('input[name="terms.vatRateBp"]').fill('1000');
      await page.locator('input[name="terms.effectiveFrom"]').fill('2036-01-01');
      const terms = page.locator('input[name="terms.paymentTermsDays"]');
      const termsHelp = helperOf(terms);
      // More than a year, then none at all: refused beside the field, in Vietnamese.
      for (const [bad, message] of [
        ['400', 'Tối đa là 365'],
        ['-5', 'Tối thiểu là 1'],
      ] as const) {
        await terms.fill(bad);
        await page.getByRole('button', { name: 'Lưu' }).click();
        await expect.poll(() => termsHelp.innerText()).toBe(message);
        expect(page.url()).toMatch(/\/plans\/create$/);
        await shot(page, `operator-10-plan-terms-refused-${bad === '400' ? 'over' : 'negative'}`);
      }
      const plans = await api<unknown[]>(
        `/plans?filter=${encodeURIComponent(JSON.stringify({ q: termsPlan }))}`,
      );
      expect(plans).toHaveLength(0);

      await terms.fill('20');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForURL(/\/admin\/plans\/[0-9a-f-]+\/show$/);
      const versions = field('versions');
      await versions.getByRole('cell', { name: '20', exact: true }).waitFor();
      await page.reload();
      await versions.getByRole('cell', { name: '20', exact: true }).waitFor();
      await shot(page, 'operator-11-plan-terms');

      // A contract on the plan without its own terms follows the plan's 20 days.
      await go('/contracts/create');
      await page.getByRole('combobox', { name: 'Đơn vị' }).fill(termsUnitName);
      await page.getByRole('option', { name: new RegExp(termsUnitName) }).click();
      await page.getByRole('combobox', { name: /Gói thuê/ }).click();
      await page.getByRole('option', { name: termsPlan }).click();
      await page.locator('input[name="startDate"]').fill(TERMS_DAY);
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForURL(/\/admin\/contracts\/[0-9a-f-]+\/show$/);
      contractId = /contracts\/([0-9a-f-]+)\/show/.exec(page.url())![1]!;
      await field('paymentTermsDays').getByText('theo gói').waitFor();
      expect((await field('effectivePaymentTermsDays').locator('span').last().innerText()).trim()).toBe('20');
      await shot(page, 'operator-12-contract-plan-terms');

      // Its own 45 days; 366 first, refused.
      await go(`/contracts/${contractId}`);
      const own = page.locator('input[name="paymentTermsDays"]');
      await own.fill('366');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => helperOf(own).innerText()).toBe('Tối đa là 365');
      await shot(page, 'operator-13-contract-terms-refused');
      await own.fill('45');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForURL(/\/admin\/contracts\/[0-9a-f-]+\/show$/);
      await page.reload();
      await field('paymentTermsDays').getByText('45', { exact: true }).waitFor();
      await field('effectivePaymentTermsDays').getByText('45', { exact: true }).waitFor();
      await shot(page, 'operator-14-contract-own-terms');
      const saved = await api<{ paymentTermsDays: number; effectivePaymentTermsDays: number }>(
        `/contracts/${contractId}`,
      );
      expect(saved).toMatchObject({ paymentTermsDays: 45, effectivePaymentTermsDays: 45 });
    });
    await context.close();

    // The lease invoice, approved now, is due 45 days after today (Asia/Ho_Chi_Minh): finance sees it.
    const run = await newRun(running, 'lease', TERMS_DAY, TERMS_DAY);
    await executeInvoiceRun(running.transactor, run.id, new Date());
    const [draft] = await invoicesOf(running, [contractId]);
    const now = new Date();
    const issued = await running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
      approveInvoice(tx, draft!.id, 'test-finance', now, renderInvoicePdf),
    );
    const due = new Date(Date.parse(localDate(now)) + 45 * 86_400_000).toISOString().slice(0, 10);
    expect(issued.dueDate).toBe(due);
    const finance = await signInToConsole(browser, running.url, 'taichinh');
    await journey(finance.page, 'operator-payment-terms-invoice', async () => {
      await finance.page.goto(new URL(`/admin/invoices/${draft!.id}/show`, running.url).toString());
      await finance.page.locator('.ra-field-dueDate').getByText(formatDate(due)).waitFor();
      await shot(finance.page, 'operator-15-invoice-due-by-contract-terms');
    });
    await finance.context.close();
  }, 120_000);
});
