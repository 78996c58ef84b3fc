/**
 * The only code that knows the server: /api/v1 with the session cookie, the CSRF token from /me on
 * writes, problem+JSON errors turned into ApiError (Vietnamese and English words kept).
 */
export interface Problem {
  title?: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  status: number;
  errors?: { path: string; message: string; message_en?: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
  /** The problem in the reader's language. */
  words(lang: 'vi' | 'en'): string {
    const p = this.problem;
    return lang === 'en'
      ? (p.detail_en ?? p.title_en ?? p.detail ?? p.title ?? this.message)
      : (p.detail ?? p.title ?? this.message);
  }
}

let csrf: string | null = null;
export const setCsrfToken = (t: string | null) => {
  csrf = t;
};

async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Problem;
    return { ...body, status: res.status };
  } catch {
    return { status: res.status, title: `HTTP ${res.status}` };
  }
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && csrf) headers.set('X-CSRF-Token', csrf);
  if (init.body && typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  const res = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(await problemOf(res));
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request(path)).json() as Promise<T>;
}

export async function postJson<T>(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return (await request(path, { method: 'POST', body: JSON.stringify(body), headers })).json() as Promise<T>;
}

/** A simple-REST list page: rows and the total from Content-Range. */
export async function getList<T>(
  path: string,
  filter: Record<string, unknown>,
  range: [number, number],
): Promise<{ rows: T[]; total: number }> {
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
  const qs = new URLSearchParams({ filter: JSON.stringify(clean), range: JSON.stringify(range) });
  const res = await request(`${path}?${qs.toString()}`);
  const total = Number(/\/(\d+)$/.exec(res.headers.get('Content-Range') ?? '')?.[1] ?? 0);
  return { rows: (await res.json()) as T[], total };
}

/** POST /uploads with a progress callback (fetch cannot report upload progress). */
export function uploadFile(
  file: File,
  onProgress: (share: number) => void,
): Promise<{ sha256: string; size: number; mime: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/uploads');
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as { sha256: string; size: number; mime: string });
      } else reject(new ApiError({ ...((body ?? {}) as Problem), status: xhr.status }));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

export const signInUrl = (returnTo: string) => `/auth/citizen/login?returnTo=${encodeURIComponent(returnTo)}`;
