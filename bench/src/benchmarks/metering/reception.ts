import type { Running } from '../../../../server/src/boot';
import { addDays } from '../../../../billing/src/pricing/dates';
import { withClient } from '../../lib/database';
import { addOfficers, publishProcedures, type FlowUnit } from '../dossier-flow/fixture';
import type { SeededUnit } from './fixture';

/**
 * The reception leg: units that also receive dossiers at the desk. They get a contract for the year
 * after the ingested one (today is in it, so they may receive), a published procedure, and
 * `perUnit` desk-entered dossiers; then every dossier is received over HTTP. Each reception writes
 * exactly one usage event in its own transaction (server/src/modules/dossiers/receive.ts).
 */
export async function prepareReception(
  running: Running,
  ownerUrl: string,
  units: SeededUnit[],
  lastIngestedDay: string,
): Promise<FlowUnit[]> {
  const start = addDays(lastIngestedDay, 1);
  await withClient(ownerUrl, (c) =>
    c.query(
      `insert into contracts (tenant_id, plan_version_id, start_date, end_date, created_by)
       select c.tenant_id, c.plan_version_id, $2::date, $2::date + 364, 'bench'
       from contracts c where c.tenant_id = any($1::uuid[])`,
      [units.map((u) => u.tenantId), start],
    ),
  );
  return publishProcedures(running, await addOfficers(ownerUrl, units));
}

async function post(url: string, key: string, path: string, body: object): Promise<{ id?: string }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300)
    throw new Error(`${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as { id?: string };
}

/** Runs `fn` over 0…n−1 with `clients` concurrent callers; counts and keeps the first error. */
async function pool(n: number, clients: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  let failures = 0;
  let firstError: string | null = null;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n; i = next++)
        await fn(i).catch((err: unknown) => {
          failures++;
          firstError ??= String(err);
        });
    }),
  );
  return { seconds: (performance.now() - t) / 1000, failures, firstError };
}

/** Desk entry of every dossier (untimed here), then the timed receptions. */
export async function receiveDossiers(running: Running, units: FlowUnit[], total: number, clients: number) {
  const ids: { unit: FlowUnit; id: string }[] = new Array(total);
  const entry = await pool(total, clients, async (i) => {
    const unit = units[i % units.length]!;
    const d = await post(running.url, unit.desk, '/dossiers', {
      procedureId: unit.procedureId,
      channel: 'desk',
      applicant: { fullName: 'Nguyễn Văn An' },
      data: { 'applicant.full_name': 'NGUYỄN VĂN AN' },
    });
    ids[i] = { unit, id: d.id! };
  });
  const receive = await pool(total, clients, async (i) => {
    const d = ids[i];
    if (!d) throw new Error('not entered');
    await post(running.url, d.unit.desk, `/dossiers/${d.id}/receive`, {});
  });
  return { entry, receive };
}
