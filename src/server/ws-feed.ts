// WS /v3/ws: the upgrade gate (abandoned clients, then a page's own older connections, make room at the
// cap), the client set, heartbeats, frame-rate limits, slow-client drops, bad-frame accounting, a clean close.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_FRAME_BUDGET, type FrameBudgetOptions } from './frame-budget';
import { createHostCheck, hostRefusal } from './host-allowlist';
import type { DaemonMetrics } from './metrics';
import type { DaemonPorts } from './ports';
import { upgradePath } from './upgrade-path';
import { createBookDeltas } from './ws-book-deltas';
import { FeedClient } from './ws-client';
import { closeGracefully } from './ws-close';
import { createFeedGuards } from './ws-feed-guards';
import { encodeFrame } from './ws-frames';
import { isOriginAllowed, refuseUpgrade } from './ws-origin';
import { DEFAULT_ABANDON_GRACE_MS } from './ws-peer';
import { createRelay } from './ws-relay';
import { createSession, type FrameError } from './ws-session';

/** Node's default write buffer mark for a socket: below it a backlog may never end in a `drain`. */
const MIN_DELTA_BACKLOG_BYTES = 16 * 1024;

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
  /**
   * An `orderbook_delta` client with more unsent bytes than this gets no book frames until its backlog
   * drains, then a snapshot of each market it missed (default: a quarter of maxBufferedBytes). At least
   * a socket's write buffer mark (16 KiB): the catch-up waits for `drain`, which a socket emits only
   * once a write found its buffer past that mark.
   */
  deltaBacklogBytes?: number;
  maxPayloadBytes?: number;
  maxClients?: number;
  /** A client that leaves a ping unanswered this long is the first to go when the cap is reached. */
  abandonGraceMs?: number;
  /** Client frames per client; past it the client is closed with 1008. */
  frameBudget?: FrameBudgetOptions;
  historySize?: number;
  /** Activity lines of every kind replayed on connect (history_replay's `activity`). */
  activitySize?: number;
  now?: () => number;
  metrics?: Pick<
    DaemonMetrics,
    | 'consoleClients'
    | 'consoleSlowClientDrops'
    | 'consoleDeltaSkips'
    | 'consoleBadFrames'
    | 'consoleRefusedUpgrades'
    | 'consoleEvictions'
    | 'consoleRateLimitCloses'
  >;
  log?: Pick<Logger, 'warn' | 'error'>;
}

export interface WsFeedStats {
  clients: number;
  slowClientDrops: number;
  deadClientDrops: number;
  badFrames: number;
  refusedUpgrades: number;
  /** Clients closed to make room for a newcomer (abandoned ones, or the same page's older ones). */
  evictions: number;
  /** Clients closed with 1008 for sending frames too fast. */
  rateLimitCloses: number;
  /** Book frames skipped for `orderbook_delta` clients that were behind (each resynced by a snapshot). */
  deltaSkips: number;
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
  const abandonGraceMs = opts.abandonGraceMs ?? DEFAULT_ABANDON_GRACE_MS;
  const budget = opts.frameBudget ?? DEFAULT_FRAME_BUDGET;
  const { metrics, log } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes ?? 64 * 1024 });
  const clients = new Set<FeedClient>();
  const hostAllowed = createHostCheck(ports.allowedHosts);
  const stats = {
    slowClientDrops: 0,
    deadClientDrops: 0,
    badFrames: 0,
    refusedUpgrades: 0,
    evictions: 0,
    rateLimitCloses: 0,
  };
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

  const deltas = createBookDeltas({
    clients,
    ports,
    now,
    backlogBytes: Math.max(
      MIN_DELTA_BACKLOG_BYTES,
      opts.deltaBacklogBytes ?? Math.floor(maxBufferedBytes / 4),
    ),
    onSkip: () => metrics?.consoleDeltaSkips.inc(),
  });
  const relay = createRelay({
    clients,
    ports,
    now,
    statusThrottleMs: opts.statusThrottleMs ?? 1_000,
    deltas,
    log,
  });
  const unsubscribe = ports.subscribe(relay.relay);
  const session = createSession({
    ports,
    now,
    historySize: opts.historySize ?? 20,
    activitySize: opts.activitySize ?? 100,
    statusFrame: relay.statusFrame,
    deltas,
    sendError,
    log,
  });

  const guards = createFeedGuards({ clients, forget, stats, now, abandonGraceMs, metrics, log });

  const onConnection = (ws: WebSocket, socket: Duplex, peer: string | undefined) => {
    const c = new FeedClient(
      randomUUID(),
      ws,
      { maxBufferedBytes, budget, now: now(), peer },
      dropSlow,
      socket,
    );
    clients.add(c);
    metrics?.consoleClients.set(clients.size);
    ws.on('message', (data, isBinary) => {
      // Frames still arriving after a rate-limit close are dropped unread.
      if (ws.readyState !== WebSocket.OPEN) return;
      const t = now();
      c.heard(t);
      if (!c.budget.take(t)) return guards.overBudget(c);
      session.onMessage(c, data, isBinary);
    });
    ws.on('pong', () => c.heard(now()));
    ws.on('error', (err) => guards.badSocketFrame(c, err));
    ws.on('close', () => forget(c));
    // A delta client whose frames were skipped while it was behind gets its snapshots once it has read.
    socket.on('drain', () => {
      if (c.resync.size > 0) deltas.catchUp(c);
    });
    // Answered at once by any live peer: a connection that never answers is abandoned (see guards).
    ws.ping();
    session.greet(c);
  };

  const refuse = (socket: Duplex, status: 403 | 503, reason: string, message: string) => {
    stats.refusedUpgrades++;
    metrics?.consoleRefusedUpgrades.inc({ reason });
    refuseUpgrade(socket, status, reason, message);
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (upgradePath(req.url) !== path) return; // another path: someone else's upgrade listener
    if (!hostAllowed(req.headers.host)) {
      const { code, message } = hostRefusal(req.headers.host).error;
      return refuse(socket, 403, code, message);
    }
    if (closed) return refuse(socket, 503, 'shutting_down', 'server is shutting down');
    if (!isOriginAllowed(req.headers.origin, req.headers.host, ports.allowedOrigins)) {
      return refuse(socket, 403, 'origin_not_allowed', 'origin not allowed');
    }
    // Only a browser page (it sends an Origin) is matched to its own older connections.
    const origin = req.headers.origin;
    const peer = origin === undefined ? undefined : `${req.socket.remoteAddress ?? ''} ${origin}`;
    if (clients.size >= maxClients && !guards.evictAbandoned() && !guards.evictSamePeer(peer)) {
      return refuse(socket, 503, 'too_many_clients', 'too many clients');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, peer));
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
      c.liveness.pinged(now());
      c.send(json);
    }
  });
  every(opts.statusIntervalMs ?? 5_000, relay.triggerStatus);

  return {
    stats: () => ({ clients: clients.size, ...stats, deltaSkips: deltas.skipped() }),
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
