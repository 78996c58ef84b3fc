import type { Tx } from '../../db/transactor';
import { chainHash, GENESIS_HASH } from './audit-chain';
import type { AuditRow } from './queries';

export interface ChainBreak {
  chain: string; // tenant id or 'platform'
  seq: number;
  problem: string;
}

interface Walk {
  prev: string;
  expectedSeq: number;
}

function verifyRows(chain: string, rows: AuditRow[], walk: Walk): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let { prev, expectedSeq } = walk;
  for (const r of rows) {
    if (r.seq !== expectedSeq)
      breaks.push({ chain, seq: r.seq, problem: `sequence gap: expected ${expectedSeq}` });
    if (r.prev_hash !== prev)
      breaks.push({ chain, seq: r.seq, problem: 'prev_hash does not match the previous entry' });
    const recomputed = chainHash(chain, r.prev_hash, {
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      data: r.data,
    });
    if (recomputed !== r.hash)
      breaks.push({ chain, seq: r.seq, problem: 'entry was changed after it was written' });
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  walk.prev = prev;
  walk.expectedSeq = expectedSeq;
  return breaks;
}

/**
 * Re-walks every chain (each unit's and the platform's). Reads in pages so a long history does
 * not sit in memory at once. Needs a system or platform transaction to see every unit.
 */
export async function verifyAuditChains(
  tx: Tx,
  pageSize = 5000,
): Promise<{ entries: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let entries = 0;
  const tenants = (await tx('audit_log').distinct('tenant_id')) as { tenant_id: string }[];
  const chains: { id: string; table: 'audit_log' | 'platform_audit_log'; tenantId: string | null }[] = [
    ...tenants.map((t) => ({ id: t.tenant_id, table: 'audit_log' as const, tenantId: t.tenant_id })),
    { id: 'platform', table: 'platform_audit_log', tenantId: null },
  ];
  for (const c of chains) {
    const walk: Walk = { prev: GENESIS_HASH, expectedSeq: 1 };
    let after = 0;
    for (;;) {
      const q = tx(c.table).where('seq', '>', after).orderBy('seq').limit(pageSize);
      if (c.tenantId) q.where({ tenant_id: c.tenantId });
      const page = (await q) as AuditRow[];
      entries += page.length;
      breaks.push(...verifyRows(c.id, page, walk));
      if (page.length < pageSize) break;
      after = page[page.length - 1]!.seq;
    }
  }
  return { entries, breaks };
}
