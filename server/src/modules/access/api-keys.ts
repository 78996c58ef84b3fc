import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import type { Knex } from 'knex';
import type { PlatformRole, TenantRole, Tx } from '../../db/transactor';
import { notFound } from '../../errors';
import { fetchPage, type ListParams } from '../../http/list-params';
import type { Actor } from '../../auth/actor';
import { appendPlatformAudit, appendTenantAudit, type AuditActorRef } from '../audit/audit-log';

/**
 * Key format: `mct_<keyId>.<secret>` for a unit's key, `mcp_<keyId>.<secret>` for a platform key.
 * keyId (12 random bytes, base64url) finds the row; the secret (32 random bytes) is kept only as
 * SHA-256 — a slow hash buys nothing for 256 random bits. The prefix lets secret scanners spot keys.
 */
const KEY_PATTERN = /^mc([tp])_([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

const apiKeyNotFound = () => notFound({ vi: 'Không tìm thấy khóa API', en: 'API key not found' });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function newKey(scope: 't' | 'p') {
  const keyId = randomBytes(12).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secretHash: sha256(secret), plaintext: `mc${scope}_${keyId}.${secret}` };
}

export interface IssuedKey {
  id: string;
  key: string;
}

export async function createTenantApiKey(
  tx: Tx,
  input: { tenantId: string; role: TenantRole; name: string },
  actor: AuditActorRef,
): Promise<IssuedKey> {
  const k = newKey('t');
  const [row] = (await tx('tenant_api_keys')
    .insert({
      tenant_id: input.tenantId,
      key_id: k.keyId,
      secret_hash: k.secretHash,
      role: input.role,
      name: input.name,
      created_by: actor.kind === 'staff' ? actor.id : null,
    })
    .returning('id')) as { id: string }[];
  await appendTenantAudit(tx, input.tenantId, actor, {
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: row!.id,
    data: { role: input.role, name: input.name, keyId: k.keyId },
  });
  return { id: row!.id, key: k.plaintext };
}

export async function createPlatformApiKey(
  tx: Tx,
  input: { role: PlatformRole; name: string },
  actor: AuditActorRef,
): Promise<IssuedKey> {
  const k = newKey('p');
  const [row] = (await tx('platform_api_keys')
    .insert({
      key_id: k.keyId,
      secret_hash: k.secretHash,
      role: input.role,
      name: input.name,
      created_by: actor.kind === 'staff' ? actor.id : null,
    })
    .returning('id')) as { id: string }[];
  await appendPlatformAudit(tx, actor, {
    action: 'api_key.created',
    entityType: 'platform_api_key',
    entityId: row!.id,
    data: { role: input.role, name: input.name, keyId: k.keyId },
  });
  return { id: row!.id, key: k.plaintext };
}

interface KeyRow {
  id: string;
  tenant_id?: string;
  secret_hash: string;
  role: string;
  name: string;
  revoked_at: Date | null;
  tenant_status?: string;
}

/** Rows of one statement whose values are inlined, escaped literals (Transactor.readAsSystem). */
export type LiteralRead = <T>(sql: string) => Promise<T[]>;

/**
 * Resolves a presented key to an actor, or null for any reason at all (malformed, unknown, wrong
 * secret, revoked, unit terminated) — the caller answers 401 without saying which. Read fresh on
 * every request, in the system context: the key's unit is not known before the key is found.
 */
export async function actorForApiKey(read: LiteralRead, presented: string): Promise<Actor | null> {
  const m = KEY_PATTERN.exec(presented);
  if (!m) return null;
  const [, scope, keyId, secret] = m as unknown as [string, 't' | 'p', string, string];
  // keyId matched KEY_PATTERN (base64url only) and is escaped besides.
  const [row] = await read<KeyRow>(
    scope === 't'
      ? `select k.id, k.tenant_id, k.secret_hash, k.role, k.name, k.revoked_at, t.status as tenant_status
         from tenant_api_keys k join tenants t on t.id = k.tenant_id
         where k.key_id = ${pg.escapeLiteral(keyId)}`
      : `select id, secret_hash, role, name, revoked_at from platform_api_keys
         where key_id = ${pg.escapeLiteral(keyId)}`,
  );
  if (!row || row.revoked_at || row.tenant_status === 'terminated') return null;
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(row.secret_hash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return scope === 't'
    ? {
        kind: 'api_key',
        id: row.id,
        displayName: row.name,
        platformRoles: [],
        memberships: [{ tenantId: row.tenant_id!, roles: [row.role as TenantRole] }],
      }
    : {
        kind: 'api_key',
        id: row.id,
        displayName: row.name,
        platformRoles: [row.role as PlatformRole],
        memberships: [],
      };
}

export interface ApiKeySummary {
  id: string;
  /** The unit of a unit's key; absent on a platform key. */
  tenantId?: string;
  keyId: string;
  role: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface SummaryRow {
  id: string;
  tenant_id?: string;
  key_id: string;
  role: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const toKeySummary = (r: SummaryRow): ApiKeySummary => ({
  id: r.id,
  ...(r.tenant_id ? { tenantId: r.tenant_id } : {}),
  keyId: r.key_id,
  role: r.role,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** Revokes one of the unit's keys; RLS makes another unit's key indistinguishable from none. */
export async function revokeTenantApiKey(
  tx: Tx,
  tenantId: string,
  id: string,
  actor: AuditActorRef,
): Promise<ApiKeySummary> {
  const [row] = (await tx('tenant_api_keys')
    .where({ tenant_id: tenantId, id })
    .update({ revoked_at: tx.raw('coalesce(revoked_at, now())') })
    .returning('*')) as SummaryRow[];
  if (!row) throw apiKeyNotFound();
  await appendTenantAudit(tx, tenantId, actor, {
    action: 'api_key.revoked',
    entityType: 'api_key',
    entityId: id,
  });
  return toKeySummary(row);
}

/** The unit a key belongs to, for the operator who names a key by its id alone (platform context). */
export async function unitOfApiKey(tx: Tx, id: string): Promise<string> {
  const row = (await tx('tenant_api_keys').where({ id }).select('tenant_id').first()) as
    { tenant_id: string } | undefined;
  if (!row) throw apiKeyNotFound();
  return row.tenant_id;
}

/** Revokes a platform key (mcp_); revoking twice keeps the first time. */
export async function revokePlatformApiKey(tx: Tx, id: string, actor: AuditActorRef): Promise<ApiKeySummary> {
  const [row] = (await tx('platform_api_keys')
    .where({ id })
    .update({ revoked_at: tx.raw('coalesce(revoked_at, now())') })
    .returning('*')) as SummaryRow[];
  if (!row) throw apiKeyNotFound();
  await appendPlatformAudit(tx, actor, {
    action: 'api_key.revoked',
    entityType: 'platform_api_key',
    entityId: id,
  });
  return toKeySummary(row);
}

const keyColumns: Record<string, string> = { createdAt: 'created_at', lastUsedAt: 'last_used_at' };
export const apiKeySortable = ['name', 'role', 'createdAt'] as const;

interface KeyFilter {
  revoked?: boolean;
  tenantId?: string;
}

function whereRevoked(q: Knex.QueryBuilder, revoked: boolean | undefined) {
  if (revoked !== undefined)
    q.where((w) => (revoked ? w.whereNotNull('revoked_at') : w.whereNull('revoked_at')));
  return q;
}

/** A page of the unit's keys (never their secrets). */
export async function listTenantApiKeys(tx: Tx, tenantId: string, params: ListParams<KeyFilter>) {
  // The unit's filter is explicit; RLS is the backstop under it.
  const q = whereRevoked(
    tx('tenant_api_keys').select('*').where({ tenant_id: tenantId }),
    params.filter.revoked,
  );
  const page = await fetchPage<SummaryRow>(q, params, (f) => keyColumns[f] ?? f);
  return { ...page, rows: page.rows.map(toKeySummary) };
}

/** The operator's view: keys of every unit, or of the one in filter.tenantId (platform context). */
export async function listEveryUnitsApiKeys(tx: Tx, params: ListParams<KeyFilter>) {
  const q = whereRevoked(tx('tenant_api_keys').select('*'), params.filter.revoked);
  if (params.filter.tenantId) q.where({ tenant_id: params.filter.tenantId });
  const page = await fetchPage<SummaryRow>(q, params, (f) => keyColumns[f] ?? f);
  return { ...page, rows: page.rows.map(toKeySummary) };
}

/** A page of the platform's own keys (operator and finance integrations). */
export async function listPlatformApiKeys(tx: Tx, params: ListParams<KeyFilter>) {
  const q = whereRevoked(tx('platform_api_keys').select('*'), params.filter.revoked);
  const page = await fetchPage<SummaryRow>(q, params, (f) => keyColumns[f] ?? f);
  return { ...page, rows: page.rows.map(toKeySummary) };
}
