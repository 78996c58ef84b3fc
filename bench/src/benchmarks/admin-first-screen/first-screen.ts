import type { Browser, BrowserContext } from 'playwright-core';

/**
 * One role's first screen: who signs in at the development provider, and the element whose number
 * shows that the dashboard's data has arrived (its figure reads '…' until then).
 */
export interface RoleScreen {
  role: string;
  login: string;
  content: string;
}

export const PASSWORD = 'demo123';

/** Signs `login` in through the provider's pages; the session (cookie, storage) for new contexts. */
export async function signIn(browser: Browser, baseUrl: string, login: string) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' }).click({ timeout: 30_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="password"]').press('Enter');
  await page.waitForURL((u) => u.pathname.startsWith('/admin'), { timeout: 30_000 });
  await page.locator('[role="menuitem"]').first().waitFor({ timeout: 30_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

export interface Load {
  /** Navigation start → the dashboard's figure shows a number and a menu item is in the page. */
  readyMs: number;
  /** JavaScript on the wire (compressed), and how many requests the page made by then. */
  scriptKB: number;
  /** Bytes that came over the network (0 for what the HTTP cache served). */
  transferKB: number;
  requests: number;
}

/**
 * Marks the moment the first screen is there: a MutationObserver installed before any script,
 * checking after each DOM change (so within the task that rendered it, not at a polling tick).
 * A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
 */
const readyMark = (content: string) => `(() => {
  window.__ready = 0;
  const observer = new MutationObserver(() => {
    if (window.__ready) return;
    const figure = document.querySelector(${JSON.stringify(content)})?.textContent?.trim() ?? '';
    if (/^\\d/.test(figure) && document.querySelector('[role="menuitem"]')) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** A fresh context (empty HTTP cache) holding the signed-in session, marking its first screens. */
export async function coldContext(
  browser: Browser,
  state: Awaited<ReturnType<typeof signIn>>,
  screen: RoleScreen,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    storageState: state,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 900 },
  });
  await context.addInitScript({ content: readyMark(screen.content) });
  return context;
}

/** Loads the console in `context` (its one page) and waits for the first screen to be interactive. */
export async function loadFirstScreen(context: BrowserContext, url: string): Promise<Load> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url, { waitUntil: 'commit' });
  await page
    .waitForFunction(() => (window as unknown as { __ready: number }).__ready > 0, null, {
      timeout: 60_000,
      polling: 50,
    })
    .catch(async (e: Error) => {
      const text = await page.locator('body').innerText();
      throw new Error(`no first screen at ${page.url()}: ${e.message}\n${text.slice(0, 600)}`);
    });
  // Interactive, not only painted: Playwright's actionability checks (visible, stable, enabled,
  // receives events) on the first menu item, without clicking it.
  await page.locator('[role="menuitem"]').first().click({ trial: true, timeout: 10_000 });
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const ready = (window as unknown as { __ready: number }).__ready;
    const before = entries.filter((e) => e.startTime <= ready);
    const scripts = before.filter((e) => e.name.endsWith('.js'));
    return {
      readyMs: ready,
      scriptKB: scripts.reduce((n, e) => n + e.encodedBodySize, 0) / 1024,
      transferKB: before.reduce((n, e) => n + e.transferSize, 0) / 1024,
      requests: before.length + 1,
    };
  });
}
