import http from 'node:http';
import type { FlowUnit } from './fixture';

/** The HTTP side of the benchmark, in a child process so its event loop is not the server's. */
export interface ClientSpec {
  url: string;
  units: FlowUnit[];
  concurrency: number;
  seconds: number;
}
export interface ClientResult {
  flows: number;
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  /** Per-request latencies in ms, sorted. */
  latencies: number[];
  /** Median latency per step (ms), to show which step costs what. */
  stepP50Ms: Record<string, number>;
}

/** The step a path is (the dossier id taken out), with its latencies. */
const byStep = new Map<string, number[]>();

/**
 * Keep-alive connections, one per concurrent flow: node:http costs the client process several times
 * less CPU per request than fetch, and the client shares the machine's cores with the server.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: URL, key: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function call(
  url: string,
  key: string,
  path: string,
  body: object,
  lat: number[],
): Promise<{ id?: string }> {
  const t = performance.now();
  const res = await post(new URL(`${url}/api/v1${path}`), key, JSON.stringify(body));
  const ms = performance.now() - t;
  lat.push(ms);
  const step = path.replace(/\/[0-9a-f-]{36}/, '');
  let samples = byStep.get(step);
  if (!samples) byStep.set(step, (samples = []));
  samples.push(ms);
  if (res.status >= 300)
    throw new Error(`${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status} ${res.text.slice(0, 200)}`);
  return JSON.parse(res.text) as { id?: string };
}

/**
 * submit (desk entry) → receive → assign → approve (officer) → approve (leader) → result (the
 * leader issues a generated PDF, signed with the unit's RSA-2048 certificate) → return (desk).
 */
async function flow(url: string, u: FlowUnit, lat: number[]): Promise<void> {
  const d = await call(
    url,
    u.desk,
    '/dossiers',
    {
      procedureId: u.procedureId,
      channel: 'desk',
      applicant: { fullName: 'Nguyễn Văn An' },
      data: { 'applicant.full_name': 'NGUYỄN VĂN AN' },
    },
    lat,
  );
  const id = d.id!;
  await call(url, u.desk, `/dossiers/${id}/receive`, {}, lat);
  await call(url, u.desk, `/dossiers/${id}/assign`, { assigneeId: u.staffId }, lat);
  await call(url, u.officer, `/dossiers/${id}/approve`, {}, lat);
  await call(url, u.leader, `/dossiers/${id}/approve`, {}, lat);
  await call(
    url,
    u.leader,
    `/dossiers/${id}/result`,
    { content: ['Cấp Giấy khai sinh cho NGUYỄN VĂN AN.'] },
    lat,
  );
  await call(url, u.desk, `/dossiers/${id}/return`, { channel: 'desk' }, lat);
}

export async function drive(spec: ClientSpec): Promise<ClientResult> {
  const lat: number[] = [];
  byStep.clear();
  let flows = 0;
  let errors = 0;
  let firstError: string | null = null;
  let turn = 0;
  const t0 = performance.now();
  const until = t0 + spec.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const u = spec.units[turn++ % spec.units.length]!;
      try {
        await flow(spec.url, u, lat);
        flows++;
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  return {
    flows,
    requests: lat.length,
    errors,
    firstError,
    seconds: (performance.now() - t0) / 1000,
    latencies: lat.sort((a, b) => a - b),
    stepP50Ms: Object.fromEntries(
      [...byStep].map(([step, l]) => [step, Math.round(l.sort((a, b) => a - b)[l.length >> 1]! * 10) / 10]),
    ),
  };
}

process.on('message', (spec: ClientSpec) => {
  drive(spec).then(
    (r) => process.send!({ result: r }),
    (err: unknown) => process.send!({ error: String(err) }),
  );
});
