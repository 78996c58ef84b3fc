import pg from 'pg';
import type { FlowUnit } from './fixture';
import { backendCpu, cpuBetween } from '../scale-model/measure';

/**
 * The floor: the same rows written by the same steps — the dossier and its events, the day's code
 * counter, the reception's usage event and counter, the status updates, the result's row — with bare `pg`, one
 * transaction per step, no HTTP, no validation, no RLS, no jobs. Same pool size as the server (10).
 */
interface BareUnit extends FlowUnit {
  contractId: string;
  code: string;
}

async function tx(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await fn(c);
    await c.query('commit');
  } catch (err) {
    await c.query('rollback');
    throw err;
  } finally {
    c.release();
  }
}

const event = (
  c: pg.PoolClient,
  u: BareUnit,
  id: string,
  seq: number,
  action: string,
  from: string | null,
  to: string,
) =>
  c.query(
    `insert into dossier_events (tenant_id, dossier_id, seq, at, actor_kind, actor_id, action, from_status, to_status)
     values ($1, $2, $3, now(), 'api_key', 'bench', $4, $5, $6)`,
    [u.tenantId, id, seq, action, from, to],
  );

const lock = (c: pg.PoolClient, u: BareUnit, id: string) =>
  c.query('select status, version from dossiers where tenant_id = $1 and id = $2 for update', [
    u.tenantId,
    id,
  ]);

async function flow(pool: pg.Pool, u: BareUnit, lat: number[]): Promise<void> {
  const step = async (fn: (c: pg.PoolClient) => Promise<void>) => {
    const t = performance.now();
    await tx(pool, fn);
    lat.push(performance.now() - t);
  };
  let id = '';
  await step(async (c) => {
    const r = await c.query<{ id: string }>(
      `insert into dossiers (tenant_id, procedure_id, status, channel, applicant, applicant_name, data, package, submitted_at)
       values ($1, $2, 'submitted', 'desk', $3, 'Nguyễn Văn An', $4, $5, now()) returning id`,
      [
        u.tenantId,
        u.procedureId,
        { kind: 'citizen', fullName: 'Nguyễn Văn An' },
        { 'applicant.full_name': 'NGUYỄN VĂN AN' },
        {},
      ],
    );
    id = r.rows[0]!.id;
    await event(c, u, id, 1, 'submit', null, 'submitted');
  });
  await step(async (c) => {
    await lock(c, u, id);
    const s = await c.query<{ last_seq: number }>(
      `insert into dossier_code_counters (tenant_id, day, last_seq) values ($1, current_date, 1)
       on conflict (tenant_id, day) do update set last_seq = dossier_code_counters.last_seq + 1 returning last_seq`,
      [u.tenantId],
    );
    const code = `${u.code}-${s.rows[0]!.last_seq}-${id.slice(0, 8)}`;
    await c.query(
      `update dossiers set status = 'received', code = $3, received_at = now(), due_at = now() + interval '7 days',
         processing_days = 5, version = version + 1, updated_at = now() where tenant_id = $1 and id = $2`,
      [u.tenantId, id, code],
    );
    await event(c, u, id, 2, 'receive', 'submitted', 'received');
    await c.query(
      `insert into usage_events (tenant_id, contract_id, metric, quantity, occurred_at, idempotency_key, source, dossier_id)
       values ($1, $2, 'dossier.received', 1, now(), $3, 'reception', $4)`,
      [u.tenantId, u.contractId, `dossier.received.${id}`, id],
    );
    await c.query(
      `insert into usage_counters (tenant_id, contract_id, metric, quantity, event_count) values ($1, $2, 'dossier.received', 1, 1)
       on conflict (tenant_id, contract_id, metric) do update set quantity = usage_counters.quantity + 1, event_count = usage_counters.event_count + 1`,
      [u.tenantId, u.contractId],
    );
  });
  const move = (seq: number, action: string, from: string, to: string, set: string, params: unknown[] = []) =>
    step(async (c) => {
      await lock(c, u, id);
      await c.query(
        `update dossiers set status = $3, ${set} version = version + 1, updated_at = now() where tenant_id = $1 and id = $2`,
        [u.tenantId, id, to, ...params],
      );
      await event(c, u, id, seq, action, from, to);
    });
  await move(3, 'assign', 'received', 'in_progress', 'assignee_id = $4, step_seq = 1,', [u.staffId]);
  await move(4, 'approve', 'in_progress', 'in_progress', 'step_seq = 2, assignee_id = null,');
  await move(5, 'approve', 'in_progress', 'approved', '');
  // The result's row (no PDF, no signature: the floor only writes), then the return.
  await step(async (c) => {
    await lock(c, u, id);
    await c.query(
      `insert into results (tenant_id, code, dossier_id, title, holder_name, issued_at, file_sha256, file_size, mime, storage_key, source)
       values ($1, $2, $4, 'Đăng ký khai sinh', 'Nguyễn Văn An', now(), $3, 1000, 'application/pdf', $3, 'issued')`,
      [u.tenantId, `KQ-${id}`, 'f'.repeat(64), id],
    );
    await c.query(
      `update dossiers set status = 'result_issued', result_at = now(), version = version + 1, updated_at = now() where tenant_id = $1 and id = $2`,
      [u.tenantId, id],
    );
    await event(c, u, id, 6, 'result', 'approved', 'result_issued');
  });
  await move(7, 'return', 'result_issued', 'returned', 'returned_at = now(),');
}

export async function runBare(ownerUrl: string, units: FlowUnit[], concurrency: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 10 });
  try {
    const extra = await pool.query<{ tenant_id: string; contract_id: string; code: string }>(
      `select c.tenant_id, c.id as contract_id, t.code from contracts c join tenants t on t.id = c.tenant_id where c.tenant_id = any($1::uuid[])`,
      [units.map((u) => u.tenantId)],
    );
    const byTenant = new Map(extra.rows.map((r) => [r.tenant_id, r]));
    const bare: BareUnit[] = units.map((u) => ({
      ...u,
      contractId: byTenant.get(u.tenantId)!.contract_id,
      code: byTenant.get(u.tenantId)!.code,
    }));
    const lat: number[] = [];
    let flows = 0;
    let turn = 0;
    const db0 = await backendCpu(ownerUrl);
    const client0 = process.cpuUsage();
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        await flow(pool, bare[turn++ % bare.length]!, lat);
        flows++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const client = process.cpuUsage(client0);
    // The pool's backends are still open here (closed in finally): their CPU during the run.
    const dbSeconds = cpuBetween(db0, await backendCpu(ownerUrl));
    return {
      cpuMsPerFlow: {
        client: Math.round(((client.user + client.system) / 1000 / Math.max(flows, 1)) * 100) / 100,
        database: Math.round(((dbSeconds * 1000) / Math.max(flows, 1)) * 100) / 100,
      },
      flows,
      requests: lat.length,
      seconds: (performance.now() - t0) / 1000,
      latencies: lat.sort((a, b) => a - b),
    };
  } finally {
    await pool.end();
  }
}
