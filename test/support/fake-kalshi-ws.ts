// A small Kalshi WS v2 stand-in on 127.0.0.1 for client tests: verifies the signed upgrade, answers
// commands like the AsyncAPI examples, records everything, and lets a test drop or silence sockets.
import { constants, type KeyObject, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { KalshiWsHandlers } from '../../src/adapters/kalshi/ws-types';

export interface Handshake {
  path: string;
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Signature checked with salt length 32 (strict), against `timestamp + GET + path`. */
  verified: boolean;
}

export interface ReceivedCommand {
  connection: number;
  id: number;
  cmd: string;
  params: Record<string, unknown> | undefined;
  raw: Record<string, unknown>;
}

export type ServerEvent =
  | { kind: 'handshake'; handshake: Handshake }
  | { kind: 'connection'; connection: number }
  | { kind: 'command'; command: ReceivedCommand }
  | { kind: 'ping'; connection: number }
  | { kind: 'close'; connection: number };

export interface FakeKalshiWsOptions {
  /** When set, upgrades without a valid signature get 401. */
  publicKey?: KeyObject;
  /** Answer pings (default true); false makes a silent peer for watchdog tests. */
  autoPong?: boolean;
  /** Answer commands (default true). */
  answerCommands?: boolean;
}

/** Collects events and resolves waiters on the first matching one, past or future. */
export class Recorder<E> {
  readonly events: E[] = [];
  private waiters: Array<{ match: (e: E) => boolean; resolve: (e: E) => void }> = [];

  push(event: E): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /** The first event (already seen or still to come) that matches. */
  find<T extends E>(match: (e: E) => e is T): Promise<T>;
  find(match: (e: E) => boolean): Promise<E>;
  find(match: (e: E) => boolean): Promise<E> {
    const seen = this.events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.next(match);
  }

  /** The next matching event from now on. */
  next(match: (e: E) => boolean): Promise<E> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

export class FakeKalshiWs {
  readonly events = new Recorder<ServerEvent>();
  readonly sockets: WebSocket[] = [];
  /** Upgrades to refuse with 503 before accepting again. */
  refuseNext = 0;
  /** Channels whose next `subscribed` ack is lost: the subscription exists, the client never hears of it. */
  readonly dropNextAck = new Set<string>();
  answerCommands: boolean;
  private nextSid = 1;
  private readonly seqBySid = new Map<number, number>();
  private readonly subs = new Map<number, { channel: string; tickers: string[]; connection: number }>();

  private constructor(
    private readonly http: ReturnType<typeof createServer>,
    private readonly wss: WebSocketServer,
    readonly url: string,
    private readonly publicKey: KeyObject | undefined,
    answerCommands: boolean,
  ) {
    this.answerCommands = answerCommands;
  }

  static async start(options: FakeKalshiWsOptions = {}): Promise<FakeKalshiWs> {
    const http = createServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const { port } = http.address() as AddressInfo;
    const url = `ws://127.0.0.1:${port}/trade-api/ws/v2`;
    const fake = new FakeKalshiWs(http, wss, url, options.publicKey, options.answerCommands ?? true);
    http.on('upgrade', (req, socket, head) => {
      const handshake = fake.check(req);
      fake.events.push({ kind: 'handshake', handshake });
      const refuse = fake.refuseNext > 0 ? 503 : fake.publicKey && !handshake.verified ? 401 : 0;
      if (refuse !== 0) {
        if (fake.refuseNext > 0) fake.refuseNext--;
        socket.end(
          `HTTP/1.1 ${refuse} ${refuse === 401 ? 'Unauthorized' : 'Service Unavailable'}\r\nContent-Length: 0\r\n\r\n`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    return fake;
  }

  get handshakes(): Handshake[] {
    return this.events.events.flatMap((e) => (e.kind === 'handshake' ? [e.handshake] : []));
  }

  get commands(): ReceivedCommand[] {
    return this.events.events.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
  }

  /** Sends a frame (object or raw text) on the newest socket. */
  send(frame: unknown, connection = this.sockets.length - 1): void {
    this.sockets[connection]?.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Kills every socket without a close frame, like a network drop. */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Sends Kalshi's heartbeat ping on the newest socket; resolves with the pong's payload. */
  async heartbeat(payload = 'heartbeat'): Promise<string> {
    const ws = this.sockets[this.sockets.length - 1];
    if (ws === undefined) throw new Error('no socket');
    const pong = once(ws, 'pong');
    ws.ping(payload);
    const [data] = (await pong) as [Buffer];
    return data.toString('utf8');
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private check(req: IncomingMessage): Handshake {
    const header = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const keyId = header('KALSHI-ACCESS-KEY');
    const timestamp = header('KALSHI-ACCESS-TIMESTAMP');
    const signature = header('KALSHI-ACCESS-SIGNATURE');
    let verified = false;
    if (this.publicKey && timestamp && signature) {
      verified = verify(
        'sha256',
        Buffer.from(`${timestamp}GET${path}`),
        { key: this.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        Buffer.from(signature, 'base64'),
      );
    }
    return { path, keyId, timestamp, signature, verified };
  }

  private accept(ws: WebSocket): void {
    const connection = this.sockets.length;
    this.sockets.push(ws);
    ws.on('message', (data) => this.onCommand(connection, ws, data.toString()));
    ws.on('ping', () => this.events.push({ kind: 'ping', connection }));
    ws.on('close', () => this.events.push({ kind: 'close', connection }));
    this.events.push({ kind: 'connection', connection });
  }

  private onCommand(connection: number, ws: WebSocket, text: string): void {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const command: ReceivedCommand = {
      connection,
      id: raw.id as number,
      cmd: raw.cmd as string,
      params: raw.params as Record<string, unknown> | undefined,
      raw,
    };
    this.events.push({ kind: 'command', command });
    if (this.answerCommands) this.answer(connection, ws, command);
  }

  private answer(connection: number, ws: WebSocket, { id, cmd, params }: ReceivedCommand): void {
    const reply = (frame: unknown) => ws.send(JSON.stringify(frame));
    const error = (code: number, msg: string) => reply({ id, type: 'error', msg: { code, msg } });
    const tickers = (params?.market_tickers as string[] | undefined) ?? [];
    if (cmd === 'subscribe') {
      const channels = params?.channels as string[] | undefined;
      if (!channels?.length) {
        error(3, 'Channels required');
        return;
      }
      if (channels.some((c) => !KNOWN_CHANNELS.has(c))) {
        error(8, 'Unknown channel name');
        return;
      }
      if (channels.includes('orderbook_delta') && tickers.length === 0) {
        error(14, 'Market Ticker required');
        return;
      }
      for (const channel of channels) {
        const sid = this.nextSid++;
        this.subs.set(sid, { channel, tickers: [...tickers], connection });
        if (!this.dropNextAck.delete(channel)) reply({ id, type: 'subscribed', msg: { channel, sid } });
        if (channel === 'orderbook_delta') for (const t of tickers) reply(this.snapshot(sid, t));
      }
      return;
    }
    if (cmd === 'unsubscribe') {
      for (const sid of (params?.sids as number[] | undefined) ?? []) {
        this.subs.delete(sid);
        reply({ id, sid, seq: this.bump(sid), type: 'unsubscribed' });
      }
      return;
    }
    if (cmd === 'update_subscription') {
      if (params?.action === undefined) {
        error(15, 'Action required');
        return;
      }
      const sids =
        (params.sids as number[] | undefined) ?? (params.sid !== undefined ? [params.sid as number] : []);
      const sid = sids[0];
      const sub = sid === undefined ? undefined : this.subs.get(sid);
      if (sids.length !== 1 || sid === undefined) {
        error(12, 'Exactly one subscription ID is required');
        return;
      }
      if (sub === undefined) {
        error(7, 'Unknown subscription ID');
        return;
      }
      if (params.action === 'get_snapshot') {
        for (const t of tickers) reply({ id, ...this.snapshot(sid, t) });
        return;
      }
      if (params.action === 'add_markets')
        sub.tickers.push(...tickers.filter((t) => !sub.tickers.includes(t)));
      else if (params.action === 'delete_markets')
        sub.tickers = sub.tickers.filter((t) => !tickers.includes(t));
      else {
        error(13, 'Unsupported action');
        return;
      }
      reply({ id, sid, seq: this.bump(sid), type: 'ok', msg: { market_tickers: sub.tickers } });
      return;
    }
    if (cmd === 'list_subscriptions') {
      const live = [...this.subs].filter(([, s]) => s.connection === connection);
      reply({ id, type: 'ok', msg: live.map(([sid, s]) => ({ channel: s.channel, sid })) });
      return;
    }
    error(5, 'Unknown command');
  }

  /** A two-level book in Kalshi's current wire shape. */
  snapshot(sid: number, ticker: string): Record<string, unknown> {
    return {
      type: 'orderbook_snapshot',
      sid,
      seq: this.bump(sid),
      msg: {
        market_ticker: ticker,
        yes_dollars_fp: [['0.4000', '10.00']],
        no_dollars_fp: [['0.5500', '5.00']],
      },
    };
  }

  /** A delta on `sid` with the next seq. */
  delta(sid: number, ticker: string, priceDollars: string, deltaFp: string): Record<string, unknown> {
    return {
      type: 'orderbook_delta',
      sid,
      seq: this.bump(sid),
      msg: { market_ticker: ticker, price_dollars: priceDollars, delta_fp: deltaFp, side: 'yes', ts_ms: 1 },
    };
  }

  private bump(sid: number): number {
    const seq = (this.seqBySid.get(sid) ?? 0) + 1;
    this.seqBySid.set(sid, seq);
    return seq;
  }
}

const KNOWN_CHANNELS = new Set([
  'orderbook_delta',
  'ticker',
  'trade',
  'fill',
  'user_orders',
  'market_positions',
  'market_lifecycle_v2',
]);

/** Real timers that remember which are still pending, so a test can prove nothing is scheduled. */
export function trackingTimers() {
  const live = new Set<ReturnType<typeof setTimeout>>();
  return {
    live,
    timers: {
      setTimeout(fn: () => void, ms: number): unknown {
        const handle = setTimeout(() => {
          live.delete(handle);
          fn();
        }, ms);
        live.add(handle);
        return handle;
      },
      clearTimeout(handle: unknown): void {
        live.delete(handle as ReturnType<typeof setTimeout>);
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    },
  };
}

type HandlerArgs<K extends keyof KalshiWsHandlers> = Parameters<NonNullable<KalshiWsHandlers[K]>>;

/** Every callback of the WS client as one event stream, for tests to wait on. */
export type ClientEvent = {
  [K in keyof KalshiWsHandlers]-?: { kind: K; args: HandlerArgs<K> };
}[keyof KalshiWsHandlers];

export type EventOf<K extends ClientEvent['kind']> = Extract<ClientEvent, { kind: K }>;

/** A type-narrowing matcher: `events.find(on('onSubscriptionChange', ([c]) => c.sid === 3))`. */
export const on =
  <K extends ClientEvent['kind']>(kind: K, match: (args: EventOf<K>['args']) => boolean = () => true) =>
  (e: ClientEvent): e is EventOf<K> =>
    e.kind === kind && match(e.args as EventOf<K>['args']);

export function recordingHandlers(): { handlers: KalshiWsHandlers; events: Recorder<ClientEvent> } {
  const events = new Recorder<ClientEvent>();
  const record =
    <K extends keyof KalshiWsHandlers>(kind: K) =>
    (...args: HandlerArgs<K>) =>
      events.push({ kind, args } as ClientEvent);
  return {
    events,
    handlers: {
      onOrderbookFrame: record('onOrderbookFrame'),
      onMessage: record('onMessage'),
      onStateChange: record('onStateChange'),
      onProtocolError: record('onProtocolError'),
      onSubscriptionChange: record('onSubscriptionChange'),
      onSubscriptionError: record('onSubscriptionError'),
      onHandlerError: record('onHandlerError'),
    },
  };
}
