import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import type { TestUnit } from '../support/app';
import {
  api,
  createDossierUnit,
  createPublishedProcedure,
  desk,
  enterAtDesk,
  startDossierServer,
} from './fixture';

/** The printable slips of a dossier, as PDF, from part C's renderers. */
let running: Running;
let unit: TestUnit;
let other: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startDossierServer();
  [unit, other] = await Promise.all([
    createDossierUnit(running),
    createDossierUnit(running, { contract: false }),
  ]);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
});
afterAll(async () => {
  await running?.close();
});

const slip = (u: TestUnit, id: string, name: string) =>
  api(running, desk(u))
    .get(`/dossiers/${id}/slips/${name}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('dossier slips', () => {
  it('prints the receipt the receive answer links to, and the other slips once their action happened', async () => {
    const id = await enterAtDesk(running, unit, procedureId, 'Ngô Thị Lan');
    await slip(unit, id, 'receipt.pdf').expect(404);
    await api(running, desk(unit))
      .post(`/dossiers/${id}/request-supplement`, { reason: 'Thiếu bản sao CCCD' })
      .expect(200);
    const sup = await slip(unit, id, 'supplement.pdf');
    expect(sup.status).toBe(200);
    expect(sup.headers['content-type']).toMatch(/^application\/pdf/);
    await api(running, desk(unit)).post(`/dossiers/${id}/supplement`, {}).expect(200);
    const rec = await api(running, desk(unit)).post(`/dossiers/${id}/receive`).expect(200);
    const receipt = await slip(unit, id, (rec.body.receiptSlip as string).split('/').at(-1)!);
    expect(receipt.status).toBe(200);
    expect((receipt.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await slip(unit, id, 'apology.pdf').expect(404);
    await api(running, desk(unit))
      .post(`/dossiers/${id}/apologize`, {
        reason: 'Cần xác minh thêm',
        newDueAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
      })
      .expect(200);
    expect((await slip(unit, id, 'apology.pdf')).status).toBe(200);
    await slip(unit, id, 'refusal.pdf').expect(404);
    await slip(unit, id, 'other.pdf').expect(404);
    // Another unit: as if the dossier did not exist.
    await slip(other, id, 'receipt.pdf').expect(404);
  });

  it('prints the refusal slip with its reasons', async () => {
    const id = await enterAtDesk(running, unit, procedureId);
    await api(running, desk(unit))
      .post(`/dossiers/${id}/refuse`, { reason: 'Không thuộc thẩm quyền' })
      .expect(200);
    const res = await slip(unit, id, 'refusal.pdf');
    expect(res.status).toBe(200);
    expect((res.body as Buffer).length).toBeGreaterThan(1000);
  });
});
