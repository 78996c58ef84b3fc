/**
 * Runs the console's own core (api.ts, dataProvider.ts) in node against a real server: the browser
 * globals it relies on are provided for real — a Storage for the chosen unit and language, and a
 * fetch that sends the console's same-origin paths to the server with a Bearer key (the session
 * cookie and CSRF token of the browser are what a key replaces). Every request is recorded, so a
 * test can say which API call a provider method made.
 */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

export function installConsoleCore(serverUrl: string, authorization: string) {
  const realFetch = globalThis.fetch;
  const hadStorage = 'localStorage' in globalThis;
  const sent: SentRequest[] = [];
  if (!hadStorage)
    Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
  globalThis.fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), serverUrl);
    const headers = new Headers(init.headers);
    headers.set('Authorization', authorization);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body;
    sent.push({ method: (init.method ?? 'GET').toUpperCase(), url, headers, body });
    return realFetch(url, { ...init, headers });
  };
  return {
    sent,
    /** The requests made since the last call. */
    take(): SentRequest[] {
      return sent.splice(0, sent.length);
    },
    restore() {
      globalThis.fetch = realFetch;
      if (!hadStorage) delete (globalThis as { localStorage?: unknown }).localStorage;
    },
  };
}
