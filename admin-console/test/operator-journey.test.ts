// Journey 1: the operator signs in, sees the system dashboard and the unit tree, and onboards a
// unit with its first admin and a contract on a plan — one guided flow in Chromium. A bad unit
// code first shows the API's message beside the field.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/src/boot';
import {
  bearer,
  createTestPlatformKey,
  createTestStaff,
  createTestTenant,
  startTestServer,
  uniqueSuffix,
} from '../../server/test/support/app';
import { launchBrowser } from '../../server/test/support/browser';
import { journey, shot, signInToConsole } from './support/console';

let running: Running;
let browser: Browser;
let operatorKey: string;
const suffix = uniqueSuffix();
const planName = `Gói thử ${suffix}`;
const provinceName = `Tỉnh thử ${suffix}`;

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
  await createTestTenant(running, { name: provinceName, kind: 'other' });
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
});
