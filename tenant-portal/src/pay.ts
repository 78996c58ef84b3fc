import { postJson } from './api';

const KEY = 'portal.paying';

/**
 * Opens a payment of the dossier's fee and goes to the gateway. Which dossier is being paid is kept
 * for the return page, which then reads the settled state from the API (never the redirect's word).
 */
export async function payDossierFee(dossierId: string): Promise<void> {
  const r = await postJson<{ paymentId: string; redirectUrl: string }>(
    `/my/dossiers/${dossierId}/payments`,
    {},
  );
  sessionStorage.setItem(KEY, JSON.stringify({ dossierId, paymentId: r.paymentId }));
  window.location.assign(r.redirectUrl);
}

export function payingDossier(): { dossierId: string; paymentId: string } | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as {
      dossierId: string;
      paymentId: string;
    } | null;
  } catch {
    return null;
  }
}
