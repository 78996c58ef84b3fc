/**
 * The admin console's browser journeys: the real server with the development identity provider,
 * Debian's Chromium, and a staff member signed in through the provider's own pages. Demo logins
 * (vanhanh, taichinh, stp.admin…) exist at the provider; a test provisions the staff row and roles
 * it needs with createTestStaff({ sub: 'vanhanh', … }), as an operator would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../../../server/test/support/browser';

export const SUITE = 'admin-console';
export const PASSWORD = 'demo123';

/** Signs `login` in from the console's sign-in button and waits for the first screen. */
export async function signInToConsole(
  browser: Browser,
  serverUrl: string,
  login: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('[browser]', m.text(), m.location().url);
  });
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  await page.goto(new URL('/admin/', serverUrl).toString());
  try {
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' }).click({ timeout: 10_000 });
  } catch (e) {
    await screenshot(page, SUITE, 'sign-in-failed');
    throw e;
  }
  await page.locator('input[name="login"]').waitFor();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="password"]').press('Enter');
  await page.waitForURL((u) => u.pathname.startsWith('/admin'), { timeout: 15_000 });
  return { context, page };
}

export const shot = (page: Page, name: string) => screenshot(page, SUITE, name);

/** Runs a journey's steps; on failure saves `<name>-failed.png` to see where it stopped. */
export async function journey(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (e) {
    await screenshot(page, SUITE, `${name}-failed`).catch(() => undefined);
    console.error(`[${name} failed at] ${page.url()}\n${(await page.content()).slice(0, 1500)}`);
    throw e;
  }
}
