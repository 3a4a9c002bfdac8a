// Vocabulary of the orderbook stream: its dependencies, what it publishes and what it reports.
import type { KalshiCredentials } from '../../adapters/kalshi/auth';
import type { DataMessage } from '../../adapters/kalshi/messages';
import type { KalshiWsClientOptions, WsConnectionState } from '../../adapters/kalshi/ws-types';
import type { LevelsBySide } from '../../domain/book-diff';
import type { OrderbookView } from '../../domain/orderbook';
import type { Timers } from '../../runtime/timers';
import type { AuditReport } from './book-audit';

/** The part of a pino logger the stream uses (a child such as `log.child({ actor: 'orderbook' })`). */
export interface StreamLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Private channels (and the market lifecycle) routed to the trading actor by the composition root. */
export type PrivateMessageType = 'fill' | 'user_order' | 'market_position' | 'market_lifecycle_v2';

/** Called with how many happened since the last call (every publish tick), never from the per-frame path. */
export interface OrderbookMetricsHooks {
  /** Frames received, by wire `type` (orderbook_delta, orderbook_snapshot, fill, ...). */
  onFrame?(type: string, count: number): void;
  onGap?(count: number): void;
  /** get_snapshot requests sent to recover books. */
  onResync?(count: number): void;
  onDuplicate?(count: number): void;
  onMalformed?(count: number): void;
  /** Frames on a sid our subscriptions do not hold, or that does not own the frame's market. */
  onForeign?(count: number): void;
  /** Orderbook frames for markets we did not subscribe. */
  onUnsubscribed?(count: number): void;
  /** Books the REST audit found wrong on two fetches (then resnapshotted). */
  onAuditMismatch?(count: number): void;
}

/** Client options the stream passes through (backoff, ping, watchdog, timeouts, timers). */
export type StreamWsOptions = Omit<KalshiWsClientOptions, 'url' | 'credentials' | 'handlers' | 'now'>;

export interface OrderbookStreamDeps {
  wsUrl: string;
  /** Without credentials the socket connects unsigned and no private channel is subscribed. */
  credentials?: KalshiCredentials;
  now: () => number;
  log: StreamLog;
  /** Coalescing period of book publications; default 100 ms. */
  publishIntervalMs?: number;
  /** A market with no usable message for this long counts as stale; default 60 s. */
  staleMs?: number;
  /** Unacknowledged subscriptions are sent again after this, plus jittered backoff; default 5 s. */
  subscribeTimeoutMs?: number;
  /** Stale books not fresh again this long after get_snapshot are resubscribed; default 5 s. */
  resyncTimeoutMs?: number;
  /** Still stale this long after the resubscribe: the socket is replaced; default 10 s. */
  resubscribeTimeoutMs?: number;
  /** Markets per orderbook_delta subscribe command; default 100. */
  subscribeBatchSize?: number;
  /** How often staleness is checked (and stuck books re-requested); default 1 s. */
  staleCheckIntervalMs?: number;
  /** [0, 1) source for backoff jitter; default Math.random. */
  random?: () => number;
  /** The publish tick's timer; real timers by default. */
  timers?: Timers;
  /** The REST book audit (V3_BOOK_AUDIT_INTERVAL_SECONDS); absent or intervalMs 0: off. */
  audit?: {
    intervalMs: number;
    /** Between the first fetch and the confirming one; default 1 s. */
    confirmMs?: number;
    /** Markets per audit read; default 100 (GET /markets/orderbooks' limit). */
    batch?: number;
    fetchBooks(tickers: string[]): Promise<Map<string, LevelsBySide>>;
  };
  onPrivate?(type: PrivateMessageType, message: DataMessage): void;
  metrics?: OrderbookMetricsHooks;
  wsOptions?: StreamWsOptions;
}

/** What views need besides the levels; null before the first frame. */
export interface BookMeta {
  seq: number | null;
  /** True unless the book is valid and current (toBookView's `stale`). */
  stale: boolean;
  updatedMs: number | null;
}

/** One coalesced publication: `book` is the live book, read it synchronously inside the listener. */
export interface BookUpdate {
  ticker: string;
  book: OrderbookView;
  meta: BookMeta;
}

export type BookListener = (update: BookUpdate) => void;

export interface StreamCounters {
  /** get_snapshot requests sent to recover books (after gaps, bad books or stuck markets). */
  resyncs: number;
  /** Subscriptions sent afresh (unacknowledged, errors 10/25, books stale after get_snapshot). */
  resubscribes: number;
  /** Sockets replaced because the resync ladder ran out (the feed machine's `reconnecting`). */
  forcedReconnects: number;
  publications: number;
  listenerErrors: number;
  privateMessages: number;
  privateErrors: number;
}

export const newStreamCounters = (): StreamCounters => ({
  resyncs: 0,
  resubscribes: 0,
  forcedReconnects: 0,
  publications: 0,
  listenerErrors: 0,
  privateMessages: 0,
  privateErrors: 0,
});

/** The feed machine's verdict, as the health report and /v3/status show it. */
export interface FeedVerdict {
  /** connecting, subscribing, loading, live, stale, reconnecting, or stopped. */
  state: string;
  /** What the root was last told: FEED.UP (true) or FEED.DOWN (false). */
  up: boolean;
  /** Why the feed is not up; null while it is. */
  reason: string | null;
}

export interface OrderbookStreamStats extends StreamCounters {
  running: boolean;
  connected: boolean;
  state: WsConnectionState | 'stopped';
  feed: FeedVerdict;
  /** 'off' without credentials. */
  privateChannels: 'subscribed' | 'missing' | 'off';
  markets: number;
  snapshots: number;
  deltas: number;
  duplicates: number;
  gaps: number;
  malformed: number;
  /** Books found negative or crossed (then re-snapshotted). */
  invalid: number;
  /** Deltas dropped while their book waited for a snapshot. */
  dropped: number;
  /** Frames dropped for a sid our subscriptions do not hold (or that does not own the market). */
  foreign: number;
  /** Orderbook frames dropped for markets we did not subscribe. */
  unsubscribed: number;
  /** Socket reconnects scheduled by the WS client, plus forced reconnects. */
  reconnects: number;
  /** Sids with a get_snapshot recovery under way. */
  resyncsInFlight: number;
  /** Markets whose book is valid, current and heard from within staleMs. */
  liveMarkets: number;
  /** Markets whose book is not fresh or silent for staleMs. */
  staleMarkets: string[];
  /** Per market: ms since its last applied frame, null if none yet. */
  lastMessageAgeMs: Record<string, number | null>;
  /** The REST book audit: last run, confirmed mismatches, and the last result per market. */
  audit: AuditReport;
}
