import type { Running } from '../../src/boot';
import { submitDossier } from '../../src/modules/dossiers/submit';
import { lockDossier, transition } from '../../src/modules/dossiers/transition';
import { objectStorageFrom } from '../../src/modules/storage/object-storage';
import type { TestUnit } from '../support/app';
import { api, desk, leader, officer } from '../dossiers/fixture';

/** A citizen's online submission through the real service; returns the dossier id. */
export async function submitOnline(
  running: Running,
  citizenId: string,
  procedureId: string,
): Promise<string> {
  const store = objectStorageFrom(running.env);
  const { dossier } = await submitDossier(
    running.transactor,
    citizenId,
    { procedureId, data: { 'applicant.full_name': 'TRẦN THỊ BÌNH' }, attachments: [] },
    null,
    store,
  );
  return dossier.id;
}

/**
 * The `result` action is being finished in the dossiers module; until its route lands the result
 * step goes through the same guarded mutator (transition()) as the leader, the rest over HTTP.
 */
export async function issueResultStandIn(running: Running, u: TestUnit, id: string): Promise<void> {
  await running.transactor.withTenant({ tenantId: u.tenant.id, actorId: null }, async (tx) => {
    const d = await lockDossier(tx, id);
    await transition(
      tx,
      d,
      'result',
      { kind: 'api_key', id: 'test-leader', roles: ['leader'] },
      { patch: { result_at: new Date() } },
    );
  });
}

/** Drives a submitted dossier through reception, both default steps, the result and the return. */
export async function driveToReturned(running: Running, u: TestUnit, id: string): Promise<void> {
  await driveToApproved(running, u, id);
  await issueResultStandIn(running, u, id);
  const r = await api(running, desk(u)).post(`/dossiers/${id}/return`, { channel: 'desk' });
  if (r.status !== 200) throw new Error(`return: ${r.status} ${r.text}`);
}

export async function driveToApproved(running: Running, u: TestUnit, id: string): Promise<void> {
  const steps: [ReturnType<typeof api>, string, object][] = [
    [api(running, desk(u)), 'receive', {}],
    [api(running, desk(u)), 'assign', { assigneeId: u.staffId }],
    [api(running, officer(u)), 'approve', {}],
    [api(running, leader(u)), 'approve', {}],
  ];
  for (const [client, action, body] of steps) {
    const r = await client.post(`/dossiers/${id}/${action}`, body);
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${r.text}`);
  }
}
