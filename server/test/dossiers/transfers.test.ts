import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { runJob, type JobDeps } from '../../src/jobs/registry';
import type { TransferReturned } from '../../src/modules/dossiers/transfer-apply';
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

/** Liên thông: the helping unit sees exactly the transferred dossier, through its own row, and only while open. */
let running: Running;
let owner: TestUnit;
let helper: TestUnit;
let stranger: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startDossierServer();
  [owner, helper, stranger] = await Promise.all([
    createDossierUnit(running),
    createDossierUnit(running, { contract: false }),
    createDossierUnit(running, { contract: false }),
  ]);
  procedureId = await createPublishedProcedure(running, owner.tenant.id);
});
afterAll(async () => {
  await running?.close();
});

/** A received dossier assigned to processing (step 1, the processing officer's). */
async function inProcessing(name = 'Phạm Văn Cường'): Promise<string> {
  const id = await enterAtDesk(running, owner, procedureId, name);
  await api(running, desk(owner)).post(`/dossiers/${id}/receive`).expect(200);
  await api(running, desk(owner)).post(`/dossiers/${id}/assign`, { assigneeId: owner.staffId }).expect(200);
  return id;
}

const transfer = (id: string, toUnitId = helper.tenant.id) =>
  api(running, officer(owner)).post(`/dossiers/${id}/transfer`, { toUnitId, part: 'Xác minh nơi cư trú' });

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('transfers (liên thông)', () => {
  it('the helper sees exactly the transferred dossier, acts, sends it back and loses the snapshot', async () => {
    const id = await inProcessing();
    const other = await inProcessing('Không Chuyển');
    const res = await transfer(id);
    expect(res.status, res.text).toBe(201);
    const transferId = res.body.transferId as string;
    const d = await api(running, officer(owner)).get(`/dossiers/${id}`);
    expect(d.body).toMatchObject({ status: 'transferred', openTransferId: transferId });

    // The helper: its one transfer row, with the snapshot; the owner's dossiers stay invisible.
    const list = await api(running, desk(helper)).get('/dossier-transfers');
    expect(list.status, list.text).toBe(200);
    expect(list.body.map((t: { id: string }) => t.id)).toEqual([transferId]);
    expect(list.headers['content-range']).toBe('dossier-transfers 0-0/1');
    const one = await api(running, desk(helper)).get(`/dossier-transfers/${transferId}`);
    expect(one.body).toMatchObject({ dossierId: id, status: 'open', requestedPart: 'Xác minh nơi cư trú' });
    expect(one.body.snapshot.applicant.fullName).toBe('Phạm Văn Cường');
    for (const x of [id, other]) await api(running, desk(helper)).get(`/dossiers/${x}`).expect(404);
    expect((await api(running, desk(helper)).get('/dossiers')).body).toEqual([]);
    // A third unit sees nothing of it.
    expect((await api(running, desk(stranger)).get('/dossier-transfers')).body).toEqual([]);
    await api(running, desk(stranger)).get(`/dossier-transfers/${transferId}`).expect(404);
    await api(running, desk(stranger))
      .post(`/dossier-transfers/${transferId}/return`, { note: 'x' })
      .expect(404);

    const back = await api(running, desk(helper)).post(`/dossier-transfers/${transferId}/return`, {
      note: 'Đã xác minh: đúng địa chỉ',
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({
      status: 'returned',
      snapshot: null,
      note: 'Đã xác minh: đúng địa chỉ',
    });
    const again = await api(running, desk(helper)).post(`/dossier-transfers/${transferId}/return`, {
      note: 'lần hai',
    });
    expect(again.status).toBe(409);
    const after = await api(running, desk(helper)).get(`/dossier-transfers/${transferId}`);
    expect(after.body.snapshot).toBeNull();
    expect(JSON.stringify(after.body)).not.toMatch(/Cường/);

    // The job moves the owner's dossier back to processing, at the step it left.
    const resumed = await until(
      () => api(running, officer(owner)).get(`/dossiers/${id}`),
      (r) => r.body.status === 'in_progress',
    );
    expect(resumed.body).toMatchObject({ status: 'in_progress', step: 1, openTransferId: null });
    const last = resumed.body.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'transfer-returned',
      fromStatus: 'transferred',
      toStatus: 'in_progress',
      actorKind: 'system',
    });
    expect(last.data).toMatchObject({ transferId, note: 'Đã xác minh: đúng địa chỉ' });
  });

  it('applies a return exactly once, however often the job runs', async () => {
    const id = await inProcessing();
    const { transferId } = (await transfer(id).expect(201)).body as { transferId: string };
    const payload: TransferReturned = {
      ownerTenantId: owner.tenant.id,
      dossierId: id,
      transferId,
      helperTenantId: helper.tenant.id,
      note: 'xong',
      returnedAt: new Date().toISOString(),
    };
    // Run the handler directly, concurrently and again: the row lock and the open-transfer check decide.
    const deps = { transactor: running.transactor } as JobDeps;
    const ctx = { jobKey: `test.${transferId}`, tenantId: helper.tenant.id, attempt: 1 };
    await Promise.all([1, 2, 3].map(() => runJob('dossiers', 'transfer-returned', payload, deps, ctx)));
    await runJob('dossiers', 'transfer-returned', payload, deps, ctx);
    const d = await api(running, officer(owner)).get(`/dossiers/${id}`);
    expect(d.body.status).toBe('in_progress');
    expect(d.body.timeline.filter((e: { action: string }) => e.action === 'transfer-returned')).toHaveLength(
      1,
    );
  });

  it('refuses a transfer the table does not allow, to itself or to no unit', async () => {
    const id = await inProcessing();
    await transfer(id, owner.tenant.id).expect(400);
    await transfer(id, '00000000-0000-4000-8000-000000000000').expect(400);
    // Desk officers may not transfer (not the step's role, not a leader): 409 with what they may do.
    const byDesk = await api(running, desk(owner)).post(`/dossiers/${id}/transfer`, {
      toUnitId: helper.tenant.id,
      part: 'x',
    });
    expect(byDesk.status).toBe(409);
    expect(byDesk.body.allowedActions).not.toContain('transfer');
    // A leader may; a second transfer of a transferred dossier may not happen.
    await api(running, leader(owner))
      .post(`/dossiers/${id}/transfer`, { toUnitId: helper.tenant.id, part: 'x' })
      .expect(201);
    await transfer(id).expect(409);
    // The helper cannot transfer the owner's dossier onwards: for it the dossier does not exist.
    await api(running, leader(helper))
      .post(`/dossiers/${id}/transfer`, { toUnitId: stranger.tenant.id, part: 'x' })
      .expect(404);
  });
});
