import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { buildServer, serverEntries, serverOutdir } from '../../../infra/src/server-build';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A free TCP port on the loopback (the child gets a fixed PORT so the test knows where it listens). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  /** Everything it printed, for the failure message. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitForOutput(text: string, timeoutMs: number): Promise<void>;
}

let built: Promise<unknown> | null = null;

/** The production build (`npm run build:server`), made once per test file before its first process. */
export function buildProduction(): Promise<unknown> {
  return (built ??= buildServer());
}

/**
 * Runs a production entry point the way `npm start` / the container image does: `node` on its
 * bundle in dist/server (call `buildProduction()` first), named here by its source.
 */
export function startProcess(
  entry: 'server/src/main.ts' | 'server/src/api.ts' | 'server/src/worker.ts',
  env: Record<string, string>,
): Child {
  const name = Object.entries(serverEntries).find(([, src]) => src === entry)![0];
  const proc = spawn(process.execPath, [path.join(serverOutdir, `${name}.mjs`)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const collect = (b: Buffer) => {
    out += b.toString();
    for (const l of listeners) l();
  };
  proc.stdout!.on('data', collect);
  proc.stderr!.on('data', collect);
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  return {
    proc,
    output: () => out,
    exited,
    waitForOutput: (text, timeoutMs) =>
      new Promise((ok, fail) => {
        const check = () => {
          if (!out.includes(text)) return;
          listeners.delete(check);
          clearTimeout(timer);
          ok();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`no "${text}" within ${timeoutMs} ms; output:\n${out.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (!out.includes(text)) {
            listeners.delete(check);
            clearTimeout(timer);
            fail(new Error(`exited before "${text}"; output:\n${out.slice(-3000)}`));
          }
        });
        check();
      }),
  };
}

export interface SlowMailServer {
  port: number;
  /** Message-ID header of each message accepted, in order. */
  messageIds: string[];
  /** Messages being received now: an e-mail job is running. */
  receiving(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server that takes `delayMs` to accept each message, so e-mail jobs are still running
 * when a worker is told to stop (a slow mail relay is an ordinary condition in production).
 */
export async function startSlowMailServer(delayMs: number): Promise<SlowMailServer> {
  const messageIds: string[] = [];
  let receiving = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      receiving++;
      let raw = '';
      stream.on('data', (b: Buffer) => (raw += b.toString()));
      stream.on('end', () => {
        setTimeout(() => {
          messageIds.push(/^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '(none)');
          receiving--;
          done();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const a = server.server.address();
  return {
    port: typeof a === 'object' && a ? a.port : 0,
    messageIds,
    receiving: () => receiving,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const repoPath = (p: string) => path.join(repoRoot, p);

/** Polls `cond` until it holds, or throws after `timeoutMs`. */
export async function waitUntil(what: string, cond: () => Promise<boolean> | boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export interface Seen {
  status: number | string;
  path: string;
}

/**
 * Desk officers entering and receiving dossiers behind a load balancer that polls /readyz every
 * 100 ms and stops routing at the first answer other than 200. `done` settles once the process
 * exited and every client saw routing stop.
 */
export function deskLoadBehindBalancer(opts: {
  url: string;
  server: Child;
  deskKey: string;
  procedureId: string;
  clients: number;
  applicant: { fullName: string; emailPrefix: string };
}) {
  const { url, deskKey } = opts;
  let routing = true;
  const readiness: (number | string)[] = [];
  const answers: Seen[] = [];
  const received: string[] = [];
  const poller = (async () => {
    while (opts.server.proc.exitCode === null) {
      const s = await fetch(`${url}/readyz`).then(
        async (r) => (await r.arrayBuffer(), r.status),
        (err: Error) => `error: ${err.message}`,
      );
      readiness.push(s);
      if (s !== 200) routing = false;
      await sleep(100);
    }
  })();
  const send = async (p: string, body: object): Promise<{ id?: string } | null> => {
    const res = await fetch(`${url}/api/v1${p}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deskKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch((err: Error) => err);
    if (res instanceof Error) {
      answers.push({ status: `error: ${res.message}`, path: p });
      return null;
    }
    const text = await res.text();
    answers.push({ status: res.status, path: p });
    return res.status < 300 ? (JSON.parse(text) as { id?: string }) : null;
  };
  const client = async (n: number) => {
    for (let i = 0; routing; i++) {
      const d = await send('/dossiers', {
        procedureId: opts.procedureId,
        channel: 'desk',
        applicant: {
          fullName: opts.applicant.fullName,
          email: `${opts.applicant.emailPrefix}.${n}.${i}@example.test`,
        },
        data: { 'applicant.full_name': opts.applicant.fullName.toUpperCase() },
      });
      if (!d?.id || !routing) continue;
      if (await send(`/dossiers/${d.id}/receive`, {})) received.push(d.id);
    }
  };
  const clients = Promise.all(Array.from({ length: opts.clients }, (_, n) => client(n)));
  return { readiness, answers, received, done: Promise.all([clients, poller]).then(() => undefined) };
}
