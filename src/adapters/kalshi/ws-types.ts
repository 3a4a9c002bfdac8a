// Options, consumer callbacks and event shapes of the Kalshi WS client (ws.ts).
import type { RawData } from 'ws';
import type { Clock, KalshiCredentials } from './auth';
import type { DataMessage, DataMessageType } from './messages';
import type { FrameErrorReason, OrderbookDeltaFrame, OrderbookSnapshotFrame } from './orderbook-frame-parser';
import type { TickerFrame } from './ticker-frame-parser';
import type { BackoffOptions } from './ws-backoff';
import type { WsTimers } from './ws-commands';
import type { SidAssignment } from './ws-subscriptions';

export type WsConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WsStateInfo {
  /** Reconnect attempt number (0-based) for `connecting`/`reconnecting`. */
  attempt?: number;
  /** `reconnecting`: how long until the next attempt. */
  delayMs?: number;
  /** `open`: true when this is not the first connection, so every sid and book from before is void. */
  reconnected?: boolean;
  /** Close code of the socket that went away. */
  code?: number;
  /** Why the previous socket went away (handshake refusal, silence, server close, ...). */
  reason?: string;
}

export type WsProtocolErrorReason = FrameErrorReason | 'bad_control_frame' | 'bad_data_message';

/** A frame that could not be used: counted in stats().malformed and dropped. */
export interface WsProtocolError {
  reason: WsProtocolErrorReason;
  type?: string;
  sid?: number;
  /** Set for `bad_ticker` (see FrameError.seq). */
  seq?: number;
  /** zod's summary for control/data frames. */
  issues?: string;
  /** The first 200 characters of the frame, for one log line (exchange data, never secrets). */
  sample: string;
}

/**
 * A subscription failed outside any call the consumer is awaiting: an `error` frame that answered no
 * pending command (subscription-scoped codes such as 10 and 25), or a replay after reconnect that the
 * server refused (`code` set) or never answered (`code` null).
 */
export interface WsSubscriptionError {
  logicalId: string | null;
  channel: string | null;
  sid: number | null;
  code: number | null;
  message: string;
  /** Codes 10 and 25: the subscription is dead on the server; call `resubscribe(logicalId)`. */
  terminal: boolean;
}

export interface KalshiWsHandlers {
  /** Orderbook snapshots and deltas, parsed once from the raw text. */
  onOrderbookFrame?(frame: OrderbookSnapshotFrame | OrderbookDeltaFrame): void;
  /** trade, fill, user_order, market_position, market_lifecycle_v2 in integer units. */
  onMessage?(type: DataMessageType, message: DataMessage): void;
  /** `ticker` frames (last trade price and volume), in integer units. */
  onTicker?(frame: TickerFrame): void;
  onStateChange?(state: WsConnectionState, info: WsStateInfo): void;
  onProtocolError?(err: WsProtocolError): void;
  /** Called synchronously on each `subscribed`, before any frame of the new sid is delivered. */
  onSubscriptionChange?(change: SidAssignment): void;
  onSubscriptionError?(event: WsSubscriptionError): void;
  /** A handler above threw; the client counts it and carries on. */
  onHandlerError?(err: unknown): void;
}

/** The part of a `ws` WebSocket the connection uses. */
export interface WsSocket {
  readonly readyState: number;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: RawData) => void): unknown;
  on(event: 'ping' | 'pong', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
  send(text: string, cb: (err?: Error) => void): void;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(): void;
}

export type WsSocketFactory = (
  url: string,
  options: { headers: Record<string, string> | undefined; handshakeTimeout: number },
) => WsSocket;

export interface KalshiWsClientOptions {
  /** Full WS URL, e.g. wss://external-api-ws.kalshi.com/trade-api/ws/v2 or the simulator's. */
  url: string;
  /** Omitted: connect without auth headers (servers that do not require them). */
  credentials?: KalshiCredentials;
  handlers?: KalshiWsHandlers;
  /** Wall clock in ms, used for signing, the silence watchdog and stats; must agree with `timers`. */
  now?: Clock;
  timers?: WsTimers;
  /** Opens each socket; the `ws` package by default (a replay serves recorded frames through this seam). */
  createSocket?: WsSocketFactory;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
  backoff?: BackoffOptions;
  /** Default 10 s. */
  commandTimeoutMs?: number;
  /** Own ping period; default 20 s (Kalshi pings every 10 s on its side). */
  pingIntervalMs?: number;
  /** No frame of any kind (data, ping, pong) for this long: terminate and reconnect. Default 30 s. */
  silenceTimeoutMs?: number;
  /** HTTP upgrade deadline; default 10 s. */
  handshakeTimeoutMs?: number;
  /** How long close() waits for the closing handshake before terminating; default 2 s. */
  closeTimeoutMs?: number;
}

export interface WsStats {
  state: WsConnectionState;
  framesByType: Record<string, number>;
  malformed: number;
  /** Data frames (not orderbook) dropped because their sid belongs to none of our subscriptions. */
  foreign: number;
  /** Reconnect attempts scheduled since the client started. */
  reconnects: number;
  watchdogTrips: number;
  handlerErrors: number;
  /** Control replies that matched no pending command (e.g. after a timeout). */
  unmatchedReplies: number;
  lastMessageAt: number | null;
  commandsInFlight: number;
}
