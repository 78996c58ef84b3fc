import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import '../http/express-types';

/**
 * CSRF defence for cookie sessions: a synchronizer token kept in the server-side session, sent back
 * by the client as X-CSRF-Token on every write. Bearer-key requests carry no ambient credential.
 */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokenMatches(req: Request): boolean {
  const expected = req.session?.csrfToken;
  const given = req.get('x-csrf-token');
  return (
    typeof expected === 'string' &&
    typeof given === 'string' &&
    expected.length === given.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(given))
  );
}
