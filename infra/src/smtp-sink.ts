// Development SMTP sink: accepts every message (any or no auth, plain TCP), keeps the newest ones in memory
// and optionally shows them on a small read-only web page. Never delivers anything.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { escapeHtml } from './html';
import { closeHttp, httpUrl, listen } from './net';

export interface SinkMessage {
  /** Envelope sender (MAIL FROM), or the From header address when the envelope sender is empty. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: Date;
}

export interface SmtpSinkHandle {
  port: number;
  host: string;
  /** Oldest first; at most the last 500 messages. */
  messages: SinkMessage[];
  /** Base URL of the web page, when `httpPort` was given. */
  httpUrl?: string;
  /** Resolves with the newest matching message already received, or the next one to arrive. */
  waitFor(pred: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Serve the web page on this port too (0 picks a free one). */
  httpPort?: number;
}

const MAX_MESSAGES = 500;

interface Waiter {
  pred: (m: SinkMessage) => boolean;
  resolve: (m: SinkMessage) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startSmtpSink(opts: SmtpSinkOptions): Promise<SmtpSinkHandle> {
  const host = opts.host ?? '127.0.0.1';
  const messages: SinkMessage[] = [];
  const waiters = new Set<Waiter>();

  const settle = (w: Waiter, done: () => void): void => {
    waiters.delete(w);
    clearTimeout(w.timer);
    done();
  };
  const receive = (message: SinkMessage): void => {
    messages.push(message);
    if (messages.length > MAX_MESSAGES) messages.splice(0, messages.length - MAX_MESSAGES);
    for (const w of waiters) {
      let matches: boolean;
      try {
        matches = w.pred(message);
      } catch (err) {
        // A throwing predicate fails its own waitFor, never the SMTP transaction.
        settle(w, () => w.reject(err instanceof Error ? err : new Error(String(err))));
        continue;
      }
      if (matches) settle(w, () => w.resolve(message));
    }
  };

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true, // AUTH is accepted over plain TCP since there is no TLS at all
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'dev' }),
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          const mailFrom = session.envelope.mailFrom;
          receive({
            from: (mailFrom && mailFrom.address) || mail.from?.value[0]?.address || '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            ...(mail.html ? { html: mail.html } : {}),
            receivedAt: new Date(),
          });
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  const port = await listen(smtp.server, opts.port, host);

  let web: Awaited<ReturnType<typeof startWebPage>> | undefined;
  try {
    if (opts.httpPort !== undefined) web = await startWebPage(messages, opts.httpPort, host);
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }

  return {
    port,
    host,
    messages,
    ...(web ? { httpUrl: web.url } : {}),
    waitFor: (pred, timeoutMs = 5000) => {
      const existing = [...messages].reverse().find(pred);
      if (existing) return Promise.resolve(existing);
      return new Promise<SinkMessage>((resolve, reject) => {
        const waiter: Waiter = {
          pred,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`smtp sink: no matching message within ${timeoutMs} ms`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close: async () => {
      for (const w of waiters) settle(w, () => w.reject(new Error('smtp sink closed')));
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), web?.close()]);
    },
  };
}

async function startWebPage(
  messages: SinkMessage[],
  port: number,
  host: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sink').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/messages.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify([...messages].reverse()));
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(inboxPage(messages));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy');
    }
  });
  const url = httpUrl(host, await listen(server, port, host));
  return { url, close: () => closeHttp(server) };
}

function inboxPage(messages: SinkMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject || '(không có tiêu đề)')}</h2>
<p><small>${escapeHtml(m.receivedAt.toISOString())} · Từ: ${escapeHtml(m.from)} · Đến: ${escapeHtml(m.to.join(', '))}</small></p>
<pre>${escapeHtml(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Hộp thư phát triển</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc}pre{white-space:pre-wrap}</style>
</head>
<body>
<h1>Hộp thư phát triển</h1>
<p>${messages.length} thư · <a href="/messages.json">messages.json</a></p>
${items || '<p>Chưa có thư nào.</p>'}
</body>
</html>`;
}
