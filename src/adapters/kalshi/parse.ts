// Wire → domain: Kalshi's decimal strings become exact integer units here, once (see fixed-point.ts).
// Schemas already proved every fixed-point field representable, so these conversions cannot fail.
import { PRICE_ONE, parseCount, parseMoney, parsePrice } from '../../domain/fixed-point';
import type {
  Balance,
  BookSide,
  ExchangeStatus,
  Fill,
  MarketInfo,
  Order,
  OrderStatus,
  Position,
  PriceRange,
  Settlement,
} from '../../domain/trading-types';
import type { WireExchangeStatus, WireMarket, WireOrderbookFp } from './schemas';
import type {
  GetBalanceResponse,
  WireFill,
  WireMarketPosition,
  WireOrder,
  WireSettlement,
} from './schemas-portfolio';

/** One price level: [price in ticks, size in centi-contracts]. */
export type BookLevel = [price: number, size: number];

/** A REST orderbook: bids only per side, ascending by price (best bid last), as Kalshi sends it. */
export interface OrderbookLevels {
  /** YES bids at YES prices. */
  yes: BookLevel[];
  /** NO bids at NO prices (YES ask = $1 − best NO bid). */
  no: BookLevel[];
}

/** Integer cents → micro-dollars. */
const CENTS_TO_MONEY = 10_000;
/** Unix times below this are seconds, not milliseconds (10^12 ms is in 2001). */
const MS_THRESHOLD = 1e12;

const optPrice = (v: string | null | undefined): number | null => (v ? parsePrice(v) : null);
const optCount = (v: string | null | undefined): number => (v ? parseCount(v) : 0);
const optMoney = (v: string | null | undefined): number => (v ? parseMoney(v) : 0);

/** ISO-8601 text → epoch ms; null when absent or unreadable (never a crash). */
export function parseIsoMs(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Unix seconds or ms (Kalshi uses both) → whole epoch ms; null for anything no clock could say. */
export function unixToMs(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const ms = Math.round(value < MS_THRESHOLD ? value * 1000 : value);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : null;
}

/**
 * book_side, or the deprecated (side, action) pair: buy YES and sell NO are YES-book bids; buy NO and
 * sell YES are asks.
 */
export function bookSideOf(w: { book_side?: BookSide; side?: string; action?: string }): BookSide {
  if (w.book_side) return w.book_side;
  return (w.side === 'yes') === (w.action === 'buy') ? 'bid' : 'ask';
}

export function parsePriceRanges(ranges: WireMarket['price_ranges']): PriceRange[] {
  return ranges.map((r) => ({
    start: parsePrice(r.start),
    end: parsePrice(r.end),
    step: parsePrice(r.step),
  }));
}

export function parseMarket(w: WireMarket): MarketInfo {
  return {
    ticker: w.ticker,
    eventTicker: w.event_ticker,
    title: w.title ?? '',
    status: w.status,
    priceLevelStructure: w.price_level_structure ?? '',
    priceRanges: parsePriceRanges(w.price_ranges),
    yesBid: optPrice(w.yes_bid_dollars),
    yesAsk: optPrice(w.yes_ask_dollars),
    lastPrice: optPrice(w.last_price_dollars),
    volume: optCount(w.volume_fp),
    volume24h: optCount(w.volume_24h_fp),
    openInterest: optCount(w.open_interest_fp),
    closeTimeMs: parseIsoMs(w.close_time),
  };
}

const levels = (side: [string, string][]): BookLevel[] =>
  // Sorted defensively: the docs promise ascending order, and consumers rely on best-bid-last.
  side.map(([p, c]): BookLevel => [parsePrice(p), parseCount(c)]).sort((a, b) => a[0] - b[0]);

export function parseOrderbook(w: WireOrderbookFp): OrderbookLevels {
  return { yes: levels(w.yes_dollars), no: levels(w.no_dollars) };
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(['resting', 'canceled', 'executed', 'pending']);

export function parseOrderStatus(status: string): OrderStatus {
  return KNOWN_STATUSES.has(status) ? (status as OrderStatus) : 'unknown';
}

export function parseOrder(w: WireOrder): Order {
  return {
    orderId: w.order_id,
    clientOrderId: w.client_order_id ?? '',
    ticker: w.ticker,
    side: bookSideOf(w),
    price: parsePrice(w.yes_price_dollars),
    initialCount: parseCount(w.initial_count_fp),
    fillCount: parseCount(w.fill_count_fp),
    remainingCount: parseCount(w.remaining_count_fp),
    status: parseOrderStatus(w.status),
    createdMs: parseIsoMs(w.created_time),
    updatedMs: parseIsoMs(w.last_update_time),
  };
}

export function parsePosition(w: WireMarketPosition): Position {
  const ts = w.last_updated_ts;
  return {
    ticker: w.ticker,
    position: parseCount(w.position_fp),
    exposure: optMoney(w.market_exposure_dollars),
    totalTraded: optMoney(w.total_traded_dollars),
    realizedPnl: optMoney(w.realized_pnl_dollars),
    feesPaid: optMoney(w.fees_paid_dollars),
    updatedMs: typeof ts === 'number' ? unixToMs(ts) : parseIsoMs(ts),
  };
}

export function parseFill(w: WireFill): Fill {
  return {
    fillId: w.fill_id || w.trade_id,
    tradeId: w.trade_id,
    orderId: w.order_id,
    clientOrderId: w.client_order_id || null,
    ticker: w.ticker || w.market_ticker || '',
    side: bookSideOf(w),
    price: parsePrice(w.yes_price_dollars),
    count: parseCount(w.count_fp),
    isTaker: w.is_taker,
    fee: parseMoney(w.fee_cost),
    tsMs: unixToMs(w.ts_ms) ?? parseIsoMs(w.created_time) ?? unixToMs(w.ts) ?? 0,
  };
}

/**
 * A settlement row. `value` is cents per YES contract (whole cents on Kalshi), so ×100 gives ticks; a
 * binary market's result alone says it when `value` is absent. A row is refused (why, as text) rather
 * than booked on a made-up figure: an unreadable `settled_time` (epoch 0 would put it in 1970), or a
 * result other than yes/no without `value`. The protocol lists `result` as yes|no|scalar|"": a scalar
 * market's payout is `value`; what an empty result (a voided market?) pays is not documented, so without
 * a `value` nothing says what YES was worth, and booking 0 would invent a loss.
 */
export function parseSettlement(w: WireSettlement): Settlement | { refused: string } {
  const settledMs = parseIsoMs(w.settled_time);
  if (settledMs === null) return { refused: 'settled_time is not a readable time' };
  const binary = w.market_result === 'yes' || w.market_result === 'no';
  if (w.value == null && !binary) return { refused: `result "${w.market_result}" without a value` };
  const fromResult = w.market_result === 'yes' ? PRICE_ONE : 0;
  return {
    ticker: w.ticker,
    result: w.market_result,
    value: w.value == null ? fromResult : Math.round(w.value * 100),
    fee: optMoney(w.fee_cost),
    revenue: w.revenue * CENTS_TO_MONEY,
    settledMs,
  };
}

/** `balance_dollars` when present (sub-cent exact); else Kalshi's integer-cent `balance`. */
export function parseBalance(w: GetBalanceResponse): Balance {
  return {
    balance: w.balance_dollars !== undefined ? parseMoney(w.balance_dollars) : w.balance * CENTS_TO_MONEY,
    portfolioValue: w.portfolio_value * CENTS_TO_MONEY,
    updatedMs: unixToMs(w.updated_ts),
  };
}

export function parseExchangeStatus(w: WireExchangeStatus): ExchangeStatus {
  return { exchangeActive: w.exchange_active, tradingActive: w.trading_active };
}
