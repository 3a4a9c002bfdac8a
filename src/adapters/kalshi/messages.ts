// Parsers for the WS data frames besides the orderbook's and the ticker's (hand-written, see
// orderbook-frame-parser.ts and ticker-frame-parser.ts): the private channels the daemon subscribes to
// (fill, user_order, market_position, market_lifecycle_v2), and the public trade frame, which the daemon
// does not subscribe to but the WS client parses like any data frame that arrives. zod at the edge,
// Kalshi's strings to integer units once.
import { z } from 'zod';
import { COUNT_DECIMALS, MONEY_DECIMALS, PRICE_DECIMALS, parseFixedLoose } from '../../domain/fixed-point';
import type { BookSide, Fill, Order, OrderStatus, PriceRange } from '../../domain/trading-types';

// Numbers are accepted where the spec says strings (seen in the wild); NaN means "not exact" and fails.
const fixed = (decimals: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => parseFixedLoose(v, decimals))
    .pipe(z.number({ error: `not a decimal with at most ${decimals} places` }));
const price = fixed(PRICE_DECIMALS);
const count = fixed(COUNT_DECIMALS);
const money = fixed(MONEY_DECIMALS);
const uint = z.number().int().nonnegative();
const ts = uint.nullish();
const side = z.enum(['yes', 'no']).optional();
const bookSide = z.enum(['bid', 'ask']).optional();

/** Prefers `book_side`, then `outcome_side` (yes ≡ bid), then the deprecated side+action pair. */
function resolveSide(
  book?: BookSide,
  outcome?: 'yes' | 'no',
  legacy?: 'yes' | 'no',
  action?: string,
): BookSide | null {
  if (book !== undefined) return book;
  if (outcome !== undefined) return outcome === 'yes' ? 'bid' : 'ask';
  if (legacy === undefined) return null;
  const buysYes = (legacy === 'yes') === (action !== 'sell'); // buy yes or sell no
  return buysYes ? 'bid' : 'ask';
}

/** `ts_ms` when present, else `ts` seconds, else null. */
const toMs = (ms: number | null | undefined, seconds: number | null | undefined): number | null =>
  ms ?? (seconds != null ? seconds * 1000 : null);

function requireSide(value: BookSide | null, ctx: z.RefinementCtx): BookSide {
  if (value === null) ctx.addIssue({ code: 'custom', message: 'no book_side, outcome_side or side' });
  return value ?? 'bid';
}

const tradeMsg = z
  .object({
    trade_id: z.string().min(1),
    market_ticker: z.string().min(1),
    yes_price_dollars: price,
    count_fp: count,
    taker_book_side: bookSide,
    taker_outcome_side: side,
    taker_side: side,
    ts: ts,
    ts_ms: ts,
  })
  .transform((m, ctx) => ({
    tradeId: m.trade_id,
    ticker: m.market_ticker,
    price: m.yes_price_dollars,
    count: m.count_fp,
    takerSide: requireSide(resolveSide(m.taker_book_side, m.taker_outcome_side, m.taker_side), ctx),
    tsMs: toMs(m.ts_ms, m.ts),
  }));

const fillMsg = z
  .object({
    trade_id: z.string().min(1),
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    market_ticker: z.string().min(1),
    is_taker: z.boolean(),
    book_side: bookSide,
    outcome_side: side,
    side: side,
    action: z.string().optional(),
    yes_price_dollars: price,
    count_fp: count,
    fee_cost: money.optional(),
    post_position_fp: count.optional(),
    ts: ts,
    ts_ms: ts,
  })
  .transform(
    (m, ctx): FillUpdate => ({
      fillId: m.trade_id, // Kalshi's WS fill has no separate fill id; the trade id identifies it
      tradeId: m.trade_id,
      orderId: m.order_id,
      clientOrderId: m.client_order_id || null,
      ticker: m.market_ticker,
      side: requireSide(resolveSide(m.book_side, m.outcome_side, m.side, m.action), ctx),
      price: m.yes_price_dollars,
      count: m.count_fp,
      isTaker: m.is_taker,
      fee: m.fee_cost ?? 0,
      tsMs: toMs(m.ts_ms, m.ts) ?? 0,
      postPosition: m.post_position_fp ?? null,
    }),
  );

const ORDER_STATUSES: ReadonlySet<string> = new Set(['resting', 'canceled', 'executed']);

const userOrderMsg = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().min(1),
    status: z.string(),
    book_side: bookSide,
    outcome_side: side,
    side: side,
    yes_price_dollars: price,
    initial_count_fp: count,
    fill_count_fp: count,
    remaining_count_fp: count,
    taker_fees_dollars: money.optional(),
    maker_fees_dollars: money.optional(),
    created_ts_ms: ts,
    last_updated_ts_ms: ts,
    last_update_reason: z.string().nullish(),
  })
  .transform(
    (m, ctx): UserOrderUpdate => ({
      orderId: m.order_id,
      clientOrderId: m.client_order_id ?? '',
      ticker: m.ticker,
      // On user_order, `side` is the outcome side of the order itself (no action field).
      side: requireSide(resolveSide(m.book_side, m.outcome_side ?? m.side), ctx),
      price: m.yes_price_dollars,
      initialCount: m.initial_count_fp,
      fillCount: m.fill_count_fp,
      remainingCount: m.remaining_count_fp,
      status: (ORDER_STATUSES.has(m.status) ? m.status : 'unknown') as OrderStatus,
      createdMs: m.created_ts_ms ?? null,
      updatedMs: m.last_updated_ts_ms ?? null,
      lastUpdateReason: m.last_update_reason ?? null,
      fees: (m.taker_fees_dollars ?? 0) + (m.maker_fees_dollars ?? 0),
    }),
  );

const marketPositionMsg = z
  .object({
    market_ticker: z.string().min(1),
    position_fp: count,
    position_cost_dollars: money.optional(),
    realized_pnl_dollars: money.optional(),
    fees_paid_dollars: money.optional(),
    volume_fp: count.optional(),
  })
  .transform((m) => ({
    ticker: m.market_ticker,
    position: m.position_fp,
    positionCost: m.position_cost_dollars ?? 0,
    realizedPnl: m.realized_pnl_dollars ?? 0,
    feesPaid: m.fees_paid_dollars ?? 0,
    volume: m.volume_fp ?? 0,
  }));

const priceRange = z
  .object({ start: price, end: price, step: price })
  .transform((r): PriceRange => ({ start: r.start, end: r.end, step: r.step }));

const lifecycleMsg = z
  .object({
    market_ticker: z.string().min(1),
    event_type: z.string().min(1),
    open_ts: ts,
    close_ts: ts,
    result: z.string().nullish(),
    settlement_value: price.nullish(),
    is_deactivated: z.boolean().optional(),
    price_level_structure: z.string().optional(),
    price_ranges: z.array(priceRange).optional(),
  })
  .transform((m) => ({
    ticker: m.market_ticker,
    eventType: m.event_type,
    openTsMs: m.open_ts != null ? m.open_ts * 1000 : null,
    closeTsMs: m.close_ts != null ? m.close_ts * 1000 : null,
    result: m.result || null,
    settlementValue: m.settlement_value ?? null,
    isDeactivated: m.is_deactivated ?? null,
    priceLevelStructure: m.price_level_structure ?? null,
    priceRanges: m.price_ranges ?? null,
  }));

export interface FillUpdate extends Fill {
  /** Position in the market after this fill (centi), when Kalshi sends it. */
  postPosition: number | null;
}

export interface UserOrderUpdate extends Order {
  lastUpdateReason: string | null;
  /** Taker plus maker fees so far, micro-dollars. */
  fees: number;
}

export type TradeUpdate = z.output<typeof tradeMsg>;
export type MarketPositionUpdate = z.output<typeof marketPositionMsg>;
export type MarketLifecycleUpdate = z.output<typeof lifecycleMsg>;

const MSG_SCHEMAS = {
  trade: tradeMsg,
  fill: fillMsg,
  user_order: userOrderMsg,
  market_position: marketPositionMsg,
  market_lifecycle_v2: lifecycleMsg,
} as const;

interface DataPayloads {
  trade: TradeUpdate;
  fill: FillUpdate;
  user_order: UserOrderUpdate;
  market_position: MarketPositionUpdate;
  market_lifecycle_v2: MarketLifecycleUpdate;
}

export type DataMessageType = keyof DataPayloads;

/** One parsed data frame: `seq` is null on channels Kalshi does not sequence (fill, user_order, ...). */
export type DataMessage = {
  [K in DataMessageType]: { type: K; sid: number; seq: number | null; data: DataPayloads[K] };
}[DataMessageType];

export const isDataMessageType = (type: string): type is DataMessageType => Object.hasOwn(MSG_SCHEMAS, type);

const envelope = z.object({ sid: uint, seq: uint.nullish(), msg: z.unknown() });

export type DataParseResult = { ok: true; message: DataMessage } | { ok: false; issues: string };

/** Validates a decoded frame of one of the data types above and converts it to integer units. */
export function parseDataMessage(frame: unknown): DataParseResult {
  const type = (frame as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !isDataMessageType(type))
    return { ok: false, issues: 'not a data message type' };
  const head = envelope.safeParse(frame);
  if (!head.success) return { ok: false, issues: z.prettifyError(head.error) };
  const body = MSG_SCHEMAS[type].safeParse(head.data.msg);
  if (!body.success) return { ok: false, issues: z.prettifyError(body.error) };
  const message = { type, sid: head.data.sid, seq: head.data.seq ?? null, data: body.data } as DataMessage;
  return { ok: true, message };
}
