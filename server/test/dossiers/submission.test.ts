import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Running } from '../../src/boot';
import { submitDossier } from '../../src/modules/dossiers/submit';
import { actOnDossier } from '../../src/modules/dossiers/actions';
import { receiveDossier } from '../../src/modules/dossiers/receive';
import { findDossier } from '../../src/modules/dossiers/queries';
import { objectStorageFrom } from '../../src/modules/storage/object-storage';
import type { TestUnit } from '../support/app';
import { createDossierUnit, createPublishedProcedure, desk, startDossierServer } from './fixture';
import { newCitizen } from './fixture';

/** Online submission (idempotency, validation, uploads) and the supplement pause of the clock. */
let running: Running;
let unit: TestUnit;
let procedureId: string;
const store = () => objectStorageFrom(running.env);
const PDF = Buffer.from('%PDF-1.4\n% test paper\n');

beforeAll(async () => {
  running = await startDossierServer();
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id, 3);
});
afterAll(async () => {
  await running?.close();
});

describe('online submission', () => {
  it('the same Idempotency-Key twice gives the same dossier and one row, also when racing', async () => {
    const citizen = await newCitizen(running);
    const input = { procedureId, data: { 'applicant.full_name': 'NGUYỄN VĂN AN' }, attachments: [] };
    const [a, b] = await Promise.all(
      [1, 2].map(() => submitDossier(running.transactor, citizen, input, 'retry-1', store())),
    );
    expect(a!.dossier.id).toBe(b!.dossier.id);
    expect([a!.created, b!.created].sort()).toEqual([false, true]);
    const again = await submitDossier(running.transactor, citizen, input, 'retry-1', store());
    expect(again).toMatchObject({ created: false, dossier: { id: a!.dossier.id } });
    const rows = await running.transactor.withSystem((tx) =>
      tx('dossiers').where({ citizen_id: citizen }).count({ n: '*' }).first(),
    );
    expect(Number((rows as { n: string }).n)).toBe(1);
  });

  it('refuses invalid form data field by field', async () => {
    const citizen = await newCitizen(running);
    const err = await submitDossier(
      running.transactor,
      citizen,
      { procedureId, data: {}, attachments: [] },
      null,
      store(),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'validation_failed' });
    expect((err as { errors: { path: string }[] }).errors[0]!.path).toContain('applicant.full_name');
  });

  it('uploads: type by content, SHA-256 checked; the paper lands in the citizen’s data store at reception', async () => {
    const up = await request(running.url)
      .post('/api/v1/uploads')
      .set('Authorization', `Bearer ${desk(unit)!.key}`)
      .set('Content-Type', 'application/pdf')
      .send(PDF);
    expect(up.status, up.text).toBe(201);
    const bad = await request(running.url)
      .post('/api/v1/uploads')
      .set('Authorization', `Bearer ${desk(unit)!.key}`)
      .set('Content-Type', 'application/pdf')
      .set('X-Content-SHA256', '0'.repeat(64))
      .send(PDF);
    expect(bad.status).toBe(400);
    const notPdf = await request(running.url)
      .post('/api/v1/uploads')
      .set('Authorization', `Bearer ${desk(unit)!.key}`)
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('hello'));
    expect(notPdf.status).toBe(400);
    const citizen = await newCitizen(running);
    const { dossier } = await submitDossier(
      running.transactor,
      citizen,
      {
        procedureId,
        data: { 'applicant.full_name': 'TRẦN BÌNH' },
        attachments: [{ attachmentId: 'cccd', name: 'cccd.pdf', sha256: up.body.sha256 }],
      },
      null,
      store(),
    );
    expect(dossier.attachments[0]).toMatchObject({
      sha256: up.body.sha256,
      mime: 'application/pdf',
      source: 'upload',
    });
    await running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, (tx) =>
      receiveDossier(
        tx,
        dossier.id,
        { kind: 'staff', id: unit.staffId, roles: ['desk_officer'] },
        new Date(),
      ),
    );
    const docs = await running.transactor.withCitizen(citizen, (tx) =>
      tx('citizen_documents').select('sha256', 'kind'),
    );
    expect(docs).toEqual([{ sha256: up.body.sha256, kind: 'paper' }]);
    // Another citizen sees none of it.
    const other = await newCitizen(running);
    expect(await running.transactor.withCitizen(other, (tx) => tx('citizen_documents').select('id'))).toEqual(
      [],
    );
    expect(await running.transactor.withCitizen(other, (tx) => findDossier(tx, dossier.id))).toBeNull();
  });
});

describe('due dates with a supplement pause', () => {
  it('the clock stops at the request and the due date moves by the working days paused', async () => {
    const citizen = await newCitizen(running);
    const { dossier } = await submitDossier(
      running.transactor,
      citizen,
      { procedureId, data: { 'applicant.full_name': 'LÊ CƯỜNG' }, attachments: [] },
      null,
      store(),
    );
    const staff = (roles: ('desk_officer' | 'processing_officer')[]) => ({
      kind: 'staff',
      id: unit.staffId,
      roles,
    });
    const asUnit = <T>(fn: Parameters<Running['transactor']['withTenant']>[1]) =>
      running.transactor.withTenant({ tenantId: unit.tenant.id, actorId: null }, fn) as Promise<T>;
    // Monday 2026-11-02 09:00 local (02:00 UTC): 3 working days → due Thursday 05/11 17:00.
    const mon = new Date('2026-11-02T02:00:00Z');
    const received = await asUnit<{ due_at: Date }>((tx) =>
      receiveDossier(tx, dossier.id, staff(['desk_officer']), mon),
    );
    expect(received.due_at.toISOString()).toBe('2026-11-05T10:00:00.000Z');
    await asUnit((tx) =>
      actOnDossier(tx, dossier.id, 'assign', { assigneeId: unit.staffId }, staff(['desk_officer']), mon),
    );
    // Paused Tuesday, supplemented Thursday (by the citizen, in their own transaction): 2 working days.
    const paused = await asUnit<{ status: string; due_at: Date | null }>((tx) =>
      actOnDossier(
        tx,
        dossier.id,
        'request-supplement',
        { reason: 'Thiếu giấy tờ' },
        staff(['processing_officer']),
        new Date('2026-11-03T02:00:00Z'),
      ),
    );
    expect(paused).toMatchObject({ status: 'awaiting_supplement', due_at: null });
    const resumed = await running.transactor.withCitizen(citizen, (tx) =>
      actOnDossier(
        tx,
        dossier.id,
        'supplement',
        {},
        { kind: 'citizen', id: citizen, roles: ['citizen'] },
        new Date('2026-11-05T02:00:00Z'),
      ),
    );
    expect(resumed.status).toBe('in_progress');
    expect(resumed.due_at!.toISOString()).toBe('2026-11-09T10:00:00.000Z');
  });
});
