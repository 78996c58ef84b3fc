import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Running } from '../../src/boot';
import type { IssuedKey } from '../../src/modules/access/api-keys';
import { citizenSignIn } from '../../src/modules/access/staff';
import { ensureCoreDictionary } from '../../src/modules/dictionary/core-fields';
import { createForm, publishForm } from '../../src/modules/forms/service';
import { ensureFieldsOfActivity } from '../../src/modules/procedures/fields-of-activity';
import { changeProcedureStatus, createProcedure } from '../../src/modules/procedures/service';
import {
  bearer,
  createTestUnit,
  startTestServer,
  testActor,
  uniqueSuffix,
  type TestUnit,
} from '../support/app';
import { createTestContract, createTestPlan } from '../metering/fixtures';

export const OFFICER_ROLES = ['tenant_admin', 'desk_officer', 'processing_officer', 'leader'] as const;

/** The server with its object store in a fresh temporary folder. */
export const startDossierServer = () =>
  startTestServer({
    env: {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-dossiers-')),
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    },
  });

/** A unit with every officer role (one key each) and, unless told, an active contract. */
export async function createDossierUnit(
  running: Running,
  opts: { contract?: boolean } = {},
): Promise<TestUnit> {
  const unit = await createTestUnit(running, [...OFFICER_ROLES]);
  if (opts.contract !== false) {
    const plan = await createTestPlan(running);
    await createTestContract(running, unit.tenant.id, plan.id);
  }
  return unit;
}

/**
 * A published procedure with a published form (full name required, one optional PDF paper that
 * the data store may supply), created through the procedures and forms services.
 */
export async function createPublishedProcedure(
  running: Running,
  tenantId: string,
  processingDays = 5,
): Promise<string> {
  await running.transactor.withSystem(async (tx) => {
    await ensureCoreDictionary(tx);
    await ensureFieldsOfActivity(tx);
  });
  return running.transactor.withTenant({ tenantId, actorId: null }, async (tx) => {
    const p = await createProcedure(
      tx,
      tenantId,
      {
        nationalCode: `2.${uniqueSuffix()}`,
        name: 'Đăng ký khai sinh',
        fieldCode: 'HO_TICH',
        level: 4,
        processingDays,
        fees: [],
        requiredPapers: [],
        resultType: 'Giấy khai sinh',
        description: '',
      },
      testActor,
    );
    const form = await createForm(
      tx,
      tenantId,
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
          attachments: [
            {
              id: 'cccd',
              name: 'Bản sao CCCD',
              required: false,
              accept: ['application/pdf'],
              maxSizeMb: 5,
              fromDataStore: true,
            },
          ],
        },
      },
      testActor,
    );
    await publishForm(tx, form.id, testActor);
    await changeProcedureStatus(tx, tenantId, p.id, 'publish', testActor);
    return p.id;
  });
}

export function newCitizen(running: Running, email?: string): Promise<string> {
  const sfx = uniqueSuffix();
  const pid = String(parseInt(sfx, 16)).padStart(12, '0').slice(-12);
  return running.transactor.withSystem((tx) =>
    citizenSignIn(tx, {
      sub: `citizen.${sfx}`,
      pid,
      name: `Công Dân ${sfx}`,
      email: email ?? `cd.${sfx}@example.test`,
    }),
  );
}

export function api(running: Running, key: IssuedKey | undefined) {
  const r = request(running.url);
  const auth = bearer(key!);
  return {
    get: (p: string) => r.get(`/api/v1${p}`).set('Authorization', auth),
    post: (p: string, body: object = {}) => r.post(`/api/v1${p}`).set('Authorization', auth).send(body),
    put: (p: string, body: object) => r.put(`/api/v1${p}`).set('Authorization', auth).send(body),
  };
}

export const desk = (u: TestUnit) => u.keys.desk_officer;
export const officer = (u: TestUnit) => u.keys.processing_officer;
export const leader = (u: TestUnit) => u.keys.leader;

/** A desk entry (channel desk) through the API; returns the dossier id. */
export async function enterAtDesk(
  running: Running,
  u: TestUnit,
  procedureId: string,
  name = 'Nguyễn Văn An',
): Promise<string> {
  const res = await api(running, desk(u)).post('/dossiers', {
    procedureId,
    channel: 'desk',
    applicant: { fullName: name, email: 'an@example.test' },
    data: { 'applicant.full_name': name.toUpperCase() },
  });
  if (res.status !== 201) throw new Error(`desk entry failed: ${res.status} ${res.text}`);
  return (res.body as { id: string }).id;
}
