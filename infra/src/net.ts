// Small helpers shared by the development services.
import type http from 'node:http';
import type net from 'node:net';

/** Binds `server` and returns the port actually bound (useful with port 0). */
export async function listen(server: net.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error(`not a TCP listener: ${String(address)}`);
  return address.port;
}

/** `http://host:port`, with IPv6 literals bracketed. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Stops accepting connections and drops open (keep-alive) ones, so close() never waits on idle clients. */
export function closeHttp(server: http.Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
