import autocannon from 'autocannon';
import type { ChildMessage, LoadResult, LoadSpec, ParentMessage } from './load';

async function drive(spec: LoadSpec): Promise<LoadResult> {
  let turn = 0;
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        body: spec.body,
        setupRequest: (req) => {
          const key = spec.bearerKeys[turn++ % spec.bearerKeys.length]!;
          return { ...req, headers: { ...headers, authorization: `Bearer ${key}` } };
        },
      },
    ],
  });
  const requests = r['2xx'] + r.non2xx;
  return {
    requests,
    seconds: r.duration,
    reqPerSec: requests / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.mean,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

process.on('message', (m: ParentMessage) => {
  drive(m.spec).then(
    (result) => process.send!({ id: m.id, result } satisfies ChildMessage),
    (err: unknown) =>
      process.send!({
        id: m.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies ChildMessage),
  );
});
process.on('disconnect', () => process.exit(0));
