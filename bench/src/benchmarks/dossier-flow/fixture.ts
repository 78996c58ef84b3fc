import { createHash, randomBytes } from 'node:crypto';
import type { Running } from '../../../../server/src/boot';
import type { Env } from '../../../../server/src/config/index';
import { ensureDevAuthority } from '../../../../server/src/modules/signing/authority';
import {
  ensureUnitCertificates,
  type UnitIdentity,
} from '../../../../server/src/modules/signing/certificates';
import { signingKeysFrom } from '../../../../server/src/modules/signing/key-vault';
import { ensureCoreDictionary } from '../../../../server/src/modules/dictionary/core-fields';
import { createForm, publishForm } from '../../../../server/src/modules/forms/service';
import { ensureFieldsOfActivity } from '../../../../server/src/modules/procedures/fields-of-activity';
import { changeProcedureStatus, createProcedure } from '../../../../server/src/modules/procedures/service';
import { withClient } from '../../lib/database';
import type { SeededUnit } from '../metering/fixture';

/** A unit ready for the flow: its three officers' keys, the officer to assign, its procedure. */
export interface FlowUnit {
  tenantId: string;
  desk: string;
  officer: string;
  leader: string;
  staffId: string;
  procedureId: string;
}

const newKey = () => {
  const keyId = randomBytes(12).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, hash: createHash('sha256').update(secret).digest('hex'), key: `mct_${keyId}.${secret}` };
};

/** Officer and leader keys and one staff member per unit, bulk-loaded as the owner. */
export async function addOfficers(ownerUrl: string, units: SeededUnit[]) {
  const officer = units.map(newKey);
  const leader = units.map(newKey);
  const ids = units.map((u) => u.tenantId);
  const staff = await withClient(ownerUrl, async (c) => {
    const s = await c.query<{ id: string; tenant_id: string }>(
      `with u as (select unnest($1::uuid[]) as tenant_id)
       insert into staff_users (oidc_subject, full_name, email)
       select 'bench.' || tenant_id, 'Cán bộ benchmark', null from u returning id, substring(oidc_subject from 7)::uuid as tenant_id`,
      [ids],
    );
    await c.query(
      `insert into memberships (tenant_id, user_id, role)
       select s.tenant_id, s.id, r from unnest($1::uuid[], $2::uuid[]) as s(tenant_id, id),
         unnest(array['desk_officer', 'processing_officer', 'leader']) r`,
      [s.rows.map((r) => r.tenant_id), s.rows.map((r) => r.id)],
    );
    for (const [role, keys] of [
      ['processing_officer', officer],
      ['leader', leader],
    ] as const)
      await c.query(
        `insert into tenant_api_keys (tenant_id, key_id, secret_hash, role, name)
         select unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), $4, 'bench'`,
        [ids, keys.map((k) => k.keyId), keys.map((k) => k.hash), role],
      );
    return new Map(s.rows.map((r) => [r.tenant_id, r.id]));
  });
  return units.map((u, i) => ({
    ...u,
    officer: officer[i]!.key,
    leader: leader[i]!.key,
    staffId: staff.get(u.tenantId)!,
  }));
}

/** A published procedure with a one-field form per unit, through the same services as the API. */
export async function publishProcedures(
  running: Running,
  units: Awaited<ReturnType<typeof addOfficers>>,
): Promise<FlowUnit[]> {
  await running.transactor.withSystem(async (tx) => {
    await ensureCoreDictionary(tx);
    await ensureFieldsOfActivity(tx);
  });
  const actor = { kind: 'system', id: 'bench' };
  const out: FlowUnit[] = [];
  for (const [i, u] of units.entries()) {
    const procedureId = await running.transactor.withTenant(
      { tenantId: u.tenantId, actorId: null },
      async (tx) => {
        const p = await createProcedure(
          tx,
          u.tenantId,
          {
            nationalCode: `9.${String(i).padStart(6, '0')}`,
            name: 'Đăng ký khai sinh',
            fieldCode: 'HO_TICH',
            level: 4,
            processingDays: 5,
            fees: [],
            requiredPapers: [],
            resultType: 'Giấy khai sinh',
            description: '',
          },
          actor,
        );
        const form = await createForm(
          tx,
          u.tenantId,
          {
            procedureId: p.id,
            name: 'Tờ khai',
            draft: {
              sections: [
                {
                  id: 'chung',
                  title: 'Chung',
                  items: [{ kind: 'field', key: 'applicant.full_name', required: true }],
                },
              ],
              attachments: [],
            },
          },
          actor,
        );
        await publishForm(tx, form.id, actor);
        await changeProcedureStatus(tx, u.tenantId, p.id, 'publish', actor);
        return p.id;
      },
    );
    out.push({
      tenantId: u.tenantId,
      desk: u.key,
      officer: u.officer,
      leader: u.leader,
      staffId: u.staffId,
      procedureId,
    });
  }
  return out;
}

/**
 * The development root and one certificate per unit before the run, so the measured result step
 * signs (RSA-2048, every result) but does not generate a unit's key pair on its first use.
 */
export async function issueCertificates(running: Running, env: Env, units: FlowUnit[]): Promise<void> {
  const keys = signingKeysFrom(env);
  await running.transactor.withSystem((tx) => ensureDevAuthority(tx, keys));
  const ids = await running.transactor.withSystem(
    async (tx) =>
      (await tx('tenants')
        .whereIn(
          'id',
          units.map((u) => u.tenantId),
        )
        .select('id as tenantId', 'name as unitName', 'code as unitCode')) as UnitIdentity[],
  );
  // Four at a time: key generation runs on libuv's pool.
  const chunks = [0, 1, 2, 3].map((k) => ids.filter((_, i) => i % 4 === k));
  await Promise.all(
    chunks.map((c) => running.transactor.withSystem((tx) => ensureUnitCertificates(tx, keys, c))),
  );
}
