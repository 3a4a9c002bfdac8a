// What the daemon keeps in storage, in domain units (ticks, centi-contracts, micro-dollars, ms): the rows
// written through the storage port and the rows its history queries return.
import type { SettlementEntry } from './fill-ledger-entry';
import type { Balance, BookSide, Fill, Order, OrderStatus, Position } from './trading-types';

export type StorageBackend = 'sqlite' | 'postgres';

/** One run of one daemon. `daemonId` is stable across restarts, so history continues under it. */
export interface SessionStart {
  /** Random per run; the integer `sessionId` is the database's. */
  uuid: string;
  /** Names the daemon in a shared database; history queries filter by it. */
  daemonId: string;
  /** Prefix of the client_order_ids this daemon generates (`kt-`, say). */
  orderPrefix: string;
  startedMs: number;
  /** Which exchange the run trades on (`simulator`, `demo`, `prod`): shown with the session. */
  exchange: string;
}

export interface SessionRecord extends SessionStart {
  sessionId: number;
  stoppedMs: number | null;
  /** Why it stopped (`SIGTERM`, ...); `unclean` for a run that never recorded its stop. */
  stopReason: string | null;
}

export type IntentSource = 'strategy' | 'manual';
/** The risk gate's answer (`allowed`, `rejected`), or `dropped` before the gate (stale, superseded). */
export type IntentDecision = 'allowed' | 'rejected' | 'dropped';

/** An order intent, from the strategy or an operator, with what became of it. */
export interface IntentRecord {
  /** Chosen by the caller, so the order it produced can name it. */
  intentId: string;
  atMs: number;
  source: IntentSource;
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
  /** The strategy's or operator's own words, if any. */
  reason: string | null;
  decision: IntentDecision;
  /** The risk rule (or drop reason) when not allowed. */
  rule: string | null;
  decisionReason: string | null;
}

/** `adopted`: found on the exchange with this daemon's prefix but missing from storage. */
export type OrderSource = IntentSource | 'adopted';

/** The order row committed before its create request leaves (the port's `recordOrder`). */
export interface NewOrder {
  clientOrderId: string;
  intentId: string | null;
  source: OrderSource;
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
  createdMs: number;
}

export interface StoredOrder extends Order {
  sessionId: number;
  daemonId: string;
  intentId: string | null;
  source: OrderSource;
  /** Why the order ended as it did when the exchange did not say. */
  note: string | null;
}

export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'resting', 'unknown'];
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['executed', 'canceled', 'rejected'];

export interface StoredFill extends Fill {
  sessionId: number;
  daemonId: string;
  /** Position in recording order: the fills cursor. */
  seq: number;
  recordedMs: number;
}

/**
 * Everything but the order row goes through the batched write queue as one of these. Order updates,
 * fills and snapshots can be rebuilt from the exchange; transitions and intents cannot.
 */
export type HistoryWrite =
  | { kind: 'transition'; atMs: number; from: string; to: string; reason: string | null }
  /** A `rejected` intent also lands in the risk-rejection log. */
  | { kind: 'intent'; intent: IntentRecord }
  /**
   * An order's new state (upserted by client_order_id: an order storage lacks is inserted as
   * `adopted`) plus one order-event row naming what happened (`accepted`, `canceled`, `update`, ...).
   * Only for this daemon's orders (its client_order_id prefix): another daemon's row is left as it is.
   */
  | { kind: 'order'; atMs: number; event: string; order: Order; note?: string | null }
  /** Insert-once by fill_id per daemon: the ledger's durable form. */
  | { kind: 'fill'; atMs: number; fill: Fill }
  /** Insert-once by market per daemon: a settlement is the ledger's other entry. */
  | { kind: 'settlement'; atMs: number; settlement: SettlementEntry }
  /** A market's position as the daemon holds it; `realizedPnl` and `feesPaid` are to date. */
  | { kind: 'position'; atMs: number; position: Position }
  | { kind: 'balance'; atMs: number; balance: Balance };

export type HistoryWriteKind = HistoryWrite['kind'];

/** What a full queue may drop: the exchange still has it, and reconciliation reads it back. */
export const REBUILDABLE_WRITES: ReadonlySet<HistoryWriteKind> = new Set([
  'order',
  'fill',
  // Read back by the sync for any market whose fold the exchange's row contradicts.
  'settlement',
  'position',
  'balance',
]);

/** Which history a query reads: one daemon, one session, or (both unset) everything. */
export interface HistoryScope {
  daemonId?: string;
  sessionId?: number;
}

/**
 * Fills come in recording order (`seq`), so a poller holding a cursor also sees a late fill that
 * happened before its cursor. One daemon commits its fills in order; when several daemons write to
 * one database, a gap-free cursor reads one daemon's fills (`daemonId`).
 */
export interface FillQuery extends HistoryScope {
  /** Cursor: the `nextCursor` of the previous page (the last row's `seq`). */
  since?: number;
  ticker?: string;
  /** 1 to 1000; default 100. */
  limit?: number;
  /** `asc` (default): oldest first, rows after `since`; `desc`: newest first, rows before `since`. */
  order?: 'asc' | 'desc';
}

export interface FillPage {
  fills: StoredFill[];
  /** Pass as `since` for the next page; null when this page was the last. */
  nextCursor: number | null;
}

export type OrderStatusFilter = 'open' | 'final' | 'all';

export interface OrderQuery extends HistoryScope {
  status?: OrderStatusFilter;
  ticker?: string;
  /** Newest first; 1 to 1000, default 500. */
  limit?: number;
  /** Cursor: the last order of the previous page; only orders after it (older) are listed. */
  after?: Pick<StoredOrder, 'createdMs' | 'clientOrderId'>;
}

export interface SessionQuery {
  daemonId?: string;
  /** Newest first; 1 to 1000, default 100. */
  limit?: number;
}

export interface PnlQuery extends HistoryScope {
  fromMs: number;
  toMs: number;
}

/** Totals over every market after the position snapshots up to `tsMs`, micro-dollars. */
export interface PnlPoint {
  tsMs: number;
  realizedPnl: number;
  feesPaid: number;
}
