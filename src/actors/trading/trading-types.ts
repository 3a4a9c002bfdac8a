// The trading actor's state and events: plain data only, so snapshots can be shown, logged and diffed.
import type { FieldDifference } from '../../domain/fill-ledger-check';
import type { LedgerEntry } from '../../domain/fill-ledger-entry';
import type { MarketLifecycle, MarketPhase } from '../../domain/market-phase';
import type { OrderChange, RiskDecision } from '../../domain/risk-gate';
import {
  type Balance,
  type BookSide,
  type Fill,
  isLiveStatus,
  type Order,
  type Position,
} from '../../domain/trading-types';

/**
 * Prefix of every client_order_id this daemon generates (`kt-<uuid>`). Without persistence it is how a
 * restarted daemon tells its own orders on the exchange from manual ones or another program's.
 */
export const DAEMON_ORDER_PREFIX = 'kt-';

export const isDaemonOrderId = (clientOrderId: string | null | undefined): boolean =>
  !!clientOrderId && clientOrderId.startsWith(DAEMON_ORDER_PREFIX);

/**
 * Prefix of a manual order's client_order_id (`kt-m-<uuid>`; a uuid never starts with `m-`): still the
 * daemon's, but never the strategy's, so a strategy's desired orders never cancel or amend it.
 */
export const MANUAL_ORDER_PREFIX = `${DAEMON_ORDER_PREFIX}m-`;

export const isManualOrderId = (clientOrderId: string): boolean =>
  clientOrderId.startsWith(MANUAL_ORDER_PREFIX);

/**
 * Who set an order's status: `exchange` (a REST listing, a user_order frame, a cancel answer) or
 * `inferred` by the daemon (pending, unknown, rejected, not found, computed from a create answer's
 * counts). An inferred terminal status gives way when the exchange lists the order as open again.
 */
export type StatusSource = 'exchange' | 'inferred';

/** An order as the daemon tracks it: the exchange's view plus what reconciliation needs. */
export interface TrackedOrder extends Order {
  statusSource: StatusSource;
  /**
   * Sent by this daemon (or by an earlier run of it: client_order_id starts with DAEMON_ORDER_PREFIX).
   * False for manual orders and other programs' orders.
   */
  placedByDaemon: boolean;
  /** Last time the exchange confirmed the order exists (REST listing, create answer, WS update). */
  lastSeenMs: number | null;
  /** Consecutive syncs in which an open order was absent from the exchange's open orders. */
  missingSyncs: number;
  /** Why the order ended as it did, when the exchange did not say (rejection text, not-found proof). */
  note: string | null;
}

export interface TradingCounters {
  submitted: number;
  accepted: number;
  rejected: number;
  unknown: number;
  /** Intents stopped by the risk gate: they never reached the exchange. */
  blocked: number;
  fills: number;
  /** Changes to resting orders the exchange accepted. */
  canceled: number;
  amended: number;
  decreased: number;
}

/**
 * How a market's fold compares with the exchange's position row, while they differ (a market that
 * agrees has no check). `differs`: seen at `syncs` syncs in a row. `refetch`: the market's fills are to
 * be paged from its first (the difference survived two syncs, or was there at the first sync).
 * `unverified` (`reported`): paged, re-folded and still different.
 */
export interface MarketCheck {
  status: 'differs' | 'refetch' | 'unverified';
  /** Consecutive syncs the difference was seen (since the last page, once unverified). */
  syncs: number;
  /** The row compared with; null when the exchange listed none. */
  exchange: Position | null;
  /** When that listing was asked for (our clock), if known: what an absent row is checked as of. */
  listedMs?: number;
  differences: FieldDifference[];
  /** Logged and counted as a mismatch: once per episode, until the market agrees again. */
  reported: boolean;
}

/** The ledger as the snapshot shows it: small, whatever the number of entries beside the actor. */
export interface LedgerState {
  /** Entries held (fills and settlements). */
  entries: number;
  /** Markets whose fold differs from the exchange's row (see MarketCheck). */
  checks: Record<string, MarketCheck>;
}

export interface TradingState {
  /** Keyed by client_order_id (orders placed elsewhere without one are keyed `order:<order_id>`). */
  orders: Record<string, TrackedOrder>;
  /**
   * The fill ledger's fold per market it holds entries for, flat markets included: position, basis
   * (exposure), realized PnL and fees as the exchange books them. Never taken from a position row.
   */
  positions: Record<string, Position>;
  balance: Balance | null;
  lastSync: { atMs: number; changes: string[] } | null;
  killSwitch: boolean;
  /** The operator's strategy pause: kept here so it survives a restart of the strategy actor. */
  strategyPaused: boolean;
  /**
   * Realized PnL net of fees of the ledger's entries executed on UTC day `pnlDay` (exchange time),
   * micro-dollars: what the daily-loss rule reads (see riskStateOf for the unverified markets).
   */
  dailyRealizedPnl: number;
  pnlDay: string | null;
  counters: TradingCounters;
  /** Exchange time of the newest fill a REST backfill returned: the next backfill reads from about here. */
  lastRestFillMs: number | null;
  ledger: LedgerState;
  /** Absent syncs before an unproven open order may be declared gone (default 3). */
  missingSyncLimit: number;
  /** Sequence number of the last applied sync: a slower, older sync applying later is dropped. */
  lastSyncSeq: number;
  /**
   * Changes sent for resting orders and not answered yet, by order key: the gate counts an amend in
   * flight at its worse terms, and the desired-orders diff leaves such an order alone.
   */
  changesInFlight: Record<string, OrderChange>;
  /** Each followed or traded market's lifecycle phase and close time (REST listings, lifecycle frames). */
  markets: Record<string, MarketLifecycle>;
  /** The figures of the flat positions a sync let go of (trading-prune.ts): the PnL totals keep them. */
  retired: RetiredPositions;
}

/** Sums over the positions dropped from `positions` once flat, unfollowed and done with. */
export interface RetiredPositions {
  markets: number;
  realizedPnl: number;
  feesPaid: number;
}

export interface OrderShape {
  ticker: string;
  side: BookSide;
  price: number;
  count: number;
}

export interface SyncApplyEvent {
  type: 'SYNC.APPLY';
  atMs: number;
  /** Taken when the sync started (monotonic per service): an apply older than the last one is dropped. */
  seq?: number;
  /** The exchange's position rows: the check on the ledger's fold, never its source. */
  positions: Position[];
  /** When the position listing was asked for (our clock): the time an absent row speaks for. */
  positionsListedMs?: number;
  /** Every open (resting) order on the exchange, all pages: REST is truth for these. */
  orders: Order[];
  balance: Balance;
  /** Orders of any status found by the recent-order lookups (the proof for missing orders). */
  recentOrders?: Order[];
  /** Keys of the tracked orders those lookups covered: only they can be declared gone. */
  lookedUp?: string[];
  /** Fills REST listed since the last backfill, all pages, into the ledger. Absent when not fetched. */
  fills?: Fill[];
  /** The markets followed now: given, what is not followed and done with is let go (trading-prune.ts). */
  followed?: readonly string[];
}

/** Where a settlement comes from (`GET /portfolio/settlements`, a lifecycle frame): a ledger entry too. */
export interface SettlementEvent {
  type: 'SETTLEMENT';
  ticker: string;
  result: 'yes' | 'no' | { yesValue: number };
  settledMs: number;
  fee: number;
  atMs: number;
}

/** What a REST listing or a `market_lifecycle_v2` frame says of a market; absent fields are unchanged. */
export interface MarketUpdate {
  ticker: string;
  phase?: MarketPhase;
  closeTimeMs?: number | null;
  result?: string | null;
  settledMs?: number | null;
}

export type TradingEvent =
  | SyncApplyEvent
  | { type: 'BALANCE'; balance: Balance; atMs: number }
  | { type: 'ORDER.PENDING'; clientOrderId: string; intent: OrderShape; atMs: number }
  | {
      type: 'ORDER.ACCEPTED';
      clientOrderId: string;
      orderId: string;
      fillCount: number;
      remainingCount: number;
      atMs: number;
    }
  | { type: 'ORDER.REJECTED'; clientOrderId: string; code: string; message: string; atMs: number }
  | { type: 'ORDER.UNKNOWN'; clientOrderId: string; reason: string; atMs: number }
  /** `clientOrderId` is the tracked key (`order:<id>` for orders placed elsewhere). */
  | { type: 'ORDER.CANCELED'; clientOrderId: string; orderId?: string; atMs: number }
  | { type: 'ORDER.BLOCKED'; decision: Extract<RiskDecision, { allow: false }>; atMs: number }
  | { type: 'ORDER.UPDATE'; order: Order; atMs: number }
  /** A cancel, decrease or amend is about to leave for the order under this key. */
  | { type: 'ORDER.CHANGE_SENT'; clientOrderId: string; change: OrderChange; atMs: number }
  | {
      type: 'ORDER.AMENDED';
      clientOrderId: string;
      price: number;
      remainingCount: number;
      /** From the answer when it says; our count otherwise. */
      fillCount: number | null;
      atMs: number;
    }
  | { type: 'ORDER.DECREASED'; clientOrderId: string; remainingCount: number; atMs: number }
  /**
   * A change that did not go through: `rejected` leaves the order as it was; `not_found` (gone: filled
   * or canceled) and `unknown` (no answer) leave it `unknown` at its worse terms until a sync settles it.
   */
  | {
      type: 'ORDER.CHANGE_FAILED';
      clientOrderId: string;
      outcome: 'rejected' | 'not_found' | 'unknown';
      reason: string;
      atMs: number;
    }
  | { type: 'FILL'; fill: Fill; atMs: number }
  /**
   * A market's fills paged from its first (a check asked for it): re-folded and checked again, against
   * the market's row read again just before the page when given (null: the exchange listed none).
   */
  | {
      type: 'LEDGER.HISTORY';
      ticker: string;
      fills: Fill[];
      atMs: number;
      row?: { position: Position | null; listedMs: number };
    }
  /** Orders an earlier run left open (storage), tracked again before the first sync settles them. */
  | { type: 'ORDERS.RESTORE'; orders: Order[]; atMs: number }
  /** Entries kept from an earlier run (storage), loaded before the first sync; not news, not counted. */
  | { type: 'LEDGER.LOAD'; entries: LedgerEntry[]; atMs: number }
  | SettlementEvent
  | { type: 'MARKETS.UPDATE'; updates: MarketUpdate[]; atMs: number }
  | { type: 'KILL_SWITCH'; on: boolean }
  | { type: 'STRATEGY.SET_PAUSED'; paused: boolean };

/** The statuses that can still change on the exchange: the domain's one test for "open". */
export const isOpenStatus = isLiveStatus;

export const isTerminalStatus = (status: Order['status']): boolean =>
  status === 'canceled' || status === 'executed' || status === 'rejected';

export const orderKey = (order: Pick<Order, 'clientOrderId' | 'orderId'>): string =>
  order.clientOrderId || `order:${order.orderId}`;
