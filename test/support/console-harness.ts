// A loopback stand-in for the daemon's HTTP side: console + inspector routes, a fake /v3/ws and /v3/status,
// and a small real XState machine behind the inspection relay. Frames come from the server's own encoders.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AnyActorRef, createActor, fromCallback, setup } from 'xstate';
import type { Severity } from '../../src/machines/trader.events';
import { createConsoleRoutes } from '../../src/server/console/console.routes';
import { createInspectionRelay, type InspectionRelay } from '../../src/server/inspector/inspection-relay';
import { createInspectorRoutes } from '../../src/server/inspector/inspector.routes';
import { toBookUpdate, toBookView, toHealthView } from '../../src/server/view-mappers';
import type { StatusView, TraderState } from '../../src/server/views';
import {
  encodeFrame,
  historyReplayData,
  traderStatusData,
  transitionActivity,
} from '../../src/server/ws-frames';
import { NO_PNL } from '../server/support/pnl-fixtures';

export const HARNESS_TOKEN = 'harness-control-token';

/** A miniature trader: start-up, ready ⇄ degraded with a feed child actor, error and retry. */
export const miniTraderMachine = setup({
  actors: { feed: fromCallback(() => () => {}) },
}).createMachine({
  id: 'mini',
  initial: 'initializing',
  context: { attempts: 0 },
  states: {
    initializing: { on: { INIT_DONE: 'running' } },
    running: {
      invoke: { id: 'feed', src: 'feed' },
      initial: 'ready',
      states: {
        ready: { on: { 'FEED.DOWN': 'degraded' } },
        degraded: { on: { 'FEED.UP': 'ready' } },
      },
      on: { FAIL: 'error' },
    },
    error: { after: { 60000: 'initializing' }, on: { RETRY: 'initializing' } },
  },
});

export interface ClientFrame {
  type: string;
  [key: string]: unknown;
}

export function harnessStatus(state: TraderState): StatusView {
  return {
    state,
    degraded: state === 'degraded',
    markets: ['KXHARNESS-A', 'KXHARNESS-B'],
    snapshots_received: 2,
    deltas_received: 10,
    positions: 0,
    orders: 0,
    balance: { balance_dollars: '1000.0000', portfolio_value_dollars: '0.0000', balance_cents: 100_000 },
    session_id: 'harness-session',
    version: '0.1.0',
    uptime: 5,
    components: { orderbook: { healthy: true }, trading: { healthy: true, detail: 'ok' } },
    connections: {
      api_url: 'http://127.0.0.1:1/trade-api/v2',
      ws_url: 'ws://127.0.0.1:1/trade-api/ws/v2',
      api_connected: true,
      feed_connected: state !== 'degraded',
      markets_connected: 2,
      last_ping_age: 1,
    },
    last_error: null,
    recovery_attempts: 0,
    total_recovery_attempts: 0,
    consecutive_recovery_attempts: 0,
    kill_switch: false,
    strategy_paused: false,
    daily_realized_pnl_dollars: '0.000000',
    pnl: NO_PNL,
    strategy: { name: 'hold', params: {}, paused: false },
    last_sync: null,
    transitions: [{ from: 'kalshi_data_sync', to: state, at: new Date(0).toISOString() }],
    book_audit: { interval_seconds: 60, last_run: null, mismatches: 0, markets: {} },
    market_lifecycle: {},
    storage: null,
  };
}

export interface ConsoleHarness {
  url: string;
  status: StatusView;
  relay: InspectionRelay;
  actor: AnyActorRef;
  /** Frames the page sent on /v3/ws, in order. */
  received: ClientFrame[];
  statusRequests(): number;
  connections(): number;
  nextReceived(pred: (f: ClientFrame) => boolean): Promise<ClientFrame>;
  waitForConnections(n: number): Promise<void>;
  waitForStatusRequests(n: number): Promise<void>;
  /** Replaces what /v3/status and new connections report, without telling connected clients. */
  setStatus(status: StatusView): void;
  broadcast(type: string, data: unknown): void;
  transition(to: TraderState, severity?: Severity): void;
  book(ticker: string, bidTicks: number, noBidTicks: number): void;
  /** Cuts every /v3/ws connection, as a daemon restart would. */
  dropClients(): void;
  close(): Promise<void>;
}

export async function startConsoleHarness(state: TraderState = 'ready'): Promise<ConsoleHarness> {
  const h = { status: harnessStatus(state), statusRequests: 0, connections: 0 };
  const received: ClientFrame[] = [];
  const waiters: { pred: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of waiters.splice(0))
      if (w.pred()) w.resolve();
      else waiters.push(w);
  };
  const until = (pred: () => boolean) =>
    pred() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pred, resolve }));

  const app = new Hono();
  app.route('/', createConsoleRoutes());
  app.route('/', createInspectorRoutes());
  app.get('/v3/status', (c) => {
    h.statusRequests++;
    queueMicrotask(wake);
    return c.json(h.status);
  });
  app.get('/v3/positions', (c) => c.json({ positions: [] }));
  app.get('/v3/orders', (c) => c.json({ orders: [] }));
  // No storage on the stand-in: the console reads the live frames only.
  app.get('/v3/openapi.json', (c) => c.json({ openapi: '3.1.0', paths: {} }));

  const server: Server = createServer(getRequestListener(app.fetch));
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const now = () => Date.now();
  const send = (ws: WebSocket, type: string, data: unknown) => ws.send(encodeFrame(type, data, now()));
  const statusData = () => traderStatusData(h.status, toHealthView(h.status.state, h.status.uptime), now());

  wss.on('connection', (ws) => {
    sockets.add(ws);
    h.connections++;
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => onClientFrame(ws, JSON.parse(raw.toString()) as ClientFrame));
    send(ws, 'connection', { client_id: `c${h.connections}`, timestamp: '00:00:00', message: 'Connected' });
    const history = h.status.transitions.map((t) => ({
      ...t,
      atMs: Date.parse(t.at),
      severity: 'info' as const,
    }));
    send(ws, 'history_replay', historyReplayData(history));
    send(ws, 'trader_status', statusData());
    wake();
  });
  const onClientFrame = (ws: WebSocket, frame: ClientFrame) => {
    received.push(frame);
    if (frame.type === 'command') {
      const id = frame.id as string | undefined;
      if (frame.token === HARNESS_TOKEN) send(ws, 'command_result', { id, command: 'kill_switch', ok: true });
      else send(ws, 'error', { id, code: 'unauthorized', message: 'missing or wrong control token' });
    }
    wake();
  };
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    if (req.url === '/v3/ws') wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const relay = createInspectionRelay({ maxReplay: 50, pingIntervalMs: 0 });
  relay.attach(server);
  const actor = createActor(miniTraderMachine, { inspect: relay.inspector.inspect });
  actor.start();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const broadcast = (type: string, data: unknown) => {
    for (const ws of sockets) send(ws, type, data);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    get status() {
      return h.status;
    },
    relay,
    actor,
    received,
    statusRequests: () => h.statusRequests,
    connections: () => h.connections,
    async nextReceived(pred) {
      await until(() => received.some(pred));
      return received.find(pred) as ClientFrame;
    },
    waitForConnections: (n) => until(() => h.connections >= n && sockets.size > 0),
    waitForStatusRequests: (n) => until(() => h.statusRequests >= n),
    setStatus(status) {
      h.status = status;
    },
    broadcast,
    transition(to, severity = to === 'error' ? 'error' : to === 'degraded' ? 'warning' : 'info') {
      const from = h.status.state;
      h.status = {
        ...harnessStatus(to),
        transitions: [...h.status.transitions, { from, to, at: new Date().toISOString() }],
      };
      broadcast('system_activity', transitionActivity({ from, to, atMs: now(), severity }));
      broadcast('trader_status', statusData());
    },
    book(ticker, bidTicks, noBidTicks) {
      const view = toBookView(
        ticker,
        { yes: [[bidTicks, 1_000]], no: [[noBidTicks, 500]] },
        { seq: 1, stale: false, updatedMs: now() },
      );
      broadcast('orderbook', toBookUpdate(view));
    },
    dropClients() {
      for (const ws of sockets) ws.terminate();
    },
    async close() {
      actor.stop();
      await relay.close();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
