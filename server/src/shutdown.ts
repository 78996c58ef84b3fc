import type { Logger } from 'pino';

export interface DrainOptions {
  logger: Logger;
  /** Turns /readyz unready; the process keeps serving while load balancers notice. */
  stopAccepting?: () => void;
  /**
   * Seconds between stopAccepting and close after SIGTERM (what orchestrators send). SIGINT is Ctrl-C
   * at a terminal, where no load balancer is waiting for /readyz: it drains without the pause.
   */
  drainSeconds: number;
  /** Stops taking work and waits for what is in flight (requests, jobs), then releases connections. */
  close: () => Promise<void>;
  /** Exit 1 when close has not finished by then. */
  timeoutSeconds: number;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT for every process (`npm start`, the API, the worker): unready first, then stop
 * accepting and finish what is in flight, then exit 0. A second signal does not cut the drain short;
 * the timeout does (exit 1), and the orchestrator's kill after its grace period is the last resort.
 */
export function drainOnSignals(o: DrainOptions): void {
  let draining = false;
  const drain = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    o.logger.info({ signal, drainSeconds: o.drainSeconds }, 'draining');
    const timeout = setTimeout(() => {
      o.logger.error({ timeoutSeconds: o.timeoutSeconds }, 'shutdown timed out; exiting with work in flight');
      process.exit(1);
    }, o.timeoutSeconds * 1000);
    timeout.unref();
    try {
      o.stopAccepting?.();
      const pause = signal === 'SIGTERM' ? o.drainSeconds : 0;
      if (pause > 0) await new Promise((ok) => setTimeout(ok, pause * 1000));
      await o.close();
      o.logger.info({ ms: Date.now() - started }, 'drained; exiting');
      process.exit(0);
    } catch (err) {
      o.logger.error({ err }, 'error while draining');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (s) => void drain(s));
  process.on('SIGINT', (s) => void drain(s));
}
