import type { Tx } from '../../db/transactor';
import { chainHash, GENESIS_HASH, type AuditEntry } from './audit-chain';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditActorRef {
  kind: string;
  id: string;
}

/** The clock is injected so tests choose instants; production passes () => new Date(). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

async function nextLink(tx: Tx, table: 'audit_log' | 'platform_audit_log', tenantId: string | null) {
  // Appends to one chain serialize on a transaction-level advisory lock (never session-level:
  // PGlite shares one session among all clients).
  await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`audit:${tenantId ?? 'platform'}`]);
  const q = tx(table).select('seq', 'hash').orderBy('seq', 'desc').first();
  if (tenantId) q.where({ tenant_id: tenantId });
  const last = (await q) as { seq: number; hash: string } | undefined;
  return { seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
}

function entryOf(seq: number, actor: AuditActorRef, e: AuditEvent, at: Date): AuditEntry {
  return {
    seq,
    occurredAt: at.toISOString(),
    actorKind: actor.kind,
    actorId: actor.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    data: e.data ?? {},
  };
}

function rowOf(entry: AuditEntry, prevHash: string, hash: string) {
  return {
    seq: entry.seq,
    occurred_at: entry.occurredAt,
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    data: JSON.stringify(entry.data),
    prev_hash: prevHash,
    hash,
  };
}

/** Appends to the unit's hash chain, in the caller's transaction. */
export async function appendTenantAudit(
  tx: Tx,
  tenantId: string,
  actor: AuditActorRef,
  event: AuditEvent,
  clock: Clock = systemClock,
): Promise<void> {
  const { seq, prevHash } = await nextLink(tx, 'audit_log', tenantId);
  const entry = entryOf(seq, actor, event, clock());
  const hash = chainHash(tenantId, prevHash, entry);
  await tx('audit_log').insert({ tenant_id: tenantId, ...rowOf(entry, prevHash, hash) });
}

/** Appends to the operator's chain: actions that concern no single unit. */
export async function appendPlatformAudit(
  tx: Tx,
  actor: AuditActorRef,
  event: AuditEvent,
  clock: Clock = systemClock,
): Promise<void> {
  const { seq, prevHash } = await nextLink(tx, 'platform_audit_log', null);
  const entry = entryOf(seq, actor, event, clock());
  const hash = chainHash('platform', prevHash, entry);
  await tx('platform_audit_log').insert(rowOf(entry, prevHash, hash));
}
