// The console's pickers and viewer: a unit's staff for assigning (its own people only), and a
// dossier's paper read back by the unit that owns the dossier (404 for any other unit).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { submitDossier } from '../../src/modules/dossiers/submit';
import { storeUpload } from '../../src/modules/dossiers/uploads';
import { objectStorageFrom } from '../../src/modules/storage/object-storage';
import { createTestStaff, startTestServer, type TestUnit } from '../support/app';
import { api, createDossierUnit, createPublishedProcedure, desk, leader, newCitizen } from './fixture';

const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-attachments-'));
let running: Running;
let unit: TestUnit;
let other: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startTestServer({ env: { DATA_DIR: dataDir } });
  unit = await createDossierUnit(running);
  other = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
});
afterAll(() => running?.close());

describe('GET /colleagues', () => {
  it('lists the unit’s staff with all their roles, and no one from another unit', async () => {
    const extra = await createTestStaff(running, {
      name: 'Chuyên viên Thử',
      memberships: [{ tenantId: unit.tenant.id, roles: ['processing_officer'] }],
    });
    const res = await api(running, leader(unit)).get('/colleagues');
    expect(res.status).toBe(200);
    const people = res.body as { id: string; name: string; roles: string[] }[];
    expect(people.map((p) => p.id).sort()).toEqual([unit.staffId, extra].sort());
    expect(people.find((p) => p.id === unit.staffId)!.roles.sort()).toEqual(
      ['desk_officer', 'leader', 'processing_officer', 'tenant_admin'].sort(),
    );
    expect(people.find((p) => p.id === extra)).toMatchObject({
      name: 'Chuyên viên Thử',
      roles: ['processing_officer'],
    });
    expect(people.some((p) => p.id === other.staffId)).toBe(false);
  });
});

describe('GET /dossiers/:id/attachments/:attachmentId', () => {
  it('gives the owning unit the paper’s bytes inline, and 404 to another unit or another slot', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const store = objectStorageFrom(running.env);
    const { sha256 } = await storeUpload(store, bytes, { mime: 'application/pdf' });
    const citizen = await newCitizen(running);
    const { dossier } = await submitDossier(
      running.transactor,
      citizen,
      {
        procedureId,
        data: { 'applicant.full_name': 'NGUYỄN VĂN AN' },
        attachments: [{ attachmentId: 'cccd', name: 'cccd scan.pdf', sha256 }],
      },
      null,
      store,
    );
    const res = await api(running, desk(unit))
      .get(`/dossiers/${dossier.id}/attachments/cccd`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toBe('inline; filename="cccd_scan.pdf"');
    expect(Buffer.compare(res.body as Buffer, Buffer.from(bytes))).toBe(0);

    expect((await api(running, desk(other)).get(`/dossiers/${dossier.id}/attachments/cccd`)).status).toBe(
      404,
    );
    expect((await api(running, desk(unit)).get(`/dossiers/${dossier.id}/attachments/nope`)).status).toBe(404);
  });
});
