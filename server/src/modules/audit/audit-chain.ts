import { createHash } from 'node:crypto';

/** What an audit entry says; the chain hashes exactly these fields, in this order. */
export interface AuditEntry {
  seq: number;
  occurredAt: string; // ISO-8601 UTC
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same entry always hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(scope: string, prevHash: string, e: AuditEntry): string {
  const body = canonicalJson([
    scope,
    e.seq,
    e.occurredAt,
    e.actorKind,
    e.actorId,
    e.action,
    e.entityType,
    e.entityId,
    e.data,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
