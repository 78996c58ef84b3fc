import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { rateDossier } from '../../src/modules/ratings/rate';
import { startTestServer, type TestUnit } from '../support/app';
import { signIn, type SignedIn } from '../support/oidc-login';
import { api, createDossierUnit, createPublishedProcedure, newCitizen } from '../dossiers/fixture';
import { driveToApproved, driveToReturned, issueResult, submitOnline } from './flow';

/** The rating-once rule, over HTTP as the signed-in citizen (cookie + CSRF), and under a race. */
let running: Running;
let unit: TestUnit;
let procedureId: string;
let citizen: SignedIn;

beforeAll(async () => {
  running = await startTestServer({
    devServices: true,
    // Free ports for every development service, so parallel test files never collide.
    env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-ratings-')), DEV_VNPAY_PORT: '0' },
  });
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
  citizen = await signIn(running.url, 'citizen', 'congdan1', 'demo123');
});
afterAll(async () => {
  await running?.close();
});

const rate = (id: string, body: object) =>
  fetch(`${running.url}/api/v1/my/dossiers/${id}/rating`, {
    method: 'POST',
    headers: {
      cookie: citizen.cookie,
      'x-csrf-token': citizen.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

describe('satisfaction rating', () => {
  it('refuses before return (409), accepts once after, refuses the second (409); staff read it', async () => {
    const id = await submitOnline(running, citizen.me.id, procedureId);
    const early = await rate(id, { level: 'satisfied' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { dossierStatus: string }).dossierStatus).toBe('submitted');

    await driveToApproved(running, unit, id);
    await issueResult(running, unit, id);
    expect((await rate(id, { level: 'satisfied' })).status).toBe(409);
    const r = await api(running, unit.keys.desk_officer).post(`/dossiers/${id}/return`, {
      channel: 'online',
    });
    expect(r.status, r.text).toBe(200);

    const noReason = await rate(id, { level: 'unsatisfied' });
    expect(noReason.status).toBe(400);
    const first = await rate(id, {
      level: 'unsatisfied',
      reasons: ['late', 'other'],
      comment: 'Phải đi lại nhiều lần',
    });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      dossierId: id,
      level: 'unsatisfied',
      reasons: ['late', 'other'],
    });
    const second = await rate(id, { level: 'very_satisfied' });
    expect(second.status).toBe(409);

    const mine = await fetch(`${running.url}/api/v1/my/dossiers/${id}/rating`, {
      headers: { cookie: citizen.cookie },
    });
    expect(await mine.json()).toMatchObject({ level: 'unsatisfied', comment: 'Phải đi lại nhiều lần' });
    const list = await api(running, unit.keys.leader).get(
      `/ratings?filter=${encodeURIComponent(JSON.stringify({ dossierId: id }))}`,
    );
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id, level: 'unsatisfied' })]);
    expect(JSON.stringify(list.body)).not.toContain(citizen.me.id);
    const other = await createDossierUnit(running, { contract: false });
    const theirs = await api(running, other.keys.leader).get(
      `/ratings?filter=${encodeURIComponent(JSON.stringify({ dossierId: id }))}`,
    );
    expect(theirs.body).toEqual([]);
  });

  it('someone else’s dossier is 404; two racing ratings: exactly one is kept', async () => {
    const owner = await newCitizen(running);
    const id = await submitOnline(running, owner, procedureId);
    await driveToReturned(running, unit, id);
    expect((await rate(id, { level: 'satisfied' })).status).toBe(404);

    const outcomes = await Promise.allSettled(
      (['satisfied', 'very_satisfied'] as const).map((level) =>
        rateDossier(running.transactor, owner, id, { level, reasons: [] }, new Date()),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await running.transactor.withSystem((tx) =>
      tx('dossier_ratings').where({ dossier_id: id }).select('level'),
    );
    expect(rows).toHaveLength(1);
  });
});
