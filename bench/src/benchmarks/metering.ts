import { randomBytes } from 'node:crypto';
import { createBillingRun, getBillingRun } from '../../../billing/src/index';
import { addDays, localDate } from '../../../billing/src/pricing/dates';
import { boot, type Running } from '../../../server/src/boot';
import { parseEnv } from '../../../server/src/config/index';
import { migrate } from '../../../server/src/db/database';
import {
  DEFAULT_CHUNK,
  DEFAULT_LANES,
  executeInvoiceRun,
} from '../../../server/src/jobs/billing/invoice-run';
import { createBenchDatabase, withClient } from '../lib/database';
import { loadAverage } from '../lib/machine';
import { round } from '../lib/stats';
import type { Benchmark } from '../lib/types';
import { seedUnits, type SeededUnit } from './metering/fixture';
import { prepareReception, receiveDossiers } from './metering/reception';

const UNITS = 10_000;
const EVENTS_PER_UNIT = 100;
const CLIENTS = 8;
const GOAL_EVENTS_PER_S = 5_000;
const GOAL_RATIO = 3;
const QUOTA = 90;
/** The reception leg: 10,000 dossiers received over HTTP at 200 of the units (50 each). */
const RECEPTION_UNITS = 200;
const RECEPTIONS = 10_000;

/** One unit's events as one batch: a batch belongs to the key's unit, so 100 events per request. */
function batchOf(unit: number, start: string): string {
  const base = new Date(`${start}T01:00:00Z`).getTime();
  const events = Array.from({ length: EVENTS_PER_UNIT }, (_, i) => ({
    metric: 'dossier.received',
    quantity: 1,
    occurredAt: new Date(base + (i * 3 + (unit % 3)) * 86_400_000).toISOString(),
    idempotencyKey: `u${unit}-e${i}`,
  }));
  return JSON.stringify({ events });
}

async function ingest(running: Running, units: SeededUnit[], start: string, log: (m: string) => void) {
  let next = 0;
  let failures = 0;
  const client = async () => {
    for (let i = next++; i < units.length; i = next++) {
      const res = await fetch(`${running.url}/api/v1/usage/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${units[i]!.key}`, 'content-type': 'application/json' },
        body: batchOf(i, start),
      });
      const body = (await res.json()) as { recorded?: number };
      if (res.status !== 200 || body.recorded !== EVENTS_PER_UNIT) failures++;
      if ((i + 1) % 2_000 === 0) log(`${i + 1} batches sent`);
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { seconds: (performance.now() - t) / 1000, failures };
}

export const benchmark: Benchmark = {
  name: 'metering',
  description: `ingest ${(UNITS * EVENTS_PER_UNIT).toLocaleString('en')} usage events for ${UNITS.toLocaleString('en')} units through POST /usage/events (${CLIENTS} clients), then the year-end overage invoice run for every unit, against one bare GROUP BY tenant over the same events`,
  async run(ctx) {
    const db = await createBenchDatabase();
    ctx.log(`database ${db.name}`);
    let running: Running | null = null;
    try {
      await migrate(db.ownerUrl, parseEnv({}).DATABASE_APP_PASSWORD);
      // A contract year that ended 10 days ago: its events are in the past and the year is over.
      const end = addDays(localDate(new Date()), -10);
      const start = addDays(end, -364);
      const t0 = performance.now();
      const units = await seedUnits(
        db.ownerUrl,
        UNITS,
        { annualFee: 24_000_000, includedDossiers: QUOTA, unitPrice: 12_000 },
        start,
        end,
      );
      ctx.log(`${UNITS} units, contracts and keys in ${Math.round(performance.now() - t0)} ms`);
      running = await boot({
        env: parseEnv({
          NODE_ENV: 'production',
          DATABASE_URL: db.ownerUrl,
          PORT: '0',
          LOG_LEVEL: 'silent',
          SESSION_SECRET: randomBytes(24).toString('hex'),
          // Unit certificates (dossier issue); unused here but required in production.
          SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
        }),
      });
      const server = running;
      const loadBefore = loadAverage();
      const ing = await ingest(server, units, start, ctx.log);
      const events = UNITS * EVENTS_PER_UNIT;
      const eventsPerSecond = Math.round(events / ing.seconds);
      ctx.log(
        `ingested ${events} events in ${ing.seconds.toFixed(1)} s (${eventsPerSecond}/s), ${ing.failures} failed batches`,
      );

      const t2 = performance.now();
      const flowUnits = await prepareReception(server, db.ownerUrl, units.slice(0, RECEPTION_UNITS), end);
      ctx.log(`${RECEPTION_UNITS} units ready to receive in ${Math.round(performance.now() - t2)} ms`);
      const rec = await receiveDossiers(server, flowUnits, RECEPTIONS, CLIENTS);
      const receptionPerSecond = Math.round(RECEPTIONS / rec.receive.seconds);
      const receptionEvents = await withClient(db.ownerUrl, async (c) =>
        Number(
          (await c.query<{ n: string }>("select count(*) as n from usage_events where source = 'reception'"))
            .rows[0]!.n,
        ),
      );
      ctx.log(
        `reception: ${RECEPTIONS} dossiers received in ${rec.receive.seconds.toFixed(1)} s (${receptionPerSecond}/s), ` +
          `${receptionEvents} usage events, failures entry ${rec.entry.failures} receive ${rec.receive.failures} ${rec.entry.firstError ?? rec.receive.firstError ?? ''}`,
      );
      await withClient(db.ownerUrl, (c) => c.query('vacuum analyze usage_events, usage_counters'));

      const bare = await withClient(db.ownerUrl, async (c) => {
        await c.query('select tenant_id, sum(quantity) from usage_events group by tenant_id'); // warm
        const t = performance.now();
        const r = await c.query('select tenant_id, sum(quantity) from usage_events group by tenant_id');
        return { seconds: (performance.now() - t) / 1000, groups: r.rowCount };
      });
      ctx.log(`bare GROUP BY tenant: ${bare.seconds.toFixed(3)} s over ${bare.groups} units`);

      const run = await server.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
        createBillingRun(tx, { kind: 'overage', periodFrom: end, periodTo: end, dryRun: false }, 'bench'),
      );
      const t1 = performance.now();
      await executeInvoiceRun(server.transactor, run.id, new Date());
      const runSeconds = (performance.now() - t1) / 1000;
      const done = await server.transactor.withPlatform({ role: 'finance', actorId: null }, (tx) =>
        getBillingRun(tx, run.id),
      );
      ctx.log(`invoice run: ${done.created} invoices in ${runSeconds.toFixed(2)} s`);
      if (done.created !== UNITS)
        throw new Error(`the run created ${done.created} invoices, expected ${UNITS}`);
      const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
      const ratio = round(runSeconds / bare.seconds);
      return {
        metrics: {
          setup: {
            units: UNITS,
            events,
            eventsPerBatch: EVENTS_PER_UNIT,
            clients: CLIENTS,
            quota: QUOTA,
            loadAverage: { before: loadBefore, after: loadAverage() },
            method:
              'One process: the server (production settings, logs off) and 8 fetch clients over loopback. Each unit posts its 100 events ' +
              "as one batch with its own API key (a batch belongs to the key's unit, so 1,000-event batches would cover only 1,000 units). " +
              `The invoice run is the job handler (executeInvoiceRun, chunks of ${DEFAULT_CHUNK} contracts per transaction, each chunk one read, one write and one progress statement, ${DEFAULT_LANES} chunks in flight, committed in order) called in-process; ` +
              'the floor is one SELECT tenant_id, sum(quantity) FROM usage_events GROUP BY tenant_id as the owner, timed warm.',
            receptionLeg:
              `${RECEPTION_UNITS} of the units get a contract for the following (current) year, a published procedure and ${RECEPTIONS / RECEPTION_UNITS} ` +
              `desk-entered dossiers each (POST /dossiers, untimed); then ${RECEPTIONS} POST /dossiers/:id/receive over HTTP by ${CLIENTS} clients, ` +
              'each one transaction that writes exactly one usage event. Its events are in usage_events when the floor is timed, so the floor ' +
              'groups every event (ingested + received); the year-end run bills the ingested year only.',
            invoiceRunChunk: DEFAULT_CHUNK,
            invoiceRunLanes: DEFAULT_LANES,
          },
          ingestion: { seconds: round(ing.seconds), eventsPerSecond, failedBatches: ing.failures },
          reception: {
            dossiers: RECEPTIONS,
            seconds: round(rec.receive.seconds),
            eventsPerSecond: receptionPerSecond,
            usageEvents: receptionEvents,
            deskEntrySeconds: round(rec.entry.seconds),
            failures: rec.entry.failures + rec.receive.failures,
            firstError: rec.entry.firstError ?? rec.receive.firstError,
          },
          bareGroupBy: { seconds: round(bare.seconds), groups: bare.groups },
          invoiceRun: { seconds: round(runSeconds), created: done.created, done: done.done },
          peakRssMiB,
        },
        ratios: { invoiceRunOverBareGroupBy: ratio },
        goals: {
          eventsPerSecond: {
            target: `≥ ${GOAL_EVENTS_PER_S}`,
            actual: eventsPerSecond,
            met: eventsPerSecond >= GOAL_EVENTS_PER_S && ing.failures === 0,
          },
          invoiceRunOverBareGroupBy: { target: `≤ ${GOAL_RATIO}×`, actual: ratio, met: ratio <= GOAL_RATIO },
          receptionExactlyOnce: {
            target: `${RECEPTIONS} reception usage events`,
            actual: receptionEvents,
            met: receptionEvents === RECEPTIONS && rec.receive.failures === 0,
          },
        },
        summary: `${events.toLocaleString('en')} events ${eventsPerSecond}/s; reception ${RECEPTIONS.toLocaleString('en')} dossiers ${receptionPerSecond}/s; invoice run ${UNITS} units ${runSeconds.toFixed(2)} s vs GROUP BY ${bare.seconds.toFixed(3)} s (${ratio}×); peak RSS ${peakRssMiB} MiB`,
      };
    } finally {
      await running?.close();
      await db.drop().catch((err: unknown) => ctx.log(`could not drop ${db.name}: ${String(err)}`));
    }
  },
};
