import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadEnv, type Env } from '../config/index';
import { migrate, openDatabase } from '../db/database';
import { PLATFORM_ROLES, TENANT_ROLES, Transactor } from '../db/transactor';
import { auditActorOf, cliActor } from '../auth/actor';
import { receivedDossierTotals } from '../modules/dossiers/reconcile';
import { AppError } from '../errors';
import { createPlatformApiKey, createTenantApiKey } from '../modules/access/api-keys';
import { verifyAuditChains } from '../modules/audit/verify';
import { findTenantByCode } from '../modules/tenancy/queries';
import { createTenantInput } from '../modules/tenancy/schema';
import { createTenant } from '../modules/tenancy/service';
import { seedDemo } from '../seed/seed-demo';
import { signingKeysFrom } from '../modules/signing/key-vault';
import { parseInput } from '../http/validate';
import { reconcileUsage } from '../../../metering/src/reconcile';

/**
 * `npm run motcua -- <command>`: operations for scripts (CONTRACT.md). Domain commands run through
 * the same services as the API, on the runtime role, as the system actor "cli".
 */
async function withTransactor<T>(env: Env, fn: (t: Transactor) => Promise<T>): Promise<T> {
  const db = await openDatabase(env);
  try {
    return await fn(new Transactor(db));
  } finally {
    await db.close();
  }
}

function oneOf<T extends string>(values: readonly T[]) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v))
      throw new InvalidArgumentError(`must be one of ${values.join(', ')}`);
    return v as T;
  };
}

export function buildCli(env: Env): Command {
  const program = new Command('motcua').description('MotCua command line').showHelpAfterError();
  const actor = auditActorOf(cliActor);

  program
    .command('migrate')
    .description('Create the runtime role and apply pending migrations (as the owner, DATABASE_URL)')
    .action(async () => {
      if (!env.DATABASE_URL) {
        // Embedded mode migrates as it opens.
        await withTransactor(env, async () => undefined);
        console.log('embedded database migrated');
        return;
      }
      const applied = await migrate(env.DATABASE_URL, env.DATABASE_APP_PASSWORD);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
    });

  program
    .command('seed')
    .argument('<what>', 'only "demo" for now', oneOf(['demo'] as const))
    .description('Seed the demo province (idempotent)')
    .action(async () => {
      const r = await withTransactor(env, (t) => seedDemo(t, signingKeysFrom(env)));
      console.log(`demo province: ${r.unitsCreated} units created, ${r.staff} staff provisioned`);
    });

  const tenant = program.command('tenant').description('Units (tenants)');
  tenant
    .command('create')
    .requiredOption('--code <code>', 'national electronic identifier code, e.g. 000.00.12.H12')
    .requiredOption('--name <name>', 'unit name')
    .requiredOption(
      '--kind <kind>',
      'department|district|commune|other',
      oneOf(['department', 'district', 'commune', 'other'] as const),
    )
    .option('--parent <code>', 'parent unit code')
    .action(async (o: { code: string; name: string; kind: string; parent?: string }) => {
      const created = await withTransactor(env, (t) =>
        t.withSystem(async (tx) => {
          let parentId: string | undefined;
          if (o.parent) {
            const parent = await findTenantByCode(tx, o.parent);
            if (!parent)
              throw new AppError('validation_failed', {
                vi: `Không có đơn vị cấp trên ${o.parent}`,
                en: `No parent unit ${o.parent}`,
              });
            parentId = parent.id;
          }
          const input = parseInput(createTenantInput, { code: o.code, name: o.name, kind: o.kind, parentId });
          return createTenant(tx, input, actor);
        }),
      );
      console.log(JSON.stringify(created, null, 2));
    });

  const apikey = program.command('apikey').description('API keys (shown once, stored hashed)');
  apikey
    .command('create')
    .option('--tenant <code>', 'unit code, for a unit key')
    .option('--platform', 'a platform key (platform_admin or finance)')
    .requiredOption(
      '--role <role>',
      `${TENANT_ROLES.join('|')} for a unit; ${PLATFORM_ROLES.join('|')} for --platform`,
    )
    .option('--name <name>', 'what the key is for', 'cli')
    .action(async (o: { tenant?: string; platform?: boolean; role: string; name: string }) => {
      if (Boolean(o.tenant) === Boolean(o.platform))
        throw new InvalidArgumentError('give exactly one of --tenant CODE or --platform');
      const issued = await withTransactor(env, (t) =>
        t.withSystem(async (tx) => {
          if (o.platform)
            return createPlatformApiKey(tx, { role: oneOf(PLATFORM_ROLES)(o.role), name: o.name }, actor);
          const unit = await findTenantByCode(tx, o.tenant!);
          if (!unit)
            throw new AppError('not_found', { vi: `Không có đơn vị ${o.tenant}`, en: `No unit ${o.tenant}` });
          return createTenantApiKey(
            tx,
            { tenantId: unit.id, role: oneOf(TENANT_ROLES)(o.role), name: o.name },
            actor,
          );
        }),
      );
      console.log(`API key ${issued.id} (shown once; store it now):`);
      console.log(issued.key);
    });

  program
    .command('audit')
    .argument('<what>', 'only "verify"', oneOf(['verify'] as const))
    .description('Re-walk every audit hash chain and report entries changed behind the application')
    .action(async () => {
      const r = await withTransactor(env, (t) => t.withSystem((tx) => verifyAuditChains(tx)));
      for (const b of r.breaks) console.log(`BROKEN chain=${b.chain} seq=${b.seq}: ${b.problem}`);
      console.log(`${r.entries} entries checked, ${r.breaks.length} problems`);
      if (r.breaks.length > 0) process.exitCode = 2;
    });

  const usage = program.command('usage').description('Metered usage');
  usage
    .command('reconcile')
    .requiredOption('--year <yyyy>', 'contract years starting in this calendar year', (v: string) => {
      if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('must be a year, e.g. 2027');
      return Number(v);
    })
    .description(
      'Compare metered usage with what is expected for every unit and print the differences (there must be none)',
    )
    .action(async (o: { year: number }) => {
      // Expected side: the dossiers received (plus ingested events), the source of truth.
      const r = await withTransactor(env, (t) =>
        t.withSystem((tx) => reconcileUsage(tx, o.year, { expected: receivedDossierTotals })),
      );
      for (const d of r.differences)
        console.log(
          `DIFF unit=${d.tenantCode ?? d.tenantId} metered=${d.metered} expected=${d.expected} difference=${d.difference}`,
        );
      console.log(`year ${r.year}: ${r.tenants} units checked, ${r.differences.length} differences`);
      if (r.differences.length > 0) process.exitCode = 2;
    });
  return program;
}

function describe(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof AppError)
    return [err.detail.vi, ...err.errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n');
  if (err instanceof InvalidArgumentError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

async function main() {
  const env = loadEnv();
  await buildCli(env).parseAsync(process.argv);
}

main().catch((err) => {
  console.error(`error: ${describe(err)}`);
  process.exit(1);
});
