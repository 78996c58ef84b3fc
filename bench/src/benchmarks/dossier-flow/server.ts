import { boot } from '../../../../server/src/boot';
import { parseEnv } from '../../../../server/src/config/index';

/**
 * The server under test in its own process, so its resident memory is the server's alone (not the
 * benchmark's, tsx's or the bare-pg run's). It counts every statement it sends (requests and jobs)
 * and, when `profile` is on, groups them by SQL shape.
 */
export type ServerMessage = { start: Record<string, string> } | { count: boolean } | { stop: true };
export interface ServerReply {
  url?: string;
  statements?: number;
  shapes?: [string, number][];
  error?: string;
}

const shape = (sql: string) =>
  sql
    .replace(/\$\d+|\?/g, '?')
    .replace(/\s+/g, ' ')
    .slice(0, 160);

let statements = 0;
let counting = false;
const shapes = new Map<string, number>();
let close: (() => Promise<void>) | null = null;

process.on('message', (m: ServerMessage) => {
  if ('start' in m) {
    boot({ env: parseEnv(m.start) }).then(
      (running) => {
        close = () => running.close();
        running.db.app.on('query', (q: { sql: string }) => {
          if (!counting) return;
          statements++;
          const s = shape(q.sql);
          shapes.set(s, (shapes.get(s) ?? 0) + 1);
        });
        process.send!({ url: running.url } satisfies ServerReply);
      },
      (err: unknown) => process.send!({ error: String(err) } satisfies ServerReply),
    );
  } else if ('count' in m) {
    const reply: ServerReply = {
      statements,
      shapes: [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 60),
    };
    counting = m.count;
    statements = 0;
    shapes.clear();
    process.send!(reply);
  } else {
    void (close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
