// A real loopback HTTP server with the /v3/ws feed attached, and a ws test client that queues frames.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { DaemonPorts } from '../../../src/server/ports';
import { attachWebSocket, type WsFeed, type WsFeedOptions } from '../../../src/server/ws-feed';

export interface Frame {
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read frame data ad hoc
  data: any;
  timestamp: number;
}

export interface Harness {
  server: Server;
  feed: WsFeed;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Timers off by default so tests opt into exactly the periodic behaviour they exercise. */
export async function startFeed(ports: DaemonPorts, opts: WsFeedOptions = {}): Promise<Harness> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const feed = attachWebSocket(server, ports, {
    pingIntervalMs: 0,
    statusIntervalMs: 0,
    statusThrottleMs: 0,
    ...opts,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    feed,
    port,
    url: `ws://127.0.0.1:${port}/v3/ws`,
    async close() {
      await feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Pred = (f: Frame) => boolean;

export class TestClient {
  private readonly frames: Frame[] = [];
  private readonly waiters: { pred: Pred; resolve: (f: Frame) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    // Attached before `open`: the server sends its greeting right away.
    ws.on('message', (data) => this.push(JSON.parse(data.toString()) as Frame));
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const client = new TestClient(new WebSocket(url, { headers }));
    return new Promise((resolve, reject) => {
      client.ws.once('open', () => resolve(client));
      client.ws.once('error', reject);
    });
  }

  /** Resolves with the HTTP status of a refused upgrade. */
  static refused(url: string, headers: Record<string, string> = {}): Promise<number> {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => {});
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        ws.terminate();
      });
      ws.once('open', () => reject(new Error('upgrade was accepted')));
    });
  }

  private push(f: Frame): void {
    const i = this.waiters.findIndex((w) => w.pred(f));
    const waiter = i >= 0 ? this.waiters.splice(i, 1)[0] : undefined;
    if (waiter) waiter.resolve(f);
    else this.frames.push(f);
  }

  /** The first not-yet-taken frame of this type (or matching this predicate), waiting if needed. */
  next(match: string | Pred): Promise<Frame> {
    const pred: Pred = typeof match === 'string' ? (f) => f.type === match : match;
    const i = this.frames.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.frames.splice(i, 1)[0] as Frame);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  /** Frames received and not yet taken. */
  pending(type?: string): Frame[] {
    return this.frames.filter((f) => type === undefined || f.type === type);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Round trip: once the pong is back, every frame the server sent before it has arrived. */
  async sync(): Promise<void> {
    this.send({ type: 'ping' });
    await this.next('pong');
  }

  close(): void {
    this.ws.terminate();
  }
}
