// A unit admin builds a form in Chromium — dictionary fields, drag and drop, a condition, a
// repeating group — sees the live preview react to the condition, and publishes version 1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../server/src/boot';
import { ensureCoreDictionary } from '../../../server/src/modules/dictionary/core-fields';
import { createTestStaff, createTestTenant, startTestServer } from '../../../server/test/support/app';
import { launchBrowser } from '../../../server/test/support/browser';
import { insertProcedure } from '../../../server/test/forms/procedure-fixture';
import { shot, signInToConsole } from '../support/console';

let running: Running;
let browser: Browser;
let tenantId: string;

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
  await insertProcedure(running, tenantId);
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

async function choose(page: Page, combobox: string, option: RegExp | string) {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option }).click();
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
});
