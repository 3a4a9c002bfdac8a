// One Kalshi WS socket at a time: signed upgrade, own pings, silence watchdog, and reconnects with
// capped exponential backoff + full jitter until close(). Knows nothing about frames or commands.
import WebSocket from 'ws';
import { authHeaders, type Clock, signingPath } from './auth';
import { DEFAULT_BACKOFF, ReconnectBackoff } from './ws-backoff';
import { REAL_TIMERS, type WsTimers } from './ws-commands';
import { KalshiWsError } from './ws-errors';
import type {
  KalshiWsClientOptions,
  WsConnectionState,
  WsSocket,
  WsSocketFactory,
  WsStateInfo,
} from './ws-types';

export interface WsConnectionEvents {
  onState(state: WsConnectionState, info: WsStateInfo): void;
  /** The socket is open: replay subscriptions. `reconnected`: an earlier socket existed. */
  onOpen(reconnected: boolean): void;
  /** One text frame's bytes, as the socket delivered them (decoding is the reader's choice). */
  onFrame(bytes: Buffer): void;
  /** The socket is gone; called before `reconnecting` or `closed` is announced. */
  onDown(): void;
}

interface Socket {
  ws: WsSocket;
  opened: boolean;
  lastFrameAt: number;
  pingTimer: unknown;
  watchdogTimer: unknown;
  /** Why this socket is going away, when we know better than the close code. */
  closeReason: string | undefined;
}

const noop = (): void => {};
/** The real socket: the `ws` package, answering the server's pings itself. */
export const openWs: WsSocketFactory = (url, options) => new WebSocket(url, { ...options, autoPong: true });

export class WsConnection {
  private readonly now: Clock;
  private readonly timers: WsTimers;
  private readonly createSocket: WsSocketFactory;
  private readonly backoff: ReconnectBackoff;
  private readonly pingIntervalMs: number;
  private readonly silenceTimeoutMs: number;
  private current: WsConnectionState = 'idle';
  private socket: Socket | null = null;
  private closing = false;
  private everOpened = false;
  private reconnectTimer: unknown = null;
  private closeTimer: unknown = null;
  private openWaiters: Array<{ resolve: () => void; reject: (err: KalshiWsError) => void }> = [];
  private closeWaiters: Array<() => void> = [];
  reconnects = 0;
  watchdogTrips = 0;
  lastMessageAt: number | null = null;

  constructor(
    private readonly options: KalshiWsClientOptions,
    private readonly events: WsConnectionEvents,
  ) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
    this.createSocket = options.createSocket ?? openWs;
    this.backoff = new ReconnectBackoff(options.backoff ?? DEFAULT_BACKOFF, options.random ?? Math.random);
    this.pingIntervalMs = options.pingIntervalMs ?? 20_000;
    this.silenceTimeoutMs = options.silenceTimeoutMs ?? 30_000;
  }

  get state(): WsConnectionState {
    return this.current;
  }

  get isOpen(): boolean {
    const s = this.socket;
    return s?.opened === true && s.ws.readyState === WebSocket.OPEN;
  }

  get isClosing(): boolean {
    return this.closing || this.current === 'closed';
  }

  /** Starts the connect/reconnect loop if idle; resolves at the next `open`, rejects on close(). */
  connect(): Promise<void> {
    if (this.isClosing) return Promise.reject(new KalshiWsError('closed', 'client is closed'));
    if (this.current === 'open') return Promise.resolve();
    const opened = new Promise<void>((resolve, reject) => this.openWaiters.push({ resolve, reject }));
    if (this.current === 'idle') this.openSocket(0);
    return opened;
  }

  /** Sends a text frame; false when no socket is open. */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    // The callback keeps a send racing a close from throwing; the close path fails what was pending.
    this.socket!.ws.send(text, noop);
    return true;
  }

  /** The server has proved it serves us (every replay answered): the next failure starts from scratch. */
  resetBackoff(): void {
    this.backoff.reset();
  }

  close(): Promise<void> {
    if (this.current === 'closed') return Promise.resolve();
    const done = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    if (this.closing) return done;
    this.closing = true;
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const err = new KalshiWsError('closed', 'client closed');
    for (const w of this.openWaiters.splice(0)) w.reject(err);
    const socket = this.socket;
    if (socket === null) {
      this.finishClose({});
      return done;
    }
    this.closeTimer = this.timers.setTimeout(
      () => socket.ws.terminate(),
      this.options.closeTimeoutMs ?? 2_000,
    );
    try {
      socket.ws.close(1000, 'client closing');
    } catch {
      socket.ws.terminate();
    }
    return done;
  }

  private openSocket(attempt: number): void {
    this.setState('connecting', { attempt });
    const { url, credentials } = this.options;
    let ws: WsSocket;
    try {
      // Signed afresh on every attempt: the signature covers the current timestamp.
      const headers = credentials ? authHeaders(credentials, 'GET', signingPath(url), this.now) : undefined;
      const handshakeTimeout = this.options.handshakeTimeoutMs ?? 10_000;
      ws = this.createSocket(url, { headers, handshakeTimeout });
    } catch (err) {
      this.scheduleReconnect({ reason: describe(err) });
      return;
    }
    const s: Socket = {
      ws,
      opened: false,
      lastFrameAt: 0,
      pingTimer: null,
      watchdogTimer: null,
      closeReason: undefined,
    };
    this.socket = s;
    ws.on('open', () => this.onOpen(s));
    ws.on('message', (data) => {
      if (this.socket !== s) return;
      const at = this.now();
      s.lastFrameAt = at;
      this.lastMessageAt = at;
      this.events.onFrame(rawToBytes(data));
    });
    // Kalshi's 10 s heartbeat pings (answered by ws itself: autoPong) and pongs to ours both prove life.
    ws.on('ping', () => this.touch(s));
    ws.on('pong', () => this.touch(s));
    ws.on('error', (err) => {
      s.closeReason ??= describe(err);
    });
    ws.on('close', (code, reason) => this.onClose(s, code, reason.toString('utf8')));
  }

  private onOpen(s: Socket): void {
    if (this.socket !== s) return;
    s.opened = true;
    s.lastFrameAt = this.now();
    const reconnected = this.everOpened;
    this.everOpened = true;
    this.armPing(s);
    this.armWatchdog(s, this.silenceTimeoutMs);
    this.setState('open', { reconnected });
    for (const w of this.openWaiters.splice(0)) w.resolve();
    this.events.onOpen(reconnected);
  }

  private onClose(s: Socket, code: number, reason: string): void {
    if (this.socket !== s) return;
    this.socket = null;
    this.timers.clearTimeout(s.pingTimer);
    this.timers.clearTimeout(s.watchdogTimer);
    const why = s.closeReason ?? (reason || `closed with code ${code}`);
    this.events.onDown();
    if (this.closing) this.finishClose({ code, reason: why });
    else this.scheduleReconnect({ code, reason: why });
  }

  private scheduleReconnect(info: WsStateInfo): void {
    const { attempt, delayMs } = this.backoff.next();
    this.reconnects++;
    this.setState('reconnecting', { ...info, attempt, delayMs });
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closing) this.openSocket(attempt + 1);
    }, delayMs);
  }

  private finishClose(info: WsStateInfo): void {
    if (this.closeTimer !== null) this.timers.clearTimeout(this.closeTimer);
    this.closeTimer = null;
    this.setState('closed', info);
    for (const resolve of this.closeWaiters.splice(0)) resolve();
  }

  private touch(s: Socket): void {
    if (this.socket === s) s.lastFrameAt = this.now();
  }

  private armPing(s: Socket): void {
    s.pingTimer = this.timers.setTimeout(() => {
      if (this.socket !== s || s.ws.readyState !== WebSocket.OPEN) return;
      s.ws.ping();
      this.armPing(s);
    }, this.pingIntervalMs);
  }

  /** One timer per socket, re-armed for the remaining time, so frames never touch a timer. */
  private armWatchdog(s: Socket, ms: number): void {
    s.watchdogTimer = this.timers.setTimeout(() => {
      if (this.socket !== s) return;
      const silentFor = this.now() - s.lastFrameAt;
      if (silentFor < this.silenceTimeoutMs) {
        this.armWatchdog(s, Math.max(1, Math.min(this.silenceTimeoutMs, this.silenceTimeoutMs - silentFor)));
        return;
      }
      this.watchdogTrips++;
      s.closeReason = `no frame for ${silentFor} ms`;
      s.ws.terminate();
    }, ms);
  }

  private setState(state: WsConnectionState, info: WsStateInfo): void {
    this.current = state;
    this.events.onState(state, info);
  }
}

function rawToBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
