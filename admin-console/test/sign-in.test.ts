// Sign-in end to end in Chromium: the console's button, the provider's pages, back to the first screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/src/boot';
import { createTestStaff, startTestServer } from '../../server/test/support/app';
import { launchBrowser } from '../../server/test/support/browser';
import { shot, signInToConsole } from './support/console';

let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await startTestServer({ devServices: true });
  await createTestStaff(running, {
    sub: 'vanhanh',
    name: 'Cán bộ vận hành',
    platformRoles: ['platform_admin'],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('sign-in', () => {
  it('takes the operator through the provider to the system dashboard, in Vietnamese', async () => {
    const { page, context } = await signInToConsole(browser, running.url, 'vanhanh');
    await page.getByText('Cán bộ vận hành').first().waitFor();
    await shot(page, 'sign-in-operator');
    expect(new URL(page.url()).pathname).toBe('/admin/');
    await context.close();
  });
});
