import type { Running } from '../../src/boot';
import { submitDossier } from '../../src/modules/dossiers/submit';
import { ensureDevAuthority } from '../../src/modules/signing/authority';
import { signingKeysFrom } from '../../src/modules/signing/key-vault';
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
 * The leader issues the result over HTTP: a generated PDF, signed with the unit's certificate (the
 * development root is made once per database; the unit's certificate on its first signing).
 */
export async function issueResult(running: Running, u: TestUnit, id: string): Promise<void> {
  await running.transactor.withSystem((tx) => ensureDevAuthority(tx, signingKeysFrom(running.env)));
  const r = await api(running, leader(u)).post(`/dossiers/${id}/result`, {
    content: ['Cấp Giấy khai sinh cho TRẦN THỊ BÌNH.'],
  });
  if (r.status !== 200) throw new Error(`result: ${r.status} ${r.text}`);
}

/** Drives a submitted dossier through reception, both default steps, the result and the return. */
export async function driveToReturned(running: Running, u: TestUnit, id: string): Promise<void> {
  await driveToApproved(running, u, id);
  await issueResult(running, u, id);
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
