// Development SMS gateway: accepts the same JSON request as the production gateway interface
// (POST /sms with an API key), keeps the newest messages in memory and shows them at GET /messages.
// Never sends anything to a phone.
import http from 'node:http';
import { closeHttp, httpUrl, listen } from './net';

export interface SmsMessage {
  id: string;
  to: string;
  text: string;
  /** The sender's reference (our job key). Kept, not deduplicated: tests count what we really sent. */
  reference: string | null;
  receivedAt: string;
}

export interface SmsGatewayHandle {
  url: string;
  apiKey: string;
  /** Oldest first; at most the last 1,000. */
  messages: SmsMessage[];
  close(): Promise<void>;
}

export interface SmsGatewayOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  apiKey?: string;
}

const MAX_MESSAGES = 1000;
const PHONE = /^\+?[0-9]{9,15}$/;

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy(new Error('too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startSmsGatewaySimulator(opts: SmsGatewayOptions): Promise<SmsGatewayHandle> {
  const host = opts.host ?? '127.0.0.1';
  const apiKey = opts.apiKey ?? 'dev-sms-key';
  const messages: SmsMessage[] = [];
  let seq = 0;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/messages') return reply(res, 200, messages);
    if (req.method === 'DELETE' && path === '/messages') {
      messages.length = 0;
      return reply(res, 204, null);
    }
    if (req.method !== 'POST' || path !== '/sms') return reply(res, 404, { error: 'not_found' });
    if (req.headers['x-api-key'] !== apiKey) return reply(res, 401, { error: 'unauthorized' });
    readJson(req).then(
      (body) => {
        const b = body as { to?: unknown; text?: unknown; reference?: unknown };
        if (
          typeof b.to !== 'string' ||
          !PHONE.test(b.to) ||
          typeof b.text !== 'string' ||
          b.text.length === 0 ||
          b.text.length > 1600
        )
          return reply(res, 422, { error: 'invalid_message' });
        const reference = typeof b.reference === 'string' ? b.reference : null;
        const m: SmsMessage = {
          id: `sms-${++seq}`,
          to: b.to,
          text: b.text,
          reference,
          receivedAt: new Date().toISOString(),
        };
        messages.push(m);
        if (messages.length > MAX_MESSAGES) messages.shift();
        return reply(res, 202, { id: m.id });
      },
      () => reply(res, 400, { error: 'malformed_json' }),
    );
  });
  const port = await listen(server, opts.port, host);
  return { url: httpUrl(host, port), apiKey, messages, close: () => closeHttp(server) };
}
