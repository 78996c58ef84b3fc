import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Running } from '../../src/boot';
import { LocalFolderStorage } from '../../src/modules/storage/object-storage';
import { submitDossier, submitInput } from '../../src/modules/dossiers/submit';
import { testEnv, type TestUnit } from '../support/app';
import { signIn, type SignedIn } from '../support/oidc-login';
import { api, createDossierUnit, createPublishedProcedure, desk, newCitizen } from './fixture';

/** The citizen's routes over real HTTP: signed in through the development IdP, cookie session, CSRF. */
let running: Running;
let unit: TestUnit;
let procedureId: string;
let citizen: SignedIn;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-citizen-'));
  running = await boot({
    env: testEnv({ env: { DATA_DIR: dataDir, RATE_LIMIT_SIGNIN_PER_MINUTE: '1000' } }),
    devServices: true,
    migrate: false,
    seedDemo: true,
  });
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
  citizen = await signIn(running.url, 'citizen', 'congdan1', 'demo123');
});
afterAll(async () => {
  await running?.close();
});

function asCitizen(
  p: string,
  init: { method?: string; body?: object; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    cookie: citizen.cookie,
    'x-csrf-token': citizen.csrfToken,
    ...init.headers,
  };
  if (init.body) headers['content-type'] = 'application/json';
  return fetch(new URL(`/api/v1${p}`, running.url), {
    method: init.method ?? 'GET',
    headers,
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

const submission = () => ({ procedureId, data: { 'applicant.full_name': 'NGUYỄN VĂN AN' } });

describe('citizen dossiers over HTTP', () => {
  it('submits with an Idempotency-Key twice: one dossier; reads it and lists it', async () => {
    const key = `cd1-${Date.now()}`;
    const first = await asCitizen('/my/dossiers', {
      method: 'POST',
      body: submission(),
      headers: { 'idempotency-key': key },
    });
    const firstBody = (await first.json()) as { id: string; status: string; applicantName: string };
    expect(first.status, JSON.stringify(firstBody)).toBe(201);
    expect(firstBody).toMatchObject({ status: 'submitted', applicantName: 'Nguyễn Văn An' });
    const second = await asCitizen('/my/dossiers', {
      method: 'POST',
      body: submission(),
      headers: { 'idempotency-key': key },
    });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { id: string }).id).toBe(firstBody.id);

    const mine = (await (await asCitizen('/my/dossiers')).json()) as { id: string }[];
    expect(mine.filter((d) => d.id === firstBody.id)).toHaveLength(1);
    const one = await asCitizen(`/my/dossiers/${firstBody.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { timeline: { action: string }[] }).timeline.map((e) => e.action)).toEqual([
      'submit',
    ]);
  });

  it('a cookie-authenticated write without the CSRF token is refused', async () => {
    const res = await fetch(new URL('/api/v1/my/dossiers', running.url), {
      method: 'POST',
      headers: { cookie: citizen.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(submission()),
    });
    expect(res.status).toBe(403);
  });

  it('another citizen’s dossier answers 404, to reading and to supplementing', async () => {
    const other = await newCitizen(running);
    const store = new LocalFolderStorage(mkdtempSync(path.join(tmpdir(), 'motcua-other-')));
    const { dossier } = await submitDossier(
      running.transactor,
      other,
      submitInput.parse(submission()),
      null,
      store,
    );
    const read = await asCitizen(`/my/dossiers/${dossier.id}`);
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain(dossier.applicant_name);
    await api(running, desk(unit))
      .post(`/dossiers/${dossier.id}/request-supplement`, { reason: 'Thiếu giấy tờ' })
      .expect(200);
    expect(
      (await asCitizen(`/my/dossiers/${dossier.id}/supplement`, { method: 'POST', body: {} })).status,
    ).toBe(404);
    const mine = (await (await asCitizen('/my/dossiers')).json()) as { id: string }[];
    expect(mine.map((d) => d.id)).not.toContain(dossier.id);
  });

  it('supplements their own dossier when the desk asked for it', async () => {
    const created = (await (
      await asCitizen('/my/dossiers', { method: 'POST', body: submission() })
    ).json()) as { id: string };
    await api(running, desk(unit))
      .post(`/dossiers/${created.id}/request-supplement`, { reason: 'Bổ sung bản sao CCCD' })
      .expect(200);
    const res = await asCitizen(`/my/dossiers/${created.id}/supplement`, { method: 'POST', body: {} });
    const body = (await res.json()) as { status: string; timeline: { action: string; actorKind: string }[] };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe('submitted');
    expect(body.timeline.at(-1)).toMatchObject({ action: 'supplement', actorKind: 'citizen' });
  });
});
