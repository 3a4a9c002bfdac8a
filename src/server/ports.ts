// The server's only view of the daemon: ports the composition root implements from actor snapshots.
import type { Registry } from 'prom-client';
import type { LiveBook } from './book-track';
import type { CommandResult, DaemonCommand } from './commands';
import type { ActivityRecord, DaemonEvent, TransitionEvent } from './events';
import type { HistoryPort } from './history-views';
import type {
  BookView,
  HealthView,
  OrderView,
  PositionView,
  PriceHistoryView,
  StatusView,
  TradingHistoryView,
  TradingStateView,
} from './views';

export interface DaemonPorts {
  getStatus(): StatusView;
  getHealth(): HealthView;
  /** The recorded transitions, oldest first (what `/v3/status` shows, with times in ms). */
  getTransitions(): Omit<TransitionEvent, 'type'>[];
  /** The last activity lines of every kind, oldest first: what a (re)loaded console replays. */
  getActivity(): ActivityRecord[];
  /** The session's last fills and PnL samples, for a console that opens or reloads. */
  getTradingHistory(): TradingHistoryView;
  /** A market's top of book over the session (empty for an unknown market). */
  getPriceHistory(ticker: string): PriceHistoryView;
  /** Held positions (and unverified ones); `all` adds the flat markets with history. */
  getPositions(options?: { all?: boolean }): PositionView[];
  getOrders(): OrderView[];
  /** The `trading_state` frame's data now: a new console shows positions and orders at once. */
  getTradingState(): TradingStateView;
  /** `depth` is 1–100 best levels per side; undefined means the whole book. Undefined for an unknown market. */
  getBook(ticker: string, depth?: number): BookView | undefined;
  /**
   * The daemon's live book of a market and its last trade, for the `orderbook_delta` channel to diff
   * against what it last published; read it during the call only. Undefined for an unknown market.
   */
  getLiveBook(ticker: string): LiveBook | undefined;
  /** Listeners are called synchronously and must not throw; returns the unsubscribe function. */
  subscribe(listener: (e: DaemonEvent) => void): () => void;
  send(cmd: DaemonCommand): Promise<CommandResult>;
  metrics: Registry;
  /** What storage kept (fills, orders, sessions, PnL); absent when the daemon keeps no history (503). */
  history?: HistoryPort;
  /** Shared secret for WS commands; an empty string disables commands. */
  controlToken: string;
  /** Browser origins allowed besides same-origin, e.g. `http://localhost:5173`. */
  allowedOrigins: string[];
  /** Host names served besides loopback (the bind address, V3_ALLOWED_HOSTS); any other Host gets 403. */
  allowedHosts: string[];
}
