import express from 'express';
import { AppError, type Bilingual } from '../errors';
import type { HandlerContext } from './route-table';

const readers = new Map<string | number, ReturnType<typeof express.raw>>();

/**
 * Reads a route's body as raw bytes (a file sent as the request body, whatever its Content-Type),
 * up to `limit`; too large answers 413 through the usual problem handler. With `missing`, an empty
 * body is refused with that message.
 */
export function readFileBody(
  ctx: HandlerContext,
  opts: { limit: string | number; missing?: Bilingual },
): Promise<Buffer> {
  let read = readers.get(opts.limit);
  if (!read) readers.set(opts.limit, (read = express.raw({ type: () => true, limit: opts.limit })));
  return new Promise((resolve, reject) => {
    read(ctx.req, ctx.res, (err?: unknown) => {
      if (err) return reject(err as Error);
      const body: unknown = ctx.req.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      if (bytes.length === 0 && opts.missing) return reject(new AppError('validation_failed', opts.missing));
      resolve(bytes);
    });
  });
}
