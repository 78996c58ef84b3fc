/**
 * The one way the console talks to the server: same-origin fetch with the session cookie, the
 * CSRF token from /api/v1/me on writes, and the chosen unit in X-Tenant-Id. Problem+JSON answers
 * become ApiError, whose fieldErrors react-admin shows beside each input.
 */
import { HttpError } from 'react-admin';

export const API = '/api/v1';

export interface Membership {
  tenantId: string;
  tenantCode?: string;
  tenantName?: string;
  roles: string[];
}
export interface Me {
  kind: 'staff' | 'citizen';
  id: string;
  name: string;
  platformRoles: string[];
  memberships: Membership[];
  tenantId: string | null;
  roles: string[];
  csrfToken?: string;
}

interface ProblemItem {
  path?: string;
  message?: string;
  message_en?: string;
}
interface Problem {
  title?: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  status?: number;
  errors?: ProblemItem[];
  [k: string]: unknown;
}

let csrfToken: string | undefined;
const TENANT_KEY = 'motcua.tenantId';

export function chosenTenant(): string | null {
  return localStorage.getItem(TENANT_KEY);
}
export function chooseTenant(tenantId: string | null): void {
  if (tenantId) localStorage.setItem(TENANT_KEY, tenantId);
  else localStorage.removeItem(TENANT_KEY);
}
export function rememberCsrf(token: string | undefined): void {
  csrfToken = token;
}
export function currentLocale(): 'vi' | 'en' {
  return localStorage.getItem('RaStore.locale')?.includes('en') ? 'en' : 'vi';
}

/** Turns a problem body into react-admin's HttpError, with `errors` keyed by field for the form. */
export function problemToError(status: number, body: Problem | null): HttpError {
  const en = currentLocale() === 'en';
  const message =
    (en ? (body?.detail_en ?? body?.title_en) : (body?.detail ?? body?.title)) ??
    (en ? `Request failed (${status})` : `Yêu cầu thất bại (${status})`);
  const fieldErrors: Record<string, string> = {};
  for (const item of body?.errors ?? []) {
    const key = (item.path ?? '')
      .replace(/^body\./, '')
      .replace(/^\//, '')
      .replace(/\//g, '.');
    if (key) fieldErrors[key] = (en ? item.message_en : item.message) ?? item.message ?? '';
  }
  return new HttpError(message, status, { ...body, errors: fieldErrors });
}

/** fetch + headers + error mapping. Returns the parsed JSON (or null), the headers and status. */
export async function apiFetch<T = unknown>(
  path: string,
  init: RequestInit & { tenantId?: string | null } = {},
): Promise<{ json: T; headers: Headers; status: number }> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body && typeof init.body === 'string' && !headers.has('Content-Type'))
    headers.set('Content-Type', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  const tenant = init.tenantId === undefined ? chosenTenant() : init.tenantId;
  if (tenant) headers.set('X-Tenant-Id', tenant);
  headers.set('Accept-Language', currentLocale());
  const url = path.startsWith('/') && !path.startsWith(API) && !path.startsWith('/auth') ? API + path : path;
  const res = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  const text = res.status === 204 ? '' : await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  if (!res.ok) throw problemToError(res.status, (json as Problem) ?? null);
  return { json: json as T, headers: res.headers, status: res.status };
}

/** Downloads a binary (PDF, XLSX, CSV) with the same headers and saves it under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const headers = new Headers();
  const tenant = chosenTenant();
  if (tenant) headers.set('X-Tenant-Id', tenant);
  const res = await fetch(path.startsWith(API) ? path : API + path, { headers, credentials: 'same-origin' });
  if (!res.ok) {
    let body: Problem | null = null;
    try {
      body = (await res.json()) as Problem;
    } catch {
      body = null;
    }
    throw problemToError(res.status, body);
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
