// A loopback TCP relay in front of the simulator: records every KALSHI-ACCESS-SIGNATURE value the exchange
// receives (REST requests and WS upgrades), and can vanish and come back on the same port, as a crashed
// exchange would.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface HeaderTap {
  port: number;
  /** Every signature header value seen, base64 as sent. */
  signatures: Set<string>;
  /** Drops every connection and refuses new ones. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const SIGNATURE = /kalshi-access-signature:[ \t]*([A-Za-z0-9+/=_-]+)\r\n/gi;
/** Longer than any header line, so one split across two chunks is still seen whole. */
const KEEP_CHARS = 4096;

export async function startHeaderTap(targetPort: number): Promise<HeaderTap> {
  const signatures = new Set<string>();
  const open = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    let text = '';
    client.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      for (const m of text.matchAll(SIGNATURE)) signatures.add(m[1] as string);
      if (text.length > KEEP_CHARS) text = text.slice(-KEEP_CHARS);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  };

  let server: Server = createServer(relay);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  const down = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of open) s.destroy();
    });
  return {
    port,
    signatures,
    down,
    async up() {
      server = createServer(relay);
      await listen(port);
    },
    close: async () => {
      if (server.listening) await down();
    },
  };
}
