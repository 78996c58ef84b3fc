import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { ensureDevAuthority } from '../../src/modules/signing/authority';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
import { verifyDetachedSignature } from '../../src/modules/signing/verify';
import { bearer, startTestServer, type TestUnit } from '../support/app';
import { signIn, type SignedIn } from '../support/oidc-login';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  leader,
  officer,
} from './fixture';

/**
 * The result over HTTP: approve → result (an uploaded PDF, signed by the unit) → public verify →
 * the citizen's data store and downloads → return with timeliness; and the refusals around it.
 */
let running: Running;
let unit: TestUnit;
let other: TestUnit;
let procedureId: string;
let citizen: SignedIn;
const pdf = Buffer.from(`%PDF-1.4\n% Giấy khai sinh ${Date.now()}\n%%EOF\n`);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  running = await startTestServer({
    devServices: true,
    env: {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-results-')),
      RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    },
  });
  await running.transactor.withSystem((tx) => ensureDevAuthority(tx, signingKeysFrom(running.env)));
  unit = await createDossierUnit(running);
  other = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
  citizen = await signIn(running.url, 'citizen', 'congdan1', 'demo123');
});
afterAll(async () => {
  await running?.close();
});

function asCitizen(p: string, init: { method?: string; body?: object } = {}) {
  return fetch(new URL(`/api/v1${p}`, running.url), {
    method: init.method ?? 'GET',
    headers: {
      cookie: citizen.cookie,
      'x-csrf-token': citizen.csrfToken,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

async function driveToApproved(id: string): Promise<void> {
  const steps: [ReturnType<typeof api>, string, object][] = [
    [api(running, desk(unit)), 'receive', {}],
    [api(running, desk(unit)), 'assign', { assigneeId: unit.staffId }],
    [api(running, officer(unit)), 'approve', {}],
    [api(running, leader(unit)), 'approve', {}],
  ];
  for (const [client, action, body] of steps) {
    const r = await client.post(`/dossiers/${id}/${action}`, body);
    expect(r.status, `${action}: ${r.text}`).toBe(200);
  }
}

const upload = (bytes: Buffer) =>
  request(running.url)
    .post('/api/v1/uploads')
    .set('Authorization', bearer(leader(unit)!))
    .set('Content-Type', 'application/pdf')
    .send(bytes);

const outboxKeys = (dossierId: string) =>
  running.transactor.withSystem(async (tx) =>
    (
      (await tx('outbox').where('job_key', 'like', `dossier-result.${dossierId}.%`).select('job_key')) as {
        job_key: string;
      }[]
    ).map((r) => r.job_key),
  );

describe('the dossier result', () => {
  it('a citizen’s dossier: signed result, verified publicly, in the data store, downloaded, returned', async () => {
    const sub = await asCitizen('/my/dossiers', {
      method: 'POST',
      body: { procedureId, data: { 'applicant.full_name': 'NGUYỄN VĂN AN' } },
    });
    const { id } = (await sub.json()) as { id: string };
    expect(sub.status).toBe(201);

    // Before approval the move is refused with what is allowed.
    const early = await api(running, leader(unit)).post(`/dossiers/${id}/result`, { sha256: sha256(pdf) });
    expect(early.status, early.text).toBe(409);
    expect(early.body.allowedActions).toEqual(expect.any(Array));
    expect(early.body.allowedActions).not.toContain('result');

    await driveToApproved(id);
    expect((await upload(pdf)).status).toBe(201);
    // Another unit does not see the dossier at all.
    const foreign = await api(running, leader(other)).post(`/dossiers/${id}/result`, { sha256: sha256(pdf) });
    expect(foreign.status).toBe(404);

    const res = await api(running, leader(unit)).post(`/dossiers/${id}/result`, {
      sha256: sha256(pdf),
      name: 'giay-khai-sinh.pdf',
      validUntil: '2040-01-01T00:00:00+07:00',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'result_issued',
      result: { name: 'giay-khai-sinh.pdf', mime: 'application/pdf', sha256: sha256(pdf), size: pdf.length },
    });
    expect(res.body.resultAt).toBeTruthy();
    const code = res.body.resultCode as string;
    expect(code).toBe(res.body.code);
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'result', toStatus: 'result_issued' });
    // The "result ready" notice was enqueued with the action (the citizen gave an e-mail).
    expect(await outboxKeys(id)).toContainEqual(expect.stringMatching(/\.email$/));

    // Anyone verifies it by code and hash; different bytes are unknown.
    const verify = (body: object) => request(running.url).post('/api/v1/public/results/verify').send(body);
    const ok = await verify({ code, sha256: sha256(pdf) });
    expect(ok.body).toMatchObject({ status: 'valid', unit: { code: unit.tenant.code } });
    const tampered = Buffer.from(pdf);
    tampered.writeUInt8(tampered.readUInt8(10) ^ 1, 10);
    expect((await verify({ code, file: tampered.toString('base64') })).body).toEqual({ status: 'unknown' });

    // Staff download the file; another unit gets 404.
    const staffFile = await api(running, desk(unit)).get(`/dossiers/${id}/result`).buffer(true);
    expect(staffFile.status).toBe(200);
    expect(sha256(staffFile.body as Buffer)).toBe(sha256(pdf));
    expect((await api(running, desk(other)).get(`/dossiers/${id}/result`)).status).toBe(404);

    // The citizen finds it in their data store and downloads the file and its signature.
    const store = (await (await asCitizen('/my/documents')).json()) as {
      kind: string;
      dossierId: string;
      sha256: string;
    }[];
    expect(store).toContainEqual(
      expect.objectContaining({ kind: 'result', dossierId: id, sha256: sha256(pdf) }),
    );
    const file = await asCitizen(`/my/dossiers/${id}/result`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));
    const p7s = await asCitizen(`/my/dossiers/${id}/result.p7s`);
    expect(p7s.status).toBe(200);
    const root = await running.transactor.withSystem(
      async (tx) => (await tx('signing_authorities').first('certificate_pem')) as { certificate_pem: string },
    );
    const check = verifyDetachedSignature(pdf, new Uint8Array(await p7s.arrayBuffer()), root.certificate_pem);
    expect(check).toMatchObject({ valid: true, signerUnitCode: unit.tenant.code });

    // Return after the result, with timeliness against the due date.
    const ret = await api(running, desk(unit)).post(`/dossiers/${id}/return`, { channel: 'online' });
    expect(ret.status, ret.text).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned' });
    expect(['early', 'on_time', 'late']).toContain(ret.body.timeliness);
  });

  it('generates a PDF result from text for a desk dossier; a second result is refused', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    await driveToApproved(id);
    const res = await api(running, officer(unit)).post(`/dossiers/${id}/result`, {
      content: ['Chấp thuận đăng ký khai sinh cho cháu Nguyễn Văn Bình.'],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.result).toMatchObject({ mime: 'application/pdf' });
    const file = await api(running, leader(unit)).get(`/dossiers/${id}/result`).buffer(true);
    expect((file.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await request(running.url)
      .post('/api/v1/public/results/verify')
      .send({ code: res.body.resultCode, sha256: sha256(file.body as Buffer) });
    expect(verified.body.status).toBe('valid');
    const again = await api(running, leader(unit)).post(`/dossiers/${id}/result`, { content: ['Lần hai'] });
    expect(again.status).toBe(409);
    expect(again.body.allowedActions).not.toContain('result');
  });

  it('refuses a hash that was never uploaded and a body with both or neither source', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    await driveToApproved(id);
    const missing = await api(running, leader(unit)).post(`/dossiers/${id}/result`, {
      sha256: 'a'.repeat(64),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('sha256');
    const both = await api(running, leader(unit)).post(`/dossiers/${id}/result`, {
      sha256: sha256(pdf),
      content: ['x'],
    });
    expect(both.status).toBe(400);
    // Nothing was issued: the dossier is still approved.
    expect((await api(running, leader(unit)).get(`/dossiers/${id}`)).body.status).toBe('approved');
  });
});
