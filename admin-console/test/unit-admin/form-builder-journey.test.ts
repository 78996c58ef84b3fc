// A unit admin builds a form in Chromium — dictionary fields, drag and drop, a condition, a
// repeating group — sees the live preview react to the condition, and publishes version 1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Running } from '../../../server/src/boot';
import { ensureCoreDictionary } from '../../../server/src/modules/dictionary/core-fields';
import {
  bearer,
  createTestStaff,
  createTestTenant,
  createTestTenantKey,
  startTestServer,
  uniqueSuffix,
} from '../../../server/test/support/app';
import { launchBrowser } from '../../../server/test/support/browser';
import { insertProcedure } from '../../../server/test/forms/procedure-fixture';
import { createBillingPlan, newRun } from '../../../server/test/billing/fixtures';
import { approveInvoice, createContract } from '../../../billing/src/index';
import { recordUsageEvents } from '../../../metering/src/index';
import { renderInvoicePdf } from '../../../server/src/modules/invoices/pdf';
import { executeInvoiceRun } from '../../../server/src/jobs/billing/invoice-run';
import { createMerchantAccount } from '../../../server/src/modules/payments/index';
import { signingKeysFrom } from '../../../server/src/modules/signing/key-vault';
import { usageTotals, type UsageRow } from '../../src/unit-admin/billing/usage-totals';
import { shot, signInToConsole } from '../support/console';

let running: Running;
let browser: Browser;
let tenantId: string;
let procedureId: string;
let colleagueId: string;

beforeAll(async () => {
  running = await startTestServer({ devServices: true });
  await running.transactor.withSystem((tx) => ensureCoreDictionary(tx));
  const tenant = await createTestTenant(running, { name: 'Xã Cam Lâm (thử)', kind: 'commune' });
  tenantId = tenant.id;
  await createTestStaff(running, {
    sub: 'xcl.admin',
    name: 'Quản trị Xã Cam Lâm',
    memberships: [{ tenantId, roles: ['tenant_admin'] }],
  });
  procedureId = await insertProcedure(running, tenantId);
  colleagueId = await createTestStaff(running, {
    name: 'Lê Thị Một Cửa',
    memberships: [{ tenantId, roles: ['desk_officer'] }],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

/** Picks a dictionary field by searching for it and pressing its add button. */
async function pick(page: Page, search: string, key: string) {
  const box = page.getByLabel('Tìm trường (tên, khóa)');
  await box.fill(search);
  await page.getByTestId(`pick-${key}`).click();
  await page.getByTestId(`item-${key}`).waitFor();
}

/**
 * Opens a select and picks an option. On a loaded machine the first click can land while the edit
 * panel is still opening and the menu never shows: open it again until the option is there.
 */
async function choose(page: Page, combobox: string, option: RegExp | string) {
  const wanted = page.getByRole('option', { name: option });
  await vi.waitFor(
    async () => {
      if (!(await wanted.isVisible())) await page.getByRole('combobox', { name: combobox }).click();
      await wanted.waitFor({ timeout: 3000 });
    },
    { timeout: 20_000, interval: 200 },
  );
  await wanted.click();
}

describe('form builder journey', () => {
  it('builds a form with a condition and a repeating group, previews it as citizens see it, publishes it', async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'xcl.admin');
    // The provider's demo account may hold other units in a shared test database: choose ours.
    await page.evaluate(`localStorage.setItem('motcua.tenantId', '${tenantId}')`);
    await page.goto(new URL('/admin/', running.url).toString());
    await page
      .getByText('Năm hợp đồng hiện tại')
      .or(page.getByText('Đơn vị chưa có hợp đồng thuê.'))
      .waitFor();
    await shot(page, 'unit-admin-dashboard');

    // A new form for the unit's procedure.
    await page.goto(new URL('/admin/forms/create', running.url).toString());
    await page.getByLabel('Thủ tục').fill('Thủ tục thử');
    await page.getByRole('option', { name: /Thủ tục thử cho biểu mẫu/ }).click();
    await page.getByLabel('Tên biểu mẫu').fill('Tờ khai thử nghiệm');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/admin\/unit-admin\/forms\/[0-9a-f-]+\/builder$/);
    await page.getByText('Biểu mẫu chưa có trường nào').waitFor();

    // Fields from the dictionary; the first one opens the section "Thông tin chung".
    await pick(page, 'bưu chính', 'delivery.by_post');
    await pick(page, 'địa chỉ nhận', 'delivery.postal_address');
    await pick(page, 'applicant.full', 'applicant.full_name');

    // Drag the full name to the top of the section.
    const handle = page
      .getByTestId('item-applicant.full_name')
      .getByRole('button', { name: 'Kéo để sắp xếp' });
    const target = page.getByTestId('item-delivery.by_post');
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
    await page.mouse.move(to.x + 40, to.y + 4, { steps: 10 });
    await page.mouse.up();
    const items = await page.locator('[data-testid^="item-"]').all();
    const order = await Promise.all(items.map((i) => i.getAttribute('data-testid')));
    expect(order).toEqual([
      'item-applicant.full_name',
      'item-delivery.by_post',
      'item-delivery.postal_address',
    ]);

    // The postal address shows only when "by post" is ticked.
    await page.getByRole('button', { name: 'Sửa: Địa chỉ nhận kết quả' }).click();
    await choose(page, 'Chỉ hiện khi trường', /delivery\.by_post/);
    await choose(page, 'Giá trị', 'Có');
    await page.getByText('Hiện khi Nhận kết quả qua bưu chính bằng Có').waitFor();
    await page.getByRole('button', { name: 'Sửa: Địa chỉ nhận kết quả' }).click();

    // A repeating group of household members.
    await page.getByRole('button', { name: 'Thêm nhóm lặp' }).click();
    await page.getByLabel('Tiêu đề', { exact: true }).fill('Thành viên hộ gia đình');
    await pick(page, 'thành viên', 'family_member.full_name');

    // The live preview: the portal's renderer, with the address hidden until "by post" is ticked.
    const preview = page.getByTestId('form-preview');
    await preview.locator('[data-group="nhom_1"]').waitFor();
    await expect
      .poll(() => preview.locator('[data-field="delivery.postal_address"]').count(), { timeout: 5000 })
      .toBe(0);
    await shot(page, 'form-builder-condition-hidden');
    await preview.getByLabel('Nhận kết quả qua bưu chính').check();
    await preview.locator('[data-field="delivery.postal_address"]').waitFor();
    await shot(page, 'form-builder-condition-shown');

    // Publish: the draft is saved first, then frozen as version 1.
    await page.getByRole('button', { name: 'Công bố phiên bản' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('latest-version').getByText('Phiên bản 1').waitFor();
    await page.getByText(/Phiên bản 1 — \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor();
    // What was published is what is saved: nothing left to save.
    await page.getByText('Đã lưu', { exact: true }).waitFor();
    await shot(page, 'form-builder-published');

    const version = (await running.transactor.withSystem((tx) =>
      tx('form_versions').where({ tenant_id: tenantId }).first('version', 'ui_layout', 'json_schema'),
    )) as {
      version: number;
      ui_layout: { sections: { items: { key?: string; id?: string; visibleWhen?: unknown }[] }[] };
      json_schema: { properties: Record<string, { items: { properties: Record<string, unknown> } }> };
    };
    expect(version.version).toBe(1);
    const section = version.ui_layout.sections[0]!;
    expect(section.items.map((i) => i.key ?? i.id)).toEqual([
      'applicant.full_name',
      'delivery.by_post',
      'delivery.postal_address',
      'nhom_1',
    ]);
    expect(section.items[2]!.visibleWhen).toEqual({ field: 'delivery.by_post', scope: 'form', equals: true });
    expect(version.json_schema.properties.nhom_1!.items.properties).toHaveProperty('family_member.full_name');
    await context.close();
  }, 90_000);

  it('shows the unit’s procedures, edits a workflow, grants a role, and shows usage, forecast and an invoice to pay', async () => {
    // A contract year around today, nearly used up early (so the forecast passes the quota), and its issued lease invoice.
    const plan = await createBillingPlan(running);
    const platform = { role: 'platform_admin' as const, actorId: null };
    const contract = await running.transactor.withPlatform(platform, (tx) =>
      createContract(
        tx,
        { tenantId, planId: plan.id, startDate: '2026-01-07', endDate: '2027-01-06', instalments: 1 },
        'test',
        new Date(),
      ),
    );
    // The year before, over its quota: the usage page's years table then has two rows to total.
    const lastYear = await running.transactor.withPlatform(platform, (tx) =>
      createContract(
        tx,
        { tenantId, planId: plan.id, startDate: '2025-01-07', endDate: '2026-01-06', instalments: 1 },
        'test',
        new Date(),
      ),
    );
    const received = (id: string, quantity: number, at: string) => ({
      tenantId,
      metric: 'dossier.received' as const,
      quantity,
      occurredAt: new Date(at),
      idempotencyKey: `journey-${id}`,
      source: 'ingestion' as const,
      dossierId: null,
    });
    await running.transactor.withTenant({ tenantId, actorId: null }, (tx) =>
      recordUsageEvents(
        tx,
        tenantId,
        [
          received(contract.id, 950, '2026-02-01T03:00:00Z'),
          received(lastYear.id, 1200, '2025-06-02T03:00:00Z'),
        ],
        new Date(),
      ),
    );
    const run = await newRun(running, 'lease', '2026-01-07', '2026-01-07');
    await executeInvoiceRun(running.transactor, run.id, new Date());
    await running.transactor.withPlatform({ role: 'finance', actorId: null }, async (tx) => {
      const rows = (await tx('invoices').where({ contract_id: contract.id }).select('id')) as {
        id: string;
      }[];
      expect(rows).toHaveLength(1);
      for (const r of rows) await approveInvoice(tx, r.id, 'test', new Date(), renderInvoicePdf);
    });
    // Invoices are paid to the platform's terminal; the development gateway knows every terminal.
    await running.transactor.withSystem(async (tx) => {
      const active = await tx('merchant_accounts')
        .whereNull('tenant_id')
        .where({ status: 'active' })
        .first('id');
      if (!active)
        await createMerchantAccount(tx, signingKeysFrom(running.env), {
          tenantId: null,
          tmnCode: `P${uniqueSuffix().toUpperCase()}`,
          secret: `PLATFORMSECRET${uniqueSuffix()}${uniqueSuffix()}`,
        });
    });

    const { page, context } = await signInToConsole(browser, running.url, 'xcl.admin');
    await page.evaluate(`localStorage.setItem('motcua.tenantId', '${tenantId}')`);
    const go = (path: string) => page.goto(new URL(`/admin${path}`, running.url).toString());

    await go('/procedures');
    await page.getByText('Thủ tục thử cho biểu mẫu').waitFor();
    await shot(page, 'unit-procedures');
    await page.getByText('Thủ tục thử cho biểu mẫu').click();
    await page.getByRole('link', { name: 'Quy trình xử lý' }).waitFor();
    await shot(page, 'unit-procedure-edit');

    // Workflow: a third step, a leader's second sign-off.
    await go(`/unit-admin/procedures/${procedureId}/workflow`);
    await page.getByTestId('step-2').waitFor();
    await page.getByRole('button', { name: 'Thêm bước' }).click();
    await page.getByTestId('step-3').getByLabel('Tên bước').fill('Giám đốc ký duyệt');
    await page.getByTestId('step-3').getByRole('combobox', { name: 'Người thực hiện' }).click();
    await page.getByRole('option', { name: 'Lãnh đạo' }).click();
    await page.getByTestId('step-3').getByRole('combobox', { name: 'Loại bước' }).click();
    await page.getByRole('option', { name: 'Phê duyệt' }).click();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu quy trình').waitFor();
    await shot(page, 'unit-workflow');
    const steps = (await running.transactor.withTenant({ tenantId, actorId: null }, (tx) =>
      tx('workflow_steps').where({ procedure_id: procedureId }).orderBy('seq').select('name', 'role', 'kind'),
    )) as { name: string; role: string; kind: string }[];
    expect(steps.at(-1)).toEqual({ name: 'Giám đốc ký duyệt', role: 'leader', kind: 'approve' });

    // Staff: the desk officer also becomes a processing officer.
    await go('/unit-admin/staff');
    await page.getByLabel('Chuyên viên xử lý: Lê Thị Một Cửa').click();
    await page.getByText('Đã cập nhật vai trò').waitFor();
    await shot(page, 'unit-staff');
    const roles = (await running.transactor.withTenant({ tenantId, actorId: null }, (tx) =>
      tx('memberships').where({ tenant_id: tenantId, user_id: colleagueId }).orderBy('role').pluck('role'),
    )) as string[];
    expect(roles).toEqual(['desk_officer', 'processing_officer']);

    await go('/unit-admin/usage');
    await page
      .getByTestId('usage-current')
      .getByText(/vượt định mức khoảng/)
      .waitFor();
    // The totals row sums every contract year the API lists for the unit.
    const key = await createTestTenantKey(running, tenantId, 'tenant_admin');
    const years = (await (
      await fetch(new URL('/api/v1/usage', running.url), { headers: { authorization: bearer(key) } })
    ).json()) as UsageRow[];
    expect(years).toHaveLength(2);
    const sum = usageTotals(years);
    expect(sum).toMatchObject({ used: 2150, quota: 2000, percent: 107.5 });
    const totals = page.getByTestId('usage-totals');
    const n = (v: number) => v.toLocaleString('vi-VN');
    expect((await totals.getByRole('cell').allInnerTexts()).map((c) => c.trim())).toEqual([
      'Tổng cộng (2 năm hợp đồng)',
      '2.150',
      '2.000',
      '107,5 %',
      n(sum.forecast),
      n(sum.overQuota),
    ]);
    await shot(page, 'unit-usage');

    await go('/unit-admin/invoices');
    await page.getByText('Chờ thanh toán').first().click();
    const pay = page.getByRole('button', { name: /Thanh toán .* qua VNPay/ });
    await pay.waitFor();
    await shot(page, 'unit-invoices');

    // Paying opens the gateway (the simulator) in a new tab; the console follows the invoice.
    const [gateway] = await Promise.all([context.waitForEvent('page'), pay.click()]);
    await gateway.getByRole('button', { name: 'Thanh toán', exact: true }).waitFor();
    await shot(gateway, 'unit-invoice-gateway');
    await page.getByTestId('payment-waiting').waitFor();
    await gateway.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.getByTestId('invoice-paid').waitFor({ timeout: 20_000 });
    await page.getByText('Đã thanh toán', { exact: true }).first().waitFor();
    await page.waitForTimeout(400); // the status chip's colour transition (MUI, 300 ms)
    await shot(page, 'unit-invoice-paid');
    const paid = (await running.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
      tx('invoices').where({ contract_id: contract.id }).first('status', 'payment_reference'),
    )) as { status: string; payment_reference: string };
    expect(paid.status).toBe('paid');
    expect(paid.payment_reference).toMatch(/^VNPAY \d+$/);

    // The kind filter (finance's own): the unit has a lease invoice and no overage one.
    const kindAsked = (kind: string) =>
      page.waitForRequest((r) => {
        const filter = new URL(r.url()).searchParams.get('filter');
        return r.url().includes('/api/v1/invoices?') && JSON.parse(filter ?? '{}').kind === kind;
      });
    const leaseRow = page.getByRole('row').filter({ hasText: 'Phí thuê' });
    await page.getByRole('combobox', { name: 'Loại', exact: true }).click();
    await Promise.all([
      kindAsked('overage'),
      page.getByRole('option', { name: 'Cước vượt định mức' }).click(),
    ]);
    await page.getByText('Không có hóa đơn nào khớp bộ lọc').waitFor();
    expect(await leaseRow.count()).toBe(0);
    await shot(page, 'unit-invoices-kind-overage');
    await page.getByRole('combobox', { name: 'Loại', exact: true }).click();
    await Promise.all([kindAsked('lease'), page.getByRole('option', { name: 'Phí thuê' }).click()]);
    await leaseRow.first().waitFor();
    await shot(page, 'unit-invoices-kind-lease');
    await context.close();
  }, 60_000);
});
