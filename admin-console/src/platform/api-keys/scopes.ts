/**
 * The two kinds of API key the operator manages: a unit's keys (mct_, a unit role, on /api-keys)
 * and the platform's own (mcp_, operator or finance, on /platform-api-keys).
 */
export type KeyScope = 'unit' | 'platform';

export interface ApiKeyRecord {
  id: string;
  tenantId?: string;
  keyId: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const keyScopes: Record<KeyScope, { resource: string; prefix: string; roles: readonly string[] }> = {
  unit: {
    resource: 'api-keys',
    prefix: 'mct_',
    roles: ['tenant_admin', 'desk_officer', 'processing_officer', 'leader'],
  },
  platform: { resource: 'platform-api-keys', prefix: 'mcp_', roles: ['platform_admin', 'finance'] },
};

export const roleChoices = (scope: KeyScope) =>
  keyScopes[scope].roles.map((id) => ({ id, name: `platform.api_keys.roles.${id}` }));
