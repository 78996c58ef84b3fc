import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, headless, for the browser journeys of the admin
 * console and the portal. Screenshots go to test-artifacts/<suite>/ — look at them.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

export function artifactsDir(suite: string): string {
  const dir = path.resolve('test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves a full-page screenshot as test-artifacts/<suite>/<name>.png and returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const file = path.join(artifactsDir(suite), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
