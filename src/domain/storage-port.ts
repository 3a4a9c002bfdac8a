// The storage port: what the trading side and the server may ask of storage, whichever database is behind it.
import type { SettlementEntry } from './fill-ledger-entry';
import type {
  FillPage,
  FillQuery,
  HistoryScope,
  HistoryWrite,
  HistoryWriteKind,
  NewOrder,
  OrderQuery,
  PnlPoint,
  PnlQuery,
  SessionQuery,
  SessionRecord,
  SessionStart,
  StorageBackend,
  StoredOrder,
} from './storage-records';

export interface StorageStats {
  /** Writes waiting in the queue. */
  queued: number;
  /** Writes committed by the queue, and in how many batches. */
  written: number;
  batches: number;
  /** Writes a full queue dropped, per kind (only kinds the exchange can rebuild are ever dropped). */
  dropped: Partial<Record<HistoryWriteKind, number>>;
  /** Writes the database refused outright (a constraint, a bad value): logged once each, never retried. */
  rejected: number;
  /** Batches that failed for a reason worth retrying (database unreachable); they stay queued. */
  flushErrors: number;
  /** Order rows committed by `recordOrder`. */
  ordersRecorded: number;
  /** The last error reaching the database (order insert or batch), secrets removed; null once a write succeeds. */
  lastError: string | null;
}

export interface StoragePort {
  readonly backend: StorageBackend;
  /** Where the data lives, safe to log (no password). */
  readonly location: string;

  /** Opens this run's session row (committed). Marks the daemon's sessions left open as `unclean`. */
  startSession(start: SessionStart): Promise<SessionRecord>;
  /** Committed before it resolves. */
  endSession(stoppedMs: number, reason: string): Promise<void>;

  /**
   * The order row, durably committed before the promise resolves (SQLite commits synchronously inside
   * the call): call it, and await it, before the create request leaves. If it rejects, do not send the
   * order. Resolves false when the client_order_id is stored already (the row is left as it was).
   */
  recordOrder(order: NewOrder): Promise<boolean>;

  /**
   * Everything else: queued, written in batches at most every flush interval. Never blocks and never
   * throws for a full queue: see StorageStats.dropped. Needs a started session.
   */
  enqueue(write: HistoryWrite): void;
  /** Writes everything queued so far; rejects if the database stays unreachable. */
  flush(): Promise<void>;
  /** Flushes, then releases the database. Later writes are dropped. */
  close(): Promise<void>;
  stats(): StorageStats;

  listFills(query: FillQuery): Promise<FillPage>;
  /** The settlements stored for the scope, oldest first: the ledger's entries beside the fills. */
  listSettlements(scope: HistoryScope): Promise<SettlementEntry[]>;
  listOrders(query: OrderQuery): Promise<StoredOrder[]>;
  listSessions(query: SessionQuery): Promise<SessionRecord[]>;
  /** Realized PnL and fees over time, from the position snapshots in [fromMs, toMs]. */
  realizedPnlSeries(query: PnlQuery): Promise<PnlPoint[]>;
}
