import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { ensureFrontEndsBuilt } from '../../../infra/src/front-end-build';
import { boot, type Running } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import { ensureCoreDictionary } from '../../../server/src/modules/dictionary/core-fields';
import { createForm, publishForm } from '../../../server/src/modules/forms/service';
import { ensureFieldsOfActivity } from '../../../server/src/modules/procedures/fields-of-activity';
import { changeProcedureStatus, createProcedure } from '../../../server/src/modules/procedures/service';
import { createTenant } from '../../../server/src/modules/tenancy/service';
import { demoForms } from '../../../server/src/seed/demo-forms';
import { createBenchDatabase } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';

const GOAL_LCP_MS = 1500;
const GOAL_JS_GZIP_KB = 200;
const CPU_SLOWDOWN = 4;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../tenant-portal/dist');
const actor = { kind: 'system', id: 'bench' } as const;

/** One unit with the demo birth-registration procedure and its published form. */
async function seedProcedure(running: Running): Promise<string> {
  const tenant = await running.transactor.withSystem(async (tx) => {
    await ensureCoreDictionary(tx);
    await ensureFieldsOfActivity(tx);
    return createTenant(
      tx,
      { code: '000.20.00.H34', name: 'UBND phường Nha Trang', kind: 'commune', parentId: null },
      actor,
    );
  });
  const birth = demoForms.find((f) => f.procedure === '1.001193')!;
  return running.transactor.withTenant({ tenantId: tenant.id, actorId: null }, async (tx) => {
    const p = await createProcedure(
      tx,
      tenant.id,
      {
        nationalCode: '1.001193',
        name: 'Đăng ký khai sinh',
        fieldCode: 'HO_TICH',
        level: 4,
        processingDays: 3,
        fees: [{ name: 'Lệ phí', amount: 8_000 }],
        requiredPapers: [{ name: 'Giấy chứng sinh', originals: 1, copies: 0, fromDataStore: false }],
        resultType: 'Giấy khai sinh',
        description: 'Người yêu cầu nộp tờ khai và giấy chứng sinh; cơ quan đăng ký cấp Giấy khai sinh.',
      },
      actor,
    );
    const form = await createForm(
      tx,
      tenant.id,
      { procedureId: p.id, name: birth.name, draft: birth.definition },
      actor,
    );
    await publishForm(tx, form.id, actor);
    await changeProcedureStatus(tx, tenant.id, p.id, 'publish', actor);
    return p.id;
  });
}

interface PageRun {
  lcpMs: number;
  scriptGzipBytes: number;
  scripts: string[];
}

/**
 * One cold load in a fresh context (no cache), the CPU slowed 4× through CDP: the largest
 * contentful paint once the page has settled, and the scripts it fetched (bytes on the wire, gzip).
 */
async function measure(browser: Browser, url: string, ready: string): Promise<PageRun> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    lcpMs: (window as unknown as { __lcp: number }).__lcp,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => ({ name: e.name, bytes: (e as PerformanceResourceTiming).encodedBodySize })),
  }));
  await context.close();
  return {
    lcpMs: r.lcpMs,
    scriptGzipBytes: r.scripts.reduce((s, x) => s + x.bytes, 0),
    scripts: r.scripts.map((s) => path.basename(new URL(s.name).pathname)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The built chunks and their gzip sizes (what the server's compression sends). */
function chunkSizes(): Record<string, number> {
  const dir = path.join(DIST, 'assets');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
      .map((f) => [f, round(gzipSync(readFileSync(path.join(dir, f)), { level: 6 }).length / 1024)] as const)
      .sort((a, b) => b[1] - a[1]),
  );
}

export const benchmark: Benchmark = {
  name: 'portal-lcp',
  description: `citizens' portal: home and procedure pages loaded cold in Chromium over loopback with the CPU slowed ${CPU_SLOWDOWN}× (CDP), largest contentful paint and the JavaScript they load (gzip); the form code must stay out of them`,
  async run(ctx) {
    const rounds = ctx.options.rounds ?? 7;
    await ensureFrontEndsBuilt((m) => ctx.log(m));
    const db = await createBenchDatabase();
    let running: Running | null = null;
    let browser: Browser | null = null;
    try {
      await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
      running = await boot({
        env: parseEnv({
          NODE_ENV: 'production',
          DATABASE_URL: db.ownerUrl,
          PORT: '0',
          LOG_LEVEL: 'silent',
          SESSION_SECRET: randomBytes(24).toString('hex'),
          SIGNING_KEY_SECRET: randomBytes(32).toString('hex'),
          RATE_LIMIT_PUBLIC_PER_MINUTE: '100000000',
        }),
      });
      const procedureId = await seedProcedure(running);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-dev-shm-usage',
        ],
      });
      const pages = {
        home: { url: `${running.url}/`, ready: 'h1' },
        procedure: {
          url: `${running.url}/thu-tuc/${procedureId}`,
          ready: 'h1:has-text("Đăng ký khai sinh")',
        },
      };
      const loadBefore = loadAverage();
      const results: Record<string, PageRun[]> = { home: [], procedure: [] };
      // One unrecorded warm-up of each (the server's first compression, the OS page cache).
      for (let r = -1; r < rounds; r++)
        for (const [name, p] of Object.entries(pages)) {
          const run = await measure(browser, p.url, p.ready);
          if (r >= 0) results[name]!.push(run);
        }
      const figures = Object.fromEntries(
        Object.entries(results).map(([name, runs]) => [
          name,
          {
            lcpMs: {
              p50: round(median(runs.map((x) => x.lcpMs))),
              max: round(Math.max(...runs.map((x) => x.lcpMs))),
            },
            scriptGzipKB: round(Math.max(...runs.map((x) => x.scriptGzipBytes)) / 1024),
            scripts: runs[0]!.scripts,
            formCodeLoaded: runs.some((x) => x.scripts.some((s) => s.startsWith('Fill-'))),
          },
        ]),
      ) as Record<
        'home' | 'procedure',
        {
          lcpMs: { p50: number; max: number };
          scriptGzipKB: number;
          scripts: string[];
          formCodeLoaded: boolean;
        }
      >;
      const goals = {
        homeLcpP50: {
          target: `< ${GOAL_LCP_MS} ms`,
          actual: figures.home.lcpMs.p50,
          met: figures.home.lcpMs.p50 < GOAL_LCP_MS,
        },
        procedureLcpP50: {
          target: `< ${GOAL_LCP_MS} ms`,
          actual: figures.procedure.lcpMs.p50,
          met: figures.procedure.lcpMs.p50 < GOAL_LCP_MS,
        },
        homeJs: {
          target: `< ${GOAL_JS_GZIP_KB} KB gzip`,
          actual: figures.home.scriptGzipKB,
          met: figures.home.scriptGzipKB < GOAL_JS_GZIP_KB,
        },
        procedureJs: {
          target: `< ${GOAL_JS_GZIP_KB} KB gzip`,
          actual: figures.procedure.scriptGzipKB,
          met: figures.procedure.scriptGzipKB < GOAL_JS_GZIP_KB,
        },
        formLazy: {
          target: 'form code not loaded by home/procedure',
          actual: !figures.home.formCodeLoaded && !figures.procedure.formCodeLoaded,
          met: !figures.home.formCodeLoaded && !figures.procedure.formCodeLoaded,
        },
      };
      return {
        metrics: {
          rounds,
          cpuSlowdown: CPU_SLOWDOWN,
          viewport: '412×915',
          ...figures,
          chunksGzipKB: chunkSizes(),
          loadBefore,
          loadAfter: loadAverage(),
        },
        ratios: {
          homeLcpVsGoal: round(figures.home.lcpMs.p50 / GOAL_LCP_MS),
          procedureLcpVsGoal: round(figures.procedure.lcpMs.p50 / GOAL_LCP_MS),
        },
        goals,
        summary: `LCP p50 home ${figures.home.lcpMs.p50} ms, procedure ${figures.procedure.lcpMs.p50} ms (4× CPU, goal < ${GOAL_LCP_MS}); JS ${figures.home.scriptGzipKB} / ${figures.procedure.scriptGzipKB} KB gzip (goal < ${GOAL_JS_GZIP_KB}); form lazy: ${goals.formLazy.met}`,
      };
    } finally {
      await browser?.close();
      await running?.close();
      await db.drop();
    }
  },
};
