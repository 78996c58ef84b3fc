import type { ScaleUnit } from './fixture';

/** The HTTP side of scale-model, in a child process so its event loop is not the server's. */
export interface ClientSpec {
  url: string;
  units: ScaleUnit[];
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
}

async function call(url: string, key: string, path: string, body: object, lat: number[]) {
  const t = performance.now();
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  lat.push(performance.now() - t);
  if (res.status >= 300)
    throw new Error(`${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as { id?: string };
}

/**
 * The dossier workload without the result document: desk entry → receive (code, due date, metered
 * usage event, notices) → assign → approve (officer) → approve (leader). Signing the result is CPU per
 * dossier that does not depend on how many units there are; dossier-flow measures it.
 */
async function flow(url: string, u: ScaleUnit, lat: number[]): Promise<void> {
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
}

/** Each flow goes to the next unit in turn, so with many units almost every flow meets a cold unit. */
async function drive(spec: ClientSpec): Promise<ClientResult> {
  const lat: number[] = [];
  let flows = 0;
  let errors = 0;
  let firstError: string | null = null;
  let turn = Math.floor(Math.random() * spec.units.length);
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
  };
}

process.on('message', (spec: ClientSpec) => {
  drive(spec).then(
    (r) => process.send!({ result: r }),
    (err: unknown) => process.send!({ error: String(err) }),
  );
});
