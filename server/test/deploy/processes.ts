import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

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

/** Runs a production entry point the way the container image does: `node --import tsx <entry>`. */
export function startProcess(
  entry: 'server/src/main.ts' | 'server/src/api.ts' | 'server/src/worker.ts',
  env: Record<string, string>,
): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
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
