import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { counterTotals } from '../../../metering/src/index';
import type { Running } from '../../src/boot';
import { receivedDossierTotals } from '../../src/modules/dossiers/reconcile';
import type { TestUnit } from '../support/app';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  leader,
  officer,
  startDossierServer,
} from './fixture';

/** The one-stop path over HTTP: desk entry → receive → assign → approve ×2 → result → return. */
let running: Running;
let unit: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startDossierServer();
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
});
afterAll(async () => {
  await running?.close();
});

const usageCount = (tenantId: string) =>
  running.transactor.withSystem(async (tx) => {
    const r = (await tx('usage_events')
      .where({ tenant_id: tenantId, source: 'reception' })
      .count({ n: '*' })
      .first()) as { n: string };
    return Number(r.n);
  });

describe('dossier lifecycle', () => {
  it('goes from desk entry to return, with a code, a due date, one usage event and a timeline', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    const before = await usageCount(unit.tenant.id);
    const rec = await api(running, desk(unit)).post(`/dossiers/${id}/receive`);
    expect(rec.status, rec.text).toBe(200);
    expect(rec.body.code).toMatch(new RegExp(`^${unit.tenant.code.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
    expect(rec.body.dueAt).toBeTruthy();
    expect(rec.body.receiptSlip).toBe(`/api/v1/dossiers/${id}/slips/receipt.pdf`);
    expect(await usageCount(unit.tenant.id)).toBe(before + 1);

    const me = unit.staffId;
    expect((await api(running, desk(unit)).post(`/dossiers/${id}/assign`, { assigneeId: me })).status).toBe(
      200,
    );
    // Step 1 belongs to the processing officer: the leader may not approve it yet.
    const early = await api(running, leader(unit)).post(`/dossiers/${id}/approve`, {});
    expect(early.status).toBe(409);
    expect(early.body.allowedActions).not.toContain('approve');
    const step1 = await api(running, officer(unit)).post(`/dossiers/${id}/approve`, {});
    expect(step1.status, step1.text).toBe(200);
    expect(step1.body).toMatchObject({ status: 'in_progress', step: 2 });
    const back = await api(running, leader(unit)).post(`/dossiers/${id}/send-back`, {
      reason: 'Thiếu xác minh',
    });
    expect(back.body).toMatchObject({ status: 'in_progress', step: 1 });
    await api(running, officer(unit)).post(`/dossiers/${id}/approve`, {}).expect(200);
    const approved = await api(running, leader(unit)).post(`/dossiers/${id}/approve`, {});
    expect(approved.body.status).toBe('approved');
    // Return before the result is illegal, and says what is allowed.
    const tooSoon = await api(running, desk(unit)).post(`/dossiers/${id}/return`, { channel: 'desk' });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.allowedActions).toEqual(['apologize']);
  });

  it('receive twice: 409 with the allowed actions', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    await api(running, desk(unit)).post(`/dossiers/${id}/receive`).expect(200);
    const again = await api(running, desk(unit)).post(`/dossiers/${id}/receive`);
    expect(again.status, again.text).toBe(409);
    expect(again.body.allowedActions).toEqual(['assign', 'apologize']);
  });

  it('two parallel receptions of one dossier: one succeeds, one 409, usage up by exactly one', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    const before = await usageCount(unit.tenant.id);
    const res = await Promise.all([1, 2].map(() => api(running, desk(unit)).post(`/dossiers/${id}/receive`)));
    expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await usageCount(unit.tenant.id)).toBe(before + 1);
  });

  it('a unit without an active contract cannot receive, and is told why', async () => {
    const bare = await createDossierUnit(running, { contract: false });
    const proc = await createPublishedProcedure(running, bare.tenant.id);
    const id = await enterAtDesk(running, bare, proc);
    const res = await api(running, desk(bare)).post(`/dossiers/${id}/receive`);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('no_active_contract');
    const d = await api(running, desk(bare)).get(`/dossiers/${id}`);
    expect(d.body.status).toBe('submitted');
  });

  it('refuse and request-supplement need a reason; the history records each action', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    expect((await api(running, desk(unit)).post(`/dossiers/${id}/refuse`, {})).status).toBe(400);
    await api(running, desk(unit))
      .post(`/dossiers/${id}/request-supplement`, { reason: 'Thiếu bản sao' })
      .expect(200);
    await api(running, desk(unit)).post(`/dossiers/${id}/supplement`, {}).expect(200);
    const refused = await api(running, desk(unit)).post(`/dossiers/${id}/refuse`, {
      reason: 'Không thuộc thẩm quyền',
    });
    expect(refused.body.status).toBe('refused');
    expect(refused.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'request-supplement',
      'supplement',
      'refuse',
    ]);
    expect(refused.body.timeline[3]).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'refused',
      reason: 'Không thuộc thẩm quyền',
    });
  });

  it('public tracking shows status and timeline without personal data, and cannot list', async () => {
    const id = await enterAtDesk(running, unit, procedureId, 'Trần Thị Bình');
    const rec = await api(running, desk(unit)).post(`/dossiers/${id}/receive`).expect(200);
    const t = await request(running.url).get(`/api/v1/public/tracking/${rec.body.code}`);
    expect(t.status, t.text).toBe(200);
    expect(t.body).toMatchObject({ code: rec.body.code, status: 'received' });
    expect(t.text).not.toMatch(/Bình|BÌNH|an@example|applicant/i);
    await request(running.url).get('/api/v1/public/tracking/%25').expect(404);
    await request(running.url).get(`/api/v1/public/tracking/${unit.tenant.code}-000000-0000`).expect(404);
  });

  it('reconciliation: metered usage equals the dossiers received', async () => {
    const year = Number(
      (
        (await running.transactor.withSystem((tx) =>
          tx('contracts').where({ tenant_id: unit.tenant.id }).first('start_date'),
        )) as { start_date: Date }
      ).start_date.getFullYear(),
    );
    const [metered, expected] = await running.transactor.withSystem(async (tx) => [
      await counterTotals(tx, year),
      await receivedDossierTotals(tx, year),
    ]);
    expect(expected.get(unit.tenant.id)).toBeGreaterThanOrEqual(3);
    expect(metered.get(unit.tenant.id)).toBe(expected.get(unit.tenant.id));
  });

  it('lists the unit’s dossiers with q ignoring diacritics', async () => {
    await enterAtDesk(running, unit, procedureId, 'Lê Văn Đức');
    const res = await api(running, desk(unit)).get(
      `/dossiers?filter=${encodeURIComponent(JSON.stringify({ q: 'le van duc' }))}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.headers['content-range']).toMatch(/^dossiers /);
  });
});
