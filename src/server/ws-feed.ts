// WS /v3/ws: the upgrade gate, the client set, heartbeats, slow-client drops and a clean close.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { DaemonMetrics } from './metrics';
import type { DaemonPorts } from './ports';
import { FeedClient } from './ws-client';
import { closeGracefully } from './ws-close';
import { encodeFrame } from './ws-frames';
import { isOriginAllowed, refuseUpgrade } from './ws-origin';
import { createRelay } from './ws-relay';
import { createSession, type FrameError } from './ws-session';

export interface WsFeedOptions {
  path?: string;
  /** Heartbeat: JSON `ping` + protocol ping; a client silent for a whole interval is terminated. */
  pingIntervalMs?: number;
  /** Periodic `trader_status` besides the on-change ones; 0 = on change only. */
  statusIntervalMs?: number;
  /** At most one `trader_status` per this many ms; 0 = no throttle. */
  statusThrottleMs?: number;
  /** A client whose unsent backlog exceeds this many bytes is terminated. */
  maxBufferedBytes?: number;
  maxPayloadBytes?: number;
  maxClients?: number;
  historySize?: number;
  now?: () => number;
  metrics?: Pick<
    DaemonMetrics,
    'consoleClients' | 'consoleSlowClientDrops' | 'consoleBadFrames' | 'consoleRefusedUpgrades'
  >;
  log?: Pick<Logger, 'warn' | 'error'>;
}

export interface WsFeedStats {
  clients: number;
  slowClientDrops: number;
  deadClientDrops: number;
  badFrames: number;
  refusedUpgrades: number;
}

export interface WsFeed {
  stats(): WsFeedStats;
  close(): Promise<void>;
}

export function attachWebSocket(server: Server, ports: DaemonPorts, opts: WsFeedOptions = {}): WsFeed {
  const path = opts.path ?? '/v3/ws';
  const now = opts.now ?? Date.now;
  const maxClients = opts.maxClients ?? 64;
  const maxBufferedBytes = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
  const { metrics, log } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes ?? 64 * 1024 });
  const clients = new Set<FeedClient>();
  const stats = { slowClientDrops: 0, deadClientDrops: 0, badFrames: 0, refusedUpgrades: 0 };
  let closed = false;

  const forget = (c: FeedClient) => {
    clients.delete(c);
    metrics?.consoleClients.set(clients.size);
  };
  const dropSlow = (c: FeedClient) => {
    forget(c);
    stats.slowClientDrops++;
    metrics?.consoleSlowClientDrops.inc();
    log?.warn({ client: c.id, buffered: c.ws.bufferedAmount }, 'dropping slow /v3/ws client');
    c.ws.terminate();
  };
  const sendError = (c: FeedClient, error: FrameError, counted = true) => {
    if (counted) {
      stats.badFrames++;
      metrics?.consoleBadFrames.inc({ code: error.code });
    }
    c.send(encodeFrame('error', error, now()));
  };

  const relay = createRelay({ clients, ports, now, statusThrottleMs: opts.statusThrottleMs ?? 1_000, log });
  const unsubscribe = ports.subscribe(relay.relay);
  const session = createSession({
    ports,
    now,
    historySize: opts.historySize ?? 20,
    statusFrame: relay.statusFrame,
    sendError,
    log,
  });

  const onConnection = (ws: WebSocket) => {
    const c = new FeedClient(randomUUID(), ws, maxBufferedBytes, dropSlow);
    clients.add(c);
    metrics?.consoleClients.set(clients.size);
    ws.on('message', (data, isBinary) => session.onMessage(c, data, isBinary));
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('error', (err) => log?.warn({ err, client: c.id }, '/v3/ws client socket error'));
    ws.on('close', () => forget(c));
    session.greet(c);
  };

  const refuse = (socket: Duplex, status: 403 | 503, reason: string, message: string) => {
    stats.refusedUpgrades++;
    metrics?.consoleRefusedUpgrades.inc({ reason });
    refuseUpgrade(socket, status, reason, message);
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(req.url) !== path) return; // another path: someone else's upgrade listener
    if (closed) return refuse(socket, 503, 'shutting_down', 'server is shutting down');
    if (!isOriginAllowed(req.headers.origin, req.headers.host, ports.allowedOrigins)) {
      return refuse(socket, 403, 'origin_not_allowed', 'origin not allowed');
    }
    if (clients.size >= maxClients) return refuse(socket, 503, 'too_many_clients', 'too many clients');
    wss.handleUpgrade(req, socket, head, onConnection);
  };
  server.on('upgrade', onUpgrade);

  const timers: ReturnType<typeof setInterval>[] = [];
  const every = (ms: number, fn: () => void) => {
    if (ms > 0) timers.push(setInterval(fn, ms).unref());
  };
  every(opts.pingIntervalMs ?? 20_000, () => {
    const json = encodeFrame('ping', {}, now());
    for (const c of clients) {
      if (!c.alive) {
        forget(c);
        stats.deadClientDrops++;
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
      c.send(json);
    }
  });
  every(opts.statusIntervalMs ?? 5_000, relay.triggerStatus);

  return {
    stats: () => ({ clients: clients.size, ...stats }),
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      relay.cancel();
      unsubscribe();
      server.off('upgrade', onUpgrade);
      await Promise.all([...clients].map((c) => closeGracefully(c.ws)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}
