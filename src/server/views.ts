// The daemon's public read models (HTTP bodies and WS frame data) as zod schemas with inferred types.
// Money, prices and counts are Kalshi-style fixed-point strings, never floats; see view-mappers.ts.
import { z } from 'zod';
import { PUBLIC_STATES } from '../machines/trader.events';

/** The root statechart's public vocabulary, lower case on the wire (one list, owned by the machine). */
export const TRADER_STATES = PUBLIC_STATES;
export const TraderStateSchema = z.enum(TRADER_STATES);
export type TraderState = z.infer<typeof TraderStateSchema>;

/** "0.5600": a YES or NO price with Kalshi's 4 decimals. */
export const PriceDollarsSchema = z.string().regex(/^[01]\.\d{4}$/);
/** "123.4500" / "-0.010000": money with 2 to 6 decimals. */
export const DollarsSchema = z.string().regex(/^-?\d+\.\d{2,6}$/);
/** "10.00": a contract count (signed for positions) with 2 decimals. */
export const CountFpSchema = z.string().regex(/^-?\d+\.\d{2}$/);
const IsoTime = z.string().describe('ISO-8601 UTC time');
const Int = z.number().int();

export const HealthViewSchema = z.object({
  healthy: z.boolean(),
  status: z
    .enum(['running', 'degraded', 'unhealthy'])
    .describe('running in ready (and acting on a live feed), degraded while serving without the feed'),
  state: TraderStateSchema,
  uptime: z.number().nonnegative().describe('seconds since the daemon started'),
});
export type HealthView = z.infer<typeof HealthViewSchema>;

export const BalanceViewSchema = z.object({
  balance_dollars: DollarsSchema,
  portfolio_value_dollars: DollarsSchema,
  balance_cents: Int.describe("Kalshi's integer-cents balance field"),
});
export type BalanceView = z.infer<typeof BalanceViewSchema>;

export const ComponentHealthSchema = z.object({
  healthy: z.boolean(),
  detail: z.string().optional(),
  last_check: IsoTime.optional(),
});

export const TransitionViewSchema = z.object({
  from: TraderStateSchema,
  to: TraderStateSchema,
  at: IsoTime.describe('the latest time it happened'),
  reason: z.string().optional(),
  count: Int.min(2)
    .optional()
    .describe('times in a row, when repeated: ready → acting round trips are counted on one record'),
});
export type TransitionView = z.infer<typeof TransitionViewSchema>;

export const ConnectionsViewSchema = z.object({
  api_url: z.string().nullable(),
  ws_url: z.string().nullable(),
  api_connected: z.boolean(),
  feed_connected: z.boolean(),
  markets_connected: Int.nonnegative().describe('markets with a live book'),
  last_ping_age: z.number().nonnegative().nullable().describe('seconds since the feed last heard a ping'),
});

/** A market's figures as the exchange's position row carries them. */
export const PositionFiguresSchema = z.object({
  position_fp: CountFpSchema,
  market_exposure_dollars: DollarsSchema,
  realized_pnl_dollars: DollarsSchema,
  fees_paid_dollars: DollarsSchema,
});

/**
 * One market as the fill ledger folds it (Kalshi's position row fields, which the exchange's row checks)
 * plus its PnL marked to the book.
 */
export const PositionViewSchema = z.object({
  ticker: z.string(),
  position_fp: CountFpSchema.describe('> 0 long YES, < 0 long NO'),
  market_exposure_dollars: DollarsSchema.describe('cost basis of the contracts held'),
  total_traded_dollars: DollarsSchema,
  realized_pnl_dollars: DollarsSchema.describe('realized PnL before fees, as Kalshi books it'),
  fees_paid_dollars: DollarsSchema,
  realized_pnl_net_dollars: DollarsSchema.describe('realized PnL net of fees'),
  average_entry_price_dollars: DollarsSchema.nullable().describe(
    'cost basis per contract of the side held (YES price if long YES, NO price if long NO); null when flat',
  ),
  mark_price_dollars: PriceDollarsSchema.nullable().describe(
    'price of the side held it could be closed at now (best YES bid if long YES, best NO bid if long NO); null when flat or nobody bids',
  ),
  unrealized_pnl_dollars: DollarsSchema.nullable().describe(
    'closing at the mark less the cost basis; 0 when flat, null when held but not markable',
  ),
  unverified: z
    .boolean()
    .describe("true while the ledger's fold differs from the exchange's position row after a re-fold"),
  exchange: PositionFiguresSchema.nullable().describe("the exchange's figures while unverified"),
  last_updated_ts: IsoTime.nullable(),
});
export type PositionView = z.infer<typeof PositionViewSchema>;

/** Totals over every market the ledger holds. */
export const PnlViewSchema = z.object({
  realized_pnl_dollars: DollarsSchema.describe('before fees'),
  fees_paid_dollars: DollarsSchema,
  realized_pnl_net_dollars: DollarsSchema.describe('realized PnL net of fees'),
  unrealized_pnl_dollars: DollarsSchema.describe('of the held positions with a mark'),
  unmarked_positions: Int.nonnegative().describe('held positions without a book to mark them to'),
  exposure_dollars: DollarsSchema,
  unverified_positions: Int.nonnegative(),
  ledger_entries: Int.nonnegative().describe('fills and settlements in the fill ledger'),
});
export type PnlView = z.infer<typeof PnlViewSchema>;

const DailyRealizedPnl = DollarsSchema.describe(
  "today's (UTC) realized PnL net of fees, as the daily-loss rule reads it",
);

export const MarketAuditViewSchema = z.object({
  at: IsoTime,
  result: z
    .enum(['match', 'differs', 'mismatch'])
    .describe('differs: waiting for the confirming fetch; mismatch: confirmed on two fetches, resnapshotted'),
  levels: Int.nonnegative().describe('levels that differed (0 on a match)'),
});

/** The REST book audit (issue 20): our books compared with the exchange's REST books, round robin. */
export const BookAuditViewSchema = z.object({
  interval_seconds: z.number().nonnegative().describe('V3_BOOK_AUDIT_INTERVAL_SECONDS; 0 = off'),
  last_run: IsoTime.nullable(),
  mismatches: Int.nonnegative().describe('books found wrong on two fetches since the daemon started'),
  markets: z.record(z.string(), MarketAuditViewSchema).describe("each audited market's last result"),
});
export type BookAuditView = z.infer<typeof BookAuditViewSchema>;

/** A market's place in its lifecycle (issue 16): what the daemon knows from REST and lifecycle frames. */
export const MarketLifecycleViewSchema = z.object({
  status: z
    .enum(['unknown', 'unopened', 'open', 'paused', 'closed', 'determined', 'settled'])
    .describe('closed as soon as the close time passes (Kalshi sends no event then)'),
  close_time: IsoTime.nullable(),
  closes_in_seconds: Int.nonnegative().nullable().describe('0 once closed; null when unknown'),
  result: z.string().nullable().describe('yes, no or scalar once determined'),
  settled_time: IsoTime.nullable(),
  followed: z.boolean().describe('streamed and traded now (false: rolled out, shown for its settlement)'),
});
export type MarketLifecycleView = z.infer<typeof MarketLifecycleViewSchema>;

export const StorageStatusViewSchema = z.object({
  backend: z.enum(['sqlite', 'postgres']),
  location: z.string().describe('the SQLite file, or the PostgreSQL URL without its password'),
  session_id: Int.describe("this run's integer session id in storage"),
  queued: Int.nonnegative().describe('history writes waiting for the batched writer'),
  written: Int.nonnegative(),
  dropped: Int.nonnegative().describe('writes a full queue dropped (only what the exchange can rebuild)'),
  rejected: Int.nonnegative().describe('writes the database refused'),
  last_error: z.string().nullable(),
  reconciliation: z
    .object({
      at: IsoTime,
      loaded_fills: Int.nonnegative(),
      restored_orders: Int.nonnegative(),
      adopted_orders: Int.nonnegative(),
      discrepancies: z
        .array(z.string())
        .describe('what the restart could not explain; non-empty: the strategy was started paused'),
    })
    .nullable()
    .describe('the restart reconciliation, once the first sync has run'),
});
export type StorageStatusView = z.infer<typeof StorageStatusViewSchema>;

export const StatusViewSchema = z.object({
  state: TraderStateSchema,
  degraded: z.boolean(),
  markets: z.array(z.string()),
  snapshots_received: Int.nonnegative(),
  deltas_received: Int.nonnegative(),
  positions: Int.nonnegative().describe('number of non-zero positions'),
  orders: Int.nonnegative().describe('number of open orders'),
  balance: BalanceViewSchema.nullable().describe('null until the first sync'),
  session_id: z.string(),
  version: z.string().describe("the daemon's version (package.json)"),
  uptime: z.number().nonnegative(),
  components: z
    .record(z.string(), ComponentHealthSchema)
    .describe(
      '`orderbook` and `trading` from the last health report; `private_channels` (fills/orders/positions ' +
        'subscribed on the exchange socket) live, absent without credentials',
    ),
  connections: ConnectionsViewSchema,
  last_error: z.object({ message: z.string(), at: IsoTime }).nullable(),
  recovery_attempts: Int.nonnegative().describe(
    'same as total_recovery_attempts (the original console reads it)',
  ),
  total_recovery_attempts: Int.nonnegative().describe(
    'every error → initializing recovery since the daemon started',
  ),
  consecutive_recovery_attempts: Int.nonnegative().describe(
    'recoveries since the last good sync cycle: what the backoff is computed from',
  ),
  kill_switch: z.boolean().describe('new orders are refused while on'),
  strategy_paused: z.boolean(),
  daily_realized_pnl_dollars: DailyRealizedPnl,
  pnl: PnlViewSchema,
  strategy: z
    .object({
      name: z.string().describe('`hold`, `market_maker`, or a module strategy’s own name'),
      params: z.record(z.string(), z.unknown()).describe('as configured, defaults filled in for built-ins'),
      paused: z.boolean(),
    })
    .describe('the strategy running'),
  last_sync: IsoTime.nullable(),
  transitions: z.array(TransitionViewSchema).max(50).describe('the last 50 transitions, oldest first'),
  book_audit: BookAuditViewSchema,
  market_lifecycle: z
    .record(z.string(), MarketLifecycleViewSchema)
    .describe('each followed market, and each traded market that ended, by ticker'),

  storage: StorageStatusViewSchema.nullable().describe('null when the daemon keeps no history'),
});
export type StatusView = z.infer<typeof StatusViewSchema>;

const BookSide = z.enum(['bid', 'ask']);
const OutcomeSide = z.enum(['yes', 'no']);

export const OrderViewSchema = z.object({
  order_id: z.string(),
  client_order_id: z.string(),
  ticker: z.string(),
  book_side: BookSide,
  outcome_side: OutcomeSide,
  status: z.enum(['pending', 'resting', 'canceled', 'executed', 'unknown', 'rejected']),
  yes_price_dollars: PriceDollarsSchema,
  no_price_dollars: PriceDollarsSchema,
  initial_count_fp: CountFpSchema,
  fill_count_fp: CountFpSchema,
  remaining_count_fp: CountFpSchema,
  created_time: IsoTime.nullable(),
  last_update_time: IsoTime.nullable(),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

export const FillViewSchema = z.object({
  fill_id: z.string(),
  trade_id: z.string(),
  order_id: z.string(),
  client_order_id: z.string().nullable(),
  ticker: z.string(),
  book_side: BookSide,
  outcome_side: OutcomeSide,
  yes_price_dollars: PriceDollarsSchema,
  no_price_dollars: PriceDollarsSchema,
  count_fp: CountFpSchema,
  is_taker: z.boolean(),
  fee_dollars: DollarsSchema,
  ts_ms: Int,
});
export type FillView = z.infer<typeof FillViewSchema>;

/** One side's bids as `[price_dollars, count_fp]`, ascending: the best bid is the last element. */
export const BookLevelsSchema = z.array(z.tuple([PriceDollarsSchema, CountFpSchema]));
export const BookSidesSchema = z.object({ yes_dollars: BookLevelsSchema, no_dollars: BookLevelsSchema });
export type BookSides = z.infer<typeof BookSidesSchema>;

const LastPrice = PriceDollarsSchema.nullable().describe(
  "the market's last trade price (the exchange's ticker channel); null before a trade or before the daemon heard one",
);
const Volume = CountFpSchema.nullable().describe(
  'contracts traded in the market so far (the ticker channel); null until the daemon heard it',
);

/** Kalshi's REST orderbook shape plus our freshness fields and the market's last trade and volume. */
export const BookViewSchema = z.object({
  ticker: z.string(),
  orderbook_fp: BookSidesSchema,
  seq: Int.nullable(),
  stale: z.boolean(),
  updated_ts_ms: Int.nullable(),
  last_price_dollars: LastPrice,
  volume_fp: Volume,
});
export type BookView = z.infer<typeof BookViewSchema>;

/** The `orderbook` WS frame's data: top of book derived once, plus the levels. */
export const BookUpdateViewSchema = z.object({
  ticker: z.string(),
  yes_bid_dollars: PriceDollarsSchema.nullable(),
  yes_ask_dollars: PriceDollarsSchema.nullable(),
  spread_dollars: PriceDollarsSchema.nullable(),
  levels: BookSidesSchema,
  seq: Int.nullable(),
  stale: z.boolean(),
  updated_ts_ms: Int.nullable(),
  last_price_dollars: LastPrice,
  volume_fp: Volume,
});
export type BookUpdateView = z.infer<typeof BookUpdateViewSchema>;

/** A market's top of book over time as the daemon kept it: the `price_history` frame (sent on subscribe). */
export const PriceHistoryViewSchema = z.object({
  ticker: z.string(),
  points: z
    .array(z.tuple([Int, PriceDollarsSchema.nullable(), PriceDollarsSchema.nullable()]))
    .describe('[unix ms, YES bid, YES ask], oldest first, one per change of the top of book'),
});
export type PriceHistoryView = z.infer<typeof PriceHistoryViewSchema>;

/** The session's trading history a console replays on connect (history_replay's `fills` and `pnl`). */
export interface TradingHistoryView {
  /** The last fills relayed, oldest first. */
  fills: FillView[];
  /** [unix ms, realized PnL net of fees, unrealized PnL], oldest first, sampled when they changed. */
  pnl: (readonly [number, string, string])[];
}

/** The original console's `trading_state` frame data (balances in integer cents, as it had them). */
export const TradingStateViewSchema = z.object({
  version: Int.nonnegative(),
  balance: Int,
  portfolio_value: Int,
  position_count: Int.nonnegative(),
  order_count: Int.nonnegative(),
  positions: z.array(PositionViewSchema),
  open_orders: z.array(OrderViewSchema),
  daily_realized_pnl_dollars: DailyRealizedPnl,
  pnl: PnlViewSchema,
  sync_timestamp: z.number().describe('unix seconds'),
  changes: z.record(z.string(), z.unknown()).nullable(),
  order_group: z.record(z.string(), z.unknown()).nullable(),
});
export type TradingStateView = z.infer<typeof TradingStateViewSchema>;

export const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
