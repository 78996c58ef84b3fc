import { randomBytes } from 'node:crypto';
import { boot, type Running } from '../../../../server/src/boot';
import { parseEnv } from '../../../../server/src/config/index';
import type { Variant } from './measure';
import { BYPASS_ROLE } from './fixture';

export interface RoleFacts {
  role: string;
  bypassRls: boolean;
}

/**
 * The same server code twice, in this process, each on its own port and pool: `rls` on the runtime
 * role exactly as deployed, `bypass` on the BYPASSRLS baseline role. Request logs are off in both
 * (they would cost the same in both and only add noise); no Redis, no dev services.
 */
export async function bootVariants(ownerUrl: string, bypassUrl: string): Promise<Record<Variant, Running>> {
  const base = {
    NODE_ENV: 'production',
    DATABASE_URL: ownerUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SIGNING_KEY_SECRET: randomBytes(24).toString('hex'),
  };
  const rls = await boot({ env: parseEnv(base) });
  try {
    const bypass = await boot({
      env: parseEnv({ ...base, DATABASE_APP_URL: bypassUrl }),
      unsafeBenchmarkBaselineRole: BYPASS_ROLE,
    });
    return { rls, bypass };
  } catch (err) {
    await rls.close();
    throw err;
  }
}

export async function roleFacts(r: Running): Promise<RoleFacts> {
  const out = await r.transactor.withSystem((tx) =>
    tx.raw<{ rows: { role: string; bypass: boolean }[] }>(
      'select rolname as role, rolbypassrls as bypass from pg_roles where rolname = current_user',
    ),
  );
  const row = out.rows[0]!;
  return { role: row.role, bypassRls: row.bypass };
}
