/**
 * The portal's browser journeys: the real server with the development identity provider and the
 * payment simulator, a unit of their own with a published birth-registration procedure (the demo
 * form plus a repeating group, a fee and a merchant terminal), and Debian's Chromium.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Running } from '../../server/src/boot';
import { ensureCoreDictionary } from '../../server/src/modules/dictionary/core-fields';
import type { FormDefinition } from '../../server/src/modules/forms/definition';
import { createForm, publishForm } from '../../server/src/modules/forms/service';
import { createMerchantAccount } from '../../server/src/modules/payments/index';
import { ensureFieldsOfActivity } from '../../server/src/modules/procedures/fields-of-activity';
import { changeProcedureStatus, createProcedure } from '../../server/src/modules/procedures/service';
import { ensureDevAuthority } from '../../server/src/modules/signing/authority';
import { signingKeysFrom } from '../../server/src/modules/signing/key-vault';
import { demoForms } from '../../server/src/seed/demo-forms';
import {
  createTestStaff,
  createTestTenant,
  createTestTenantKey,
  startTestServer,
  testActor,
  uniqueSuffix,
  type TestUnit,
} from '../../server/test/support/app';
import { screenshot } from '../../server/test/support/browser';
import { createTestContract, createTestPlan } from '../../server/test/metering/fixtures';

export const SUITE = 'tenant-portal';
export const FEE = 8_000;

export const startPortalServer = () =>
  startTestServer({
    devServices: true,
    env: {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-portal-')),
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
      RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
    },
  });

/** The demo's birth registration form with a repeating group of witnesses added. */
export function birthFormWithGroup(): FormDefinition {
  const demo = demoForms.find((f) => f.procedure === '1.001193')!.definition;
  const sections = structuredClone(demo.sections);
  sections[1]!.items.push({
    kind: 'group',
    id: 'anh_chi_em',
    title: 'Anh, chị, em ruột của người được khai sinh',
    title_en: 'Siblings of the child',
    repeat: { min: 1, max: 5 },
    items: [
      { kind: 'field', key: 'family_member.full_name', required: true },
      { kind: 'field', key: 'family_member.date_of_birth', required: true },
    ],
  });
  return { sections, attachments: structuredClone(demo.attachments) };
}

const OFFICER_ROLES = ['tenant_admin', 'desk_officer', 'processing_officer', 'leader'] as const;

export interface PortalWorld {
  unit: TestUnit;
  unitName: string;
  procedureId: string;
}

/** A unit (name sorting early, so the unit filter lists it) with its terminal and the procedure. */
export async function createPortalWorld(running: Running): Promise<PortalWorld> {
  const vault = signingKeysFrom(running.env);
  await running.transactor.withSystem(async (tx) => {
    await ensureCoreDictionary(tx);
    await ensureFieldsOfActivity(tx);
    await ensureDevAuthority(tx, vault);
  });
  const sfx = uniqueSuffix();
  const unitName = `Bộ phận Một cửa An Khánh ${sfx}`;
  const tenant = await createTestTenant(running, { name: unitName, kind: 'commune' });
  const staffId = await createTestStaff(running, {
    memberships: [{ tenantId: tenant.id, roles: [...OFFICER_ROLES] }],
  });
  const keys: TestUnit['keys'] = {};
  for (const role of OFFICER_ROLES) keys[role] = await createTestTenantKey(running, tenant.id, role);
  const plan = await createTestPlan(running);
  await createTestContract(running, tenant.id, plan.id);
  await running.transactor.withSystem((tx) =>
    createMerchantAccount(tx, vault, {
      tenantId: tenant.id,
      tmnCode: `P${sfx.toUpperCase()}`,
      secret: `PORTALSECRET${uniqueSuffix()}${uniqueSuffix()}`,
    }),
  );
  const procedureId = await running.transactor.withTenant(
    { tenantId: tenant.id, actorId: null },
    async (tx) => {
      const p = await createProcedure(
        tx,
        tenant.id,
        {
          nationalCode: `1.${sfx}`,
          name: 'Đăng ký khai sinh',
          fieldCode: 'HO_TICH',
          level: 4,
          processingDays: 3,
          fees: [{ name: 'Lệ phí đăng ký khai sinh', amount: FEE }],
          requiredPapers: [
            { name: 'Giấy chứng sinh', originals: 1, copies: 0, fromDataStore: false },
            { name: 'Giấy chứng nhận kết hôn của cha, mẹ', originals: 0, copies: 1, fromDataStore: true },
          ],
          resultType: 'Giấy khai sinh',
          description: 'Người yêu cầu nộp tờ khai và giấy chứng sinh; cơ quan đăng ký cấp Giấy khai sinh.',
        },
        testActor,
      );
      const form = await createForm(
        tx,
        tenant.id,
        { procedureId: p.id, name: 'Tờ khai đăng ký khai sinh', draft: birthFormWithGroup() },
        testActor,
      );
      await publishForm(tx, form.id, testActor);
      await changeProcedureStatus(tx, tenant.id, p.id, 'publish', testActor);
      return p.id;
    },
  );
  return { unit: { tenant, staffId, keys }, unitName, procedureId };
}

export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('[browser]', m.text(), m.location().url);
  });
  return { context, page };
}

/** Signs the citizen in through the portal's button and the provider's page; back where they were. */
export async function signInAsCitizen(page: Page, login = 'congdan1'): Promise<void> {
  const from = new URL(page.url()).pathname;
  await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).first().click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('demo123');
  await page.locator('input[name="password"]').press('Enter');
  await page.waitForURL((u) => u.pathname === from && u.port !== '' && !u.pathname.startsWith('/auth'), {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export const shot = (page: Page, name: string) => screenshot(page, SUITE, name);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page: the serious and critical violations, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

/** A one-page PDF, enough for the upload's type check (the first bytes) and the slot's PDF-only rule. */
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
