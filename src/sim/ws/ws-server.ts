// The simulator's WS v2 endpoint on `ws` (noServer): authenticates the HTTP upgrade, runs one Session per
// client, fans engine events out, publishes throttled tickers, pings `heartbeat`, drops silent peers, and
// ends subscriptions with error 10/25 on demand.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex, Writable } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SimExchange } from '../engine/types';
import { type ErrorEnvelope, errorEnvelope, type FaultController } from '../faults';
import { createOutbox, type FrameSink, newWsCounters, type Outbox, type WsCounters } from './outbox';
import { type TerminalErrorCode, WsErrorCode } from './protocol';
import { Session, type SessionView } from './session';
import { createTickerFeed, TICKER_FLUSHES_PER_INTERVAL } from './ticker-feed';
import { WriteBatch } from './write-batch';

export type UpgradeAuth = { ok: true; userId: string } | { ok: false; reason: string };

export interface SimWsServerOptions {
  exchange: SimExchange;
  faults: FaultController;
  /** Verifies the upgrade's Kalshi headers (signature over `GET/trade-api/ws/v2`). */
  authenticate(request: IncomingMessage): UpgradeAuth;
  /** The exchange's clock: what ticker frames are stamped with. */
  now?: () => number;
  /** Pong deadlines run on the host's clock, so skewing the exchange's (clockOffsetMs) times no client out. */
  hostNow?: () => number;
  /** Kalshi pings every 10 s. */
  heartbeatMs?: number;
  /** A client that has not ponged for this long is terminated (checked on each heartbeat). */
  pongTimeoutMs?: number;
  /** Send-buffer bound per client; above it the client gets error 25 and is closed. */
  maxBufferedBytes?: number;
  tickerIntervalMs?: number;
  /** Called on unexpected exceptions (a bug, never bad client input, which is answered on the socket). */
  onError?: (err: unknown) => void;
}

/** POST /sim/ws/error: which subscriptions to end, with which code, and whether to close the socket after. */
export interface SubscriptionErrorCommand {
  code: TerminalErrorCode;
  /** Absent: every orderbook_delta subscription. */
  sid?: number;
  close?: boolean;
}

/** Live per-connection state: both drop back to zero once every client is gone. */
export interface SimWsStats {
  connections: number;
  subscriptions: number;
}

export interface SimWsServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  sessions(): SessionView[];
  stats(): SimWsStats;
  /** Sends the error on every connected client that has a matching subscription. */
  injectSubscriptionError(command: SubscriptionErrorCommand): { clients: number; errors: number };
  readonly counters: WsCounters;
  /** Terminates every client and stops the timers. */
  close(): void;
}

interface Client {
  session: Session;
  outbox: Outbox;
  lastPongAt: number;
}

const CLOSE_GRACE_MS = 1_000;
/** Close codes after an injected terminal error; Kalshi documents none. 1011: the server failed the channel. */
const ERROR_CLOSE: Record<TerminalErrorCode, [number, string]> = {
  [WsErrorCode.ChannelError]: [1011, 'channel error'],
  [WsErrorCode.BufferOverflow]: [1008, 'subscription buffer overflow'],
};

/** A graceful close; a client too slow to drain its buffer will not answer the handshake either. */
function closeSoon(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, reason);
  setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
}

export function createSimWsServer(opts: SimWsServerOptions): SimWsServer {
  const { exchange, faults } = opts;
  const now = opts.now ?? Date.now;
  const hostNow = opts.hostNow ?? now;
  const pongTimeoutMs = opts.pongTimeoutMs ?? 30_000;
  const maxBufferedBytes = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
  const onError = opts.onError ?? (() => {});
  const counters = newWsCounters();
  const clients = new Map<WebSocket, Client>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, clientTracking: false });
  // The flow's steps of one tick go out to each client together (see write-batch.ts).
  const batch = new WriteBatch();
  let nextId = 1;

  const guarded = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      onError(err);
    }
  };

  const tickerIntervalMs = opts.tickerIntervalMs ?? 1_000;
  const feed = createTickerFeed(
    exchange,
    now,
    (ticker, msg) => {
      for (const client of clients.values()) guarded(() => client.session.onTicker(ticker, msg));
    },
    tickerIntervalMs,
  );
  const stopEvents = exchange.subscribe((event) => {
    feed.onEvent(event);
    for (const client of clients.values()) guarded(() => client.session.onEvent(event));
  });

  const drop = (ws: WebSocket) => {
    counters.connectionsDropped++;
    ws.terminate();
  };
  const stopFaults = faults.subscribe((state) => {
    if (state.dropConnections) for (const ws of clients.keys()) drop(ws);
  });

  const heartbeat = setInterval(() => {
    const t = hostNow();
    for (const [ws, client] of clients) {
      if (t - client.lastPongAt > pongTimeoutMs) {
        counters.pongTimeouts++;
        ws.terminate();
      } else if (ws.readyState === ws.OPEN) ws.ping('heartbeat');
    }
  }, opts.heartbeatMs ?? 10_000);
  const tickers = setInterval(
    () => guarded(() => feed.flush()),
    Math.max(1, Math.round(tickerIntervalMs / TICKER_FLUSHES_PER_INTERVAL)),
  );

  function attach(ws: WebSocket, userId: string, socket: Writable): void {
    const sink: FrameSink = {
      send: (text) => {
        if (ws.readyState !== ws.OPEN) return;
        batch.join(socket);
        ws.send(text);
      },
      bufferedAmount: () => ws.bufferedAmount,
      close: (code, reason) => closeSoon(ws, code, reason),
    };
    const outbox = createOutbox(sink, faults, counters, maxBufferedBytes);
    const session = new Session(nextId++, userId, { exchange, outbox, counters, tickerMsg: feed.current });
    const client: Client = { session, outbox, lastPongAt: hostNow() };
    clients.set(ws, client);
    counters.connectionsAccepted++;
    ws.on('message', (data, isBinary) => {
      // Kalshi's commands are JSON text; a binary frame is answered like any unparsable command.
      guarded(() => session.handleText(isBinary ? '' : data.toString()));
    });
    ws.on('pong', () => {
      client.lastPongAt = hostNow();
    });
    const gone = () => {
      clients.delete(ws);
      outbox.dispose();
    };
    ws.on('close', gone);
    ws.on('error', gone);
    if (faults.get().dropConnections) drop(ws);
  }

  return {
    handleUpgrade(request, socket, head) {
      const refuse = faults.get().refuseUpgrade;
      if (refuse !== null) {
        counters.connectionsRefused++;
        return rejectUpgrade(socket, refuse, errorEnvelope(refuse));
      }
      const auth = opts.authenticate(request);
      if (!auth.ok) {
        counters.connectionsRefused++;
        return rejectUpgrade(socket, 401, {
          error: { code: 'authentication_error', message: 'authentication_error', details: auth.reason },
        });
      }
      wss.handleUpgrade(request, socket, head, (ws) => attach(ws, auth.userId, socket));
    },
    sessions: () => [...clients.values()].map((c) => c.session.view()),
    stats() {
      let subscriptions = 0;
      for (const client of clients.values()) subscriptions += client.session.subscriptionCount();
      return { connections: clients.size, subscriptions };
    },
    injectSubscriptionError({ code, sid, close }) {
      let hit = 0;
      let errors = 0;
      for (const [ws, client] of clients) {
        const n = client.session.killSubscriptions(code, sid);
        if (n === 0) continue;
        hit++;
        errors += n;
        counters.subscriptionErrorsInjected += n;
        if (close === true) {
          client.outbox.dispose();
          closeSoon(ws, ...ERROR_CLOSE[code]);
        }
      }
      return { clients: hit, errors };
    },
    counters,
    close() {
      clearInterval(heartbeat);
      clearInterval(tickers);
      stopEvents();
      stopFaults();
      for (const [ws, client] of clients) {
        client.outbox.dispose();
        ws.terminate();
      }
      clients.clear();
      wss.close();
    },
  };
}

/** Answers an upgrade request with a plain HTTP error and Kalshi's JSON envelope, then closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, body: ErrorEnvelope): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
