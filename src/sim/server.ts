// Composes the simulator on one node:http port: the REST app (wrapped by the REST faults), the WS v2
// upgrade, and the loopback-only /sim/ admin API, plus the engine, the fault state and the order flow.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { MONEY_ONE } from '../domain/fixed-point';
import { createAdminApp, isLoopbackAddress } from './admin/admin-app';
import { buildSimState, type RestCounters } from './admin/sim-state';
import { createSimKeyRegistry, type SimKeyRegistry, verifyKalshiRequest } from './auth-verify';
import { createSeededRandom, createSimExchange, type SimExchangeEngine } from './engine';
import { DEFAULT_ROLLING_SERIES, type RollingSeriesSpec } from './engine/series-roll';
import {
  bindPauseTrading,
  bindTradingActive,
  createFaultController,
  type FaultController,
  type FaultPatch,
  withRestFaults,
} from './faults';
import { createOrderFlow, FLOW_USERS, type OrderFlow } from './flow/order-flow';
import { createSimRestApp } from './rest/app';
import { SIM_WS_PATH } from './ws/protocol';
import { createSimWsServer, rejectUpgrade, type SimWsServer } from './ws/ws-server';

/** The standalone simulator's port (the daemon takes 8005). */
export const DEFAULT_SIM_PORT = 8006;
export const SIM_REST_PREFIX = '/trade-api/v2';

export interface SimKey {
  keyId: string;
  publicKeyPem: string;
  /** Defaults to whatever the key registry derives from the key id. */
  userId?: string;
}

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  markets?: number;
  /** Synthetic flow messages per second across all markets. */
  rate?: number;
  seed?: number;
  keys?: SimKey[];
  faults?: FaultPatch;
  /**
   * Accept only 32-byte PSS salts (Kalshi's documented signing) on REST and the WS upgrade. A start-up
   * baseline: DELETE /sim/faults keeps it; POST /sim/faults {"strictSignatures":false} turns it off.
   */
  strictSignatures?: boolean;
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  tickerIntervalMs?: number;
  maxBufferedBytes?: number;
  /** false starts with the flow paused (books then change only through client orders). */
  flowRunning?: boolean;
  /**
   * How often the flow runs its owed steps (default 100 ms, so a burst per tick); 1 makes a steady
   * stream, as an exchange's feed is (the benchmarks' latency and fan-out figures use it).
   */
  flowTickMs?: number;
  /** Orders, and fills, kept per API user (default 100,000; the oldest finished ones are evicted). */
  historyLimit?: number;
  /** Simulated time runs this many times faster for closes, settlements and series rolls (default 1). */
  timeScale?: number;
  /** Series whose events roll over (default: a 15-minute, an hourly and a daily one); [] for none. */
  series?: readonly RollingSeriesSpec[];
  /** Simulated ms from close to an automatic determination (default 60 s); null: only the admin API. */
  determinationDelayMs?: number | null;
  /** Settled markets kept for REST reads (default 1,000); the oldest are released past it. */
  settledMarketLimit?: number;
  /** How often the clock is checked for closes, settlements and rolls (default 250 ms). */
  lifecycleTickMs?: number;
  /** REST rate limits, passed to the REST app as is. */
  limits?: Parameters<typeof createSimRestApp>[0]['limits'];
  now?: () => number;
}

export interface SimulatorHandle {
  /** http://host:port */
  url: string;
  /** http://host:port/trade-api/v2 */
  restUrl: string;
  /** ws://host:port/trade-api/ws/v2 */
  wsUrl: string;
  port: number;
  exchange: SimExchangeEngine;
  faults: FaultController;
  flow: OrderFlow;
  ws: SimWsServer;
  /** Terminates sockets and timers; resolves when the port is free. */
  close(): Promise<void>;
}

const FLOW_FUNDING = 1_000_000 * MONEY_ONE;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const hostNow = opts.now ?? Date.now;
  const seed = opts.seed ?? 1;
  const host = opts.host ?? '127.0.0.1';
  // Separate streams, so changing a fault rate never changes the flow's orders (and the reverse).
  const faults = createFaultController(
    createSeededRandom(seed ^ 0x5f3759df),
    opts.faults,
    opts.strictSignatures === undefined ? {} : { strictSignatures: opts.strictSignatures },
  );
  // The exchange's clock (the clockOffsetMs fault skews it): what it stamps and how it judges signatures.
  // Pong deadlines keep the host's clock, as a real server's monotonic timers would.
  const now = () => hostNow() + faults.get().clockOffsetMs;
  const exchange = createSimExchange({
    now,
    seed,
    markets: { count: opts.markets ?? 5 },
    // The crowd's finished business is not history anyone reads back: keeping it grew without bound.
    transientUsers: FLOW_USERS,
    ...(opts.historyLimit === undefined ? {} : { historyLimit: opts.historyLimit }),
    lifecycle: {
      series: opts.series ?? DEFAULT_ROLLING_SERIES,
      ...(opts.timeScale === undefined ? {} : { timeScale: opts.timeScale }),
      ...(opts.determinationDelayMs === undefined ? {} : { determinationDelayMs: opts.determinationDelayMs }),
      ...(opts.settledMarketLimit === undefined ? {} : { settledMarketLimit: opts.settledMarketLimit }),
    },
  });
  for (const user of FLOW_USERS) exchange.deposit(user, FLOW_FUNDING);

  const strictSalt = () => faults.get().strictSignatures;
  const stopPause = bindPauseTrading(faults, exchange);
  const stopTradingActive = bindTradingActive(faults, exchange);
  const flow = createOrderFlow({
    exchange,
    rng: createSeededRandom(seed + 0x9e3779b9),
    rate: opts.rate ?? 10,
    running: opts.flowRunning ?? true,
    ...(opts.flowTickMs === undefined ? {} : { tickMs: opts.flowTickMs }),
  });

  const registry = createSimKeyRegistry();
  for (const key of opts.keys ?? []) registry.register(key.keyId, key.publicKeyPem, key.userId);
  // The refuseKeys fault makes every key unknown, on REST and the WS upgrade alike.
  const keys: SimKeyRegistry = {
    register: registry.register,
    lookup: (keyId) => (faults.get().refuseKeys ? undefined : registry.lookup(keyId)),
  };

  const restCounters: RestCounters = { requests: 0, injectedErrors: 0, byStatus: {} };
  const restApp = createSimRestApp({
    exchange,
    keys,
    now,
    strictSignatures: strictSalt,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const faultedFetch = withRestFaults(
    (request: Request) => restApp.fetch(request),
    faults,
    undefined,
    () => restCounters.injectedErrors++,
  );
  const restListener = getRequestListener(async (request) => {
    restCounters.requests++;
    const response = await faultedFetch(request);
    const status = String(response.status);
    restCounters.byStatus[status] = (restCounters.byStatus[status] ?? 0) + 1;
    return response;
  });

  const ws = createSimWsServer({
    exchange,
    faults,
    now,
    hostNow,
    authenticate: (req) =>
      verifyKalshiRequest(keys, req.headers, 'GET', SIM_WS_PATH, now, { strictSalt: strictSalt() }),
    ...(opts.heartbeatMs === undefined ? {} : { heartbeatMs: opts.heartbeatMs }),
    ...(opts.pongTimeoutMs === undefined ? {} : { pongTimeoutMs: opts.pongTimeoutMs }),
    ...(opts.tickerIntervalMs === undefined ? {} : { tickerIntervalMs: opts.tickerIntervalMs }),
    ...(opts.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: opts.maxBufferedBytes }),
  });

  const adminApp = createAdminApp({
    exchange,
    now,
    faults,
    flow,
    wsError: ws.injectSubscriptionError,
    state: () =>
      buildSimState({
        exchange,
        sessions: ws.sessions,
        wsStats: ws.stats,
        wsCounters: ws.counters,
        restCounters,
        faults: faults.get,
        flow: flow.stats,
      }),
  });
  const adminListener = getRequestListener(adminApp.fetch);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req.url);
    if (path === '/sim' || path.startsWith('/sim/')) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'forbidden', message: 'admin API is loopback only' } }));
        return;
      }
      void adminListener(req, res);
      return;
    }
    void restListener(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    if (pathOf(req.url) !== SIM_WS_PATH) {
      rejectUpgrade(socket, 404, { error: { code: 'not_found', message: 'not found' } });
      return;
    }
    ws.handleUpgrade(req, socket, head);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? DEFAULT_SIM_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // e.g. EADDRINUSE: leave no timers behind that would keep the process alive.
    ws.close();
    stopPause();
    stopTradingActive();
    throw err;
  }
  flow.start();
  // Closes, settlements and rolls also happen lazily before every engine operation; the tick makes them
  // happen on time when nothing else is going on.
  const lifecycleTick = setInterval(() => exchange.tick(), opts.lifecycleTickMs ?? 250);

  const port = (server.address() as AddressInfo).port;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${authority}`,
    restUrl: `http://${authority}${SIM_REST_PREFIX}`,
    wsUrl: `ws://${authority}${SIM_WS_PATH}`,
    port,
    exchange,
    faults,
    flow,
    ws,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(lifecycleTick);
        flow.stop();
        stopPause();
        stopTradingActive();
        ws.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.search(/[?#]/);
  return q === -1 ? raw : raw.slice(0, q);
}
