import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/src/boot';
import { api } from '../../server/test/dossiers/fixture';
import { launchBrowser } from '../../server/test/support/browser';
import {
  FEE,
  axeViolations,
  createPortalWorld,
  newContext,
  shot,
  startPortalServer,
  tinyPdf,
  type PortalWorld,
} from './portal';

let running: Running;
let browser: Browser;
let world: PortalWorld;
/** Serious/critical axe findings per page, checked in the last test. */
const axeFindings: Record<string, string[]> = {};
let dossierId = '';
let dossierCode = '';
let session: Awaited<ReturnType<Awaited<ReturnType<typeof newContext>>['context']['storageState']>>;

beforeAll(async () => {
  running = await startPortalServer();
  world = await createPortalWorld(running);
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const url = (p: string) => new URL(p, running.url).toString();

async function axe(page: Page, name: string) {
  axeFindings[name] = await axeViolations(page);
}

/** Fills every shown required field that is still empty, by its widget (the form is the demo's). */
async function fillRequired(page: Page) {
  const fields = page.locator('.fr-form [data-field]');
  for (let i = 0; i < (await fields.count()); i++) {
    const f = fields.nth(i);
    if ((await f.locator('.fr-required').count()) === 0) continue;
    if ((await f.locator('.fr-address').count()) > 0) {
      await f.locator('select').first().selectOption('56');
      await f.locator('input').first().fill('22333');
      await f.locator('input').last().fill('12 Trần Phú');
      continue;
    }
    const select = f.locator('select');
    if ((await select.count()) > 0) {
      if ((await select.inputValue()) === '') await select.selectOption({ index: 1 });
      continue;
    }
    const input = f.locator('input, textarea').first();
    if ((await input.inputValue()) !== '') continue;
    const type = await input.getAttribute('type');
    const mode = await input.getAttribute('inputmode');
    const max = await input.getAttribute('maxlength');
    await input.fill(
      type === 'date'
        ? '2020-03-20'
        : type === 'tel'
          ? '0912345678'
          : type === 'email'
            ? 'an@example.vn'
            : mode === 'numeric' && max === '12'
              ? '056123456789'
              : 'NGUYỄN VĂN AN',
    );
  }
}

/**
 * Amounts ("8.000 ₫") whose number and đồng sign the browser laid out on different lines. With
 * asPlainSpace, the no-break spaces are first made ordinary ones: how the formatter wrote them before.
 */
function wrappedAmounts(page: Page, asPlainSpace = false): Promise<string[]> {
  return page.evaluate((plain) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const wrapped: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (plain && n.textContent?.includes('\u00a0₫'))
        n.textContent = n.textContent.replaceAll('\u00a0₫', ' ₫');
      for (const m of (n.textContent ?? '').matchAll(/[\d.]+\s₫/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.bottom)),
        );
        if (lines.size > 1) wrapped.push(m[0]);
      }
    }
    return wrapped;
  }, asPlainSpace);
}

describe('a citizen on the portal', () => {
  it('searches without diacritics, fills the birth form with a group and a paper, submits and pays', async () => {
    const { context, page } = await newContext(browser);
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Tìm thủ tục hành chính' }).waitFor();
    await page.getByRole('link', { name: 'Hộ tịch' }).waitFor();
    // The home lists the first units by name; in the shared test database other files' units may
    // come first, so our unit is looked for in the search filter below, which lists them all.
    await page.locator('section[aria-labelledby="units-title"] li a').first().waitFor();
    await shot(page, 'home');
    await axe(page, 'home');

    await page.getByLabel('Tên thủ tục hoặc mã thủ tục').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL((u) => u.pathname === '/thu-tuc' && u.searchParams.get('q') === 'khai sinh');
    await expect.poll(() => page.locator('.card-title').count()).toBeGreaterThan(0);
    expect(await page.locator('.card-title').first().textContent()).toBe('Đăng ký khai sinh');
    // Narrow to the unit: the filter lists the province's units by name.
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: world.unitName });
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '1 thủ tục' }).count()).toBe(1);
    await shot(page, 'search');
    await axe(page, 'search');

    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    await expect.poll(() => page.getByText('8.000 ₫').count()).toBeGreaterThan(0);
    await shot(page, 'procedure');
    await axe(page, 'procedure');

    // Sign in from the procedure's button; the provider sends the citizen to the form.
    await page.getByRole('link', { name: 'Đăng nhập để nộp hồ sơ trực tuyến' }).click();
    await page.locator('input[name="login"]').fill('congdan1');
    await page.locator('input[name="password"]').fill('demo123');
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForURL((u) => u.pathname === `/thu-tuc/${world.procedureId}/nop-ho-so`, {
      timeout: 15_000,
    });
    await page.locator('.fr-form').waitFor();
    session = await context.storageState();

    // Prefilled from the identity: the 12-digit ID is there already.
    const pid = page.locator('[data-field="applicant.pid"] input');
    expect(await pid.inputValue()).toMatch(/^[0-9]{12}$/);
    // Inline validation in the server's words, as the citizen leaves the field.
    const phone = page.locator('[data-field="applicant.phone"] input');
    await phone.fill('123');
    await phone.blur();
    await expect
      .poll(() => page.locator('[data-field="applicant.phone"] .fr-error').textContent())
      .toContain('không phải số điện thoại Việt Nam hợp lệ');
    await phone.fill('');

    // Trying to go on with nothing filled lists the problems, the group's minimum among them.
    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra tờ khai' }).click();
    await page.getByText(/Tờ khai còn \d+ lỗi/).waitFor();
    await expect
      .poll(() => page.locator('[data-group="anh_chi_em"] .fr-error').textContent())
      .toContain('bắt buộc nhập');

    // The repeating group: two siblings.
    const group = page.locator('[data-group="anh_chi_em"]');
    await group.getByRole('button', { name: /Thêm mục/ }).click();
    await group.getByRole('button', { name: /Thêm mục/ }).click();
    await fillRequired(page);
    await group.locator('[data-field="family_member.full_name"] input').nth(1).fill('NGUYỄN THỊ BÌNH');
    // The father's section appears only once his name is given (a visibility condition).
    expect(await page.locator('[data-field="father.date_of_birth"]').count()).toBe(0);
    await page.locator('[data-field="father.full_name"] input').fill('NGUYỄN VĂN CHÍNH');
    await page.locator('[data-field="father.date_of_birth"]').waitFor();
    await fillRequired(page);

    // The paper: a PDF upload with its progress, and a refused type checked before sending.
    const slot = page.locator('[data-attachment="giay_chung_sinh"]');
    await slot
      .locator('input[type="file"]')
      .setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await slot.getByText('không nhận loại tệp này').waitFor();
    await slot.locator('input[type="file"]').setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf,
    });
    await slot.getByText('✓ giay-chung-sinh.pdf').waitFor();
    await page.getByText(/Bản nháp đã lưu lúc/).waitFor();
    // Problems follow the edits: with everything filled, none is left on screen.
    await expect.poll(() => page.locator('.fr-form .fr-error').count()).toBe(0);
    await shot(page, 'fill');
    await axe(page, 'fill');

    await page.getByRole('button', { name: 'Tiếp tục: kiểm tra tờ khai' }).click();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).waitFor();
    expect(await page.locator('.fr-review').getByText('NGUYỄN THỊ BÌNH').count()).toBe(1);
    await shot(page, 'review');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByText('Đã nộp hồ sơ thành công').waitFor();
    await shot(page, 'submitted');
    const href = await page.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href');
    dossierId = href!.split('/').pop()!;

    // The stored dossier has both siblings and the paper (the server validated the same data).
    const stored = await api(running, world.unit.keys.desk_officer).get(`/dossiers/${dossierId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.data.anh_chi_em).toHaveLength(2);
    expect(stored.body.attachments).toEqual([
      expect.objectContaining({
        attachmentId: 'giay_chung_sinh',
        name: 'giay-chung-sinh.pdf',
        mime: 'application/pdf',
      }),
    ]);
    expect(stored.body.fee).toMatchObject({ total: FEE, status: 'due' });

    // Pay through the simulator; the return page reports what the API says.
    await page.getByRole('button', { name: 'Thanh toán phí 8.000 ₫' }).click();
    // On the gateway's page first: before it loads, 'Thanh toán' also names the portal's own button.
    await page.waitForURL((u) => u.pathname === '/paymentv2/vpcpay.html');
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/thanh-toan/ket-qua');
    await page.getByTestId('payment-state').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('payment-state').textContent()).toContain('Đã thanh toán');
    await shot(page, 'paid');
    const paid = await api(running, world.unit.keys.desk_officer).get(`/dossiers/${dossierId}`);
    expect(paid.body.fee).toMatchObject({ status: 'paid' });
    const receipt = await page.request.get(
      url((await page.getByRole('link', { name: 'Tải biên lai (PDF)' }).getAttribute('href')) as string),
    );
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    await context.close();
  }, 90_000); // ~20 s on a quiet machine, 35 s at load 13 on 2 shared cores

  it('after the unit acts through the API, downloads the signed result, verifies it and rates once', async () => {
    const steps: [keyof typeof world.unit.keys, string, object][] = [
      ['desk_officer', 'receive', {}],
      ['desk_officer', 'assign', { assigneeId: world.unit.staffId }],
      ['processing_officer', 'approve', {}],
      ['leader', 'approve', {}],
      [
        'leader',
        'result',
        { content: ['GIẤY KHAI SINH', 'Họ và tên: NGUYỄN VĂN AN'], name: 'giay-khai-sinh.pdf' },
      ],
      ['desk_officer', 'return', { channel: 'online' }],
    ];
    for (const [role, action, body] of steps) {
      const r = await api(running, world.unit.keys[role]).post(`/dossiers/${dossierId}/${action}`, body);
      expect(r.status, `${action}: ${r.text}`).toBe(200);
      dossierCode = r.body.code ?? dossierCode;
    }

    const { context, page } = await newContext(browser);
    await context.addCookies(session.cookies);
    await page.goto(url('/ho-so-cua-toi'));
    await page.locator('.card-title a').first().waitFor();
    await shot(page, 'my-dossiers');
    await page.goto(url(`/ho-so-cua-toi/${dossierId}`));
    await page.getByText('Đã trả kết quả').first().waitFor();
    expect(await page.getByTestId('fee-status').textContent()).toContain('Đã thanh toán');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải kết quả đã ký số' }).click(),
    ]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const resultCode = (await page.locator('.panel .code').first().textContent())!.trim();
    await axe(page, 'my-dossier');

    await page.getByRole('radio', { name: 'Rất hài lòng' }).check();
    await page.getByLabel('Ý kiến (không bắt buộc)').fill('Nhanh, đúng hẹn.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Bạn đã đánh giá: Rất hài lòng').waitFor();
    await shot(page, 'rated');
    // Once only: on the next visit the rating is shown, not the form.
    await page.reload();
    await page.getByText('Bạn đã đánh giá: Rất hài lòng').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);

    // Anyone verifies the downloaded file with its number.
    await page.goto(url('/xac-minh'));
    await page.getByLabel('Số kết quả').fill(resultCode);
    await page
      .getByLabel('Tệp kết quả')
      .setInputFiles({ name: 'kq.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.getByRole('button', { name: 'Xác minh' }).click();
    await page.getByTestId('verdict').getByText('Kết quả hợp lệ').waitFor();
    await shot(page, 'verified');
    await axe(page, 'verify');

    // Public tracking at the path the slip's QR code encodes.
    await page.goto(url(`/tra-cuu/${encodeURIComponent(dossierCode)}`));
    await page.getByRole('heading', { name: new RegExp(dossierCode.replace(/[.-]/g, '\\$&')) }).waitFor();
    await shot(page, 'tracking');
    await axe(page, 'tracking');
    await context.close();
  });

  it('works at phone size (360×740): home, search and form pages, no sideways scrolling', async () => {
    const { context, page } = await newContext(browser, { width: 360, height: 740 });
    await context.addCookies(session.cookies);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    // The home's most used procedures count receptions (the dossier received above among them);
    // each opens the search by its national code.
    // The rollup lags the reception by the monitoring refresh's delay (REFRESH_DELAY_MS): wait until the
    // public route counts it, then load the home, which reads it once.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const counted = (await (await fetch(url('/api/v1/public/popular-procedures'))).json()) as unknown[];
      if (counted.length > 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.goto(url('/'));
    const popular = page.locator('.popular a').filter({ hasText: 'hồ sơ trong 90 ngày' }).first();
    await popular.waitFor();
    expect(await fits()).toBe(true);
    await shot(page, 'phone-home');
    const bySearch = await popular.getAttribute('href');
    expect(bySearch).toMatch(/^\/thu-tuc\?q=/);
    await popular.click();
    await page.waitForURL(url(bySearch!));
    await page.locator('.card-title').first().waitFor();
    await page.goto(url('/thu-tuc?q=khai%20sinh'));
    await page.locator('.card-title').first().waitFor();
    expect(await fits()).toBe(true);
    await shot(page, 'phone-search');
    // The procedure page as the server sends it, then hydrated: the online form button still works.
    await page.goto(url(`/thu-tuc/${world.procedureId}`));
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    expect(await fits()).toBe(true);
    expect(await wrappedAmounts(page)).toEqual([]);
    await shot(page, 'phone-procedure');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/thu-tuc/${world.procedureId}/nop-ho-so`);
    await page.locator('.fr-form').waitFor();
    await page
      .locator('[data-group="anh_chi_em"]')
      .getByRole('button', { name: /Thêm mục/ })
      .click();
    expect(await fits()).toBe(true);
    await shot(page, 'phone-form');
    await context.close();
  });

  it('at 360 px the đồng sign stays with its amount; with a plain space it would not', async () => {
    const { context, page } = await newContext(browser, { width: 360, height: 740 });
    await context.addCookies(session.cookies);
    await page.goto(url(`/thu-tuc/${world.procedureId}`));
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    // Where it bites: a fee line whose text up to the amount's number just fits on one line (the
    // line is made that wide; a longer fee name or unit name does the same on a real phone).
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n.textContent ?? '').search(/\s₫/);
        const line = n.parentElement;
        if (at < 0 || !line) continue;
        line.style.width = 'max-content';
        const upToNumber = document.createRange();
        upToNumber.setStart(line, 0);
        upToNumber.setEnd(n, at);
        line.style.width = `${Math.ceil(upToNumber.getBoundingClientRect().width) + 1}px`;
        return;
      }
    });
    const now = await wrappedAmounts(page);
    await shot(page, 'phone-procedure-money');
    const before = await wrappedAmounts(page, true);
    await shot(page, 'phone-procedure-money-plain-space');
    console.log(`wrapped amounts at 360 px: no-break space ${now.length}, plain space ${before.length}`);
    expect(now).toEqual([]);
    await context.close();
  });

  it('a reader who chose English gets the procedure page in English from the server, hydrated', async () => {
    const { context, page } = await newContext(browser, { width: 360, height: 740 });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Chosen on the home with the language switch: the cookie the server reads.
    await page.goto(url('/'));
    await page.locator('header .lang-switch').click();
    await page.getByRole('heading', { name: 'Find an administrative procedure' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'portal_lang')?.value).toBe('en');
    const res = await page.goto(url(`/thu-tuc/${world.procedureId}`));
    const first = await res!.text();
    expect(first).toContain('<html lang="en">');
    expect(first).toContain('Processing time');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    await page.getByText('Processing time').waitFor();
    // Hydrated, not drawn afresh: the server's markup is kept (React would log a mismatch).
    expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot(page, 'phone-procedure-en');
    const home = await page.goto(url('/'));
    expect(await home!.text()).toContain('Find an administrative procedure');
    await page.locator('section[aria-labelledby="units-title"] li a').first().waitFor();
    await shot(page, 'phone-home-en');
    // A reader who is not signed in gets 401 from the session check: the only errors expected.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });

  it('axe-core finds no serious or critical violations on the main pages', () => {
    expect(Object.keys(axeFindings)).toEqual(
      expect.arrayContaining(['home', 'search', 'procedure', 'fill', 'my-dossier', 'verify', 'tracking']),
    );
    expect(axeFindings).toEqual(Object.fromEntries(Object.keys(axeFindings).map((k) => [k, []])));
  });
});
