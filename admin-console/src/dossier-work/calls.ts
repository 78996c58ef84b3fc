/**
 * The dossier-work calls that are not react-admin CRUD, all through core/api (CSRF, unit, problem
 * errors). A refused move answers 409 with the actions still allowed; `allowedFrom` reads them.
 */
import { HttpError } from 'react-admin';
import { API, apiFetch, chosenTenant, problemToError } from '../core/api';
import type { DossierAction, DossierDetail, PublicProcedure } from './types';

export async function act(
  id: string,
  action: DossierAction,
  body: Record<string, unknown> = {},
): Promise<DossierDetail> {
  const { json } = await apiFetch<DossierDetail>(`/dossiers/${id}/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return json;
}

/** The actions a 409 answer lists as still allowed, or null when the error is something else. */
export function allowedFrom(error: unknown): DossierAction[] | null {
  if (!(error instanceof HttpError) || error.status !== 409) return null;
  const body = error.body as { allowedActions?: DossierAction[] } | undefined;
  return Array.isArray(body?.allowedActions) ? body.allowedActions : null;
}

/** Stores a file (PDF, JPEG, PNG) and answers its SHA-256, the handle a submission or result names. */
export async function upload(file: File): Promise<{ sha256: string; name: string }> {
  const { json } = await apiFetch<{ sha256: string }>('/uploads', {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
  });
  return { sha256: json.sha256, name: file.name };
}

/** Fetches a file (slip, attachment, result) with the unit header, as a Blob. */
export async function fetchFile(path: string): Promise<Blob> {
  const headers = new Headers();
  const tenant = chosenTenant();
  if (tenant) headers.set('X-Tenant-Id', tenant);
  const res = await fetch(API + path, { headers, credentials: 'same-origin' });
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    throw problemToError(res.status, body);
  }
  return res.blob();
}

/** Shows a file in a new tab (a slip to print). */
export async function openFile(path: string): Promise<void> {
  // The tab is opened before the await so the pop-up blocker sees the click.
  const tab = window.open('', '_blank');
  try {
    const blob = await fetchFile(path);
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

const procedures = new Map<string, Promise<PublicProcedure | null>>();

/** The published procedure with its current form layout (labels for the form data), cached. */
export function publicProcedure(id: string): Promise<PublicProcedure | null> {
  let p = procedures.get(id);
  if (!p) {
    p = apiFetch<PublicProcedure>(`/public/procedures/${id}`)
      .then((r) => r.json)
      .catch(() => null);
    procedures.set(id, p);
  }
  return p;
}

/** One step, in order: the index + 1 is the dossier's `step`. */
export interface WorkflowStep {
  name: string;
  role: string;
  kind: string;
}
const workflows = new Map<string, Promise<WorkflowStep[]>>();

/** The procedure's steps (officer → leader by default), cached per procedure. */
export function workflowOf(procedureId: string): Promise<WorkflowStep[]> {
  let p = workflows.get(procedureId);
  if (!p) {
    p = apiFetch<{ steps: WorkflowStep[] }>(`/procedures/${procedureId}/workflow`)
      .then((r) => r.json.steps ?? [])
      .catch(() => []);
    workflows.set(procedureId, p);
  }
  return p;
}
