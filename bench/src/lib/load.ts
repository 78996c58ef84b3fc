import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One load run: every request goes to the same path, with the bearer keys taken in turn. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** API keys, used round-robin across all connections so consecutive requests hit different units. */
  bearerKeys: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export type ChildMessage = { id: number; result: LoadResult } | { id: number; error: string };
export type ParentMessage = { id: number; spec: LoadSpec };

/**
 * autocannon runs in a child process of its own, started once: in the server's process its
 * request building would share the server's event loop and slow it down, and a fresh process per
 * run would add start-up noise. On a 2-core machine the child, the server and Postgres still share
 * the cores — both variants pay that equally.
 */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { ok(r: LoadResult): void; fail(e: Error): void }>();

  constructor() {
    // fork() reuses this process's execArgv, which carries tsx's loader, so the child runs TypeScript too.
    this.child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: ChildMessage) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) p.fail(new Error(`load generator: ${m.error}`));
      else p.ok(m.result);
    });
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.fail(new Error(`load generator exited (${code})`));
      this.pending.clear();
    });
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail });
      const msg: ParentMessage = { id, spec };
      this.child.send(msg);
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
