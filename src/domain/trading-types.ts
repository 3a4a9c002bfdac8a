// Domain shapes of trading state, in exact integer units (see fixed-point.ts). Adapters convert the
// exchange's wire format into these once; everything past the adapter speaks only these types.

/** Side of the YES book: `bid` buys YES at the price, `ask` sells YES (buys NO at $1 − price). */
export type BookSide = 'bid' | 'ask';
export type TimeInForce = 'good_till_canceled' | 'immediate_or_cancel' | 'fill_or_kill';
export type SelfTradePrevention = 'taker_at_cross' | 'maker';

/** A price band with its tick: prices in [start, end] must be multiples of step from start. */
export interface PriceRange {
  start: number; // ticks
  end: number; // ticks
  step: number; // ticks
}

export interface MarketInfo {
  ticker: string;
  eventTicker: string;
  title: string;
  /** Kalshi's response vocabulary: initialized, inactive, active, closed, determined, ... */
  status: string;
  priceLevelStructure: string;
  priceRanges: PriceRange[];
  yesBid: number | null; // ticks
  yesAsk: number | null; // ticks
  lastPrice: number | null; // ticks
  volume: number; // centi-contracts
  volume24h: number; // centi-contracts
  openInterest: number; // centi-contracts
  closeTimeMs: number | null;
}

/**
 * Order lifecycle as the daemon sees it. `resting`, `canceled`, `executed` are Kalshi's; `pending`
 * (sent, no answer yet) and `unknown` (timeout/5xx: reconciliation decides) are ours, and
 * `rejected` is only ever set on an explicit exchange rejection.
 */
export type OrderStatus = 'pending' | 'resting' | 'canceled' | 'executed' | 'unknown' | 'rejected';

export interface Order {
  orderId: string;
  clientOrderId: string;
  ticker: string;
  side: BookSide;
  price: number; // YES price, ticks
  initialCount: number; // centi
  fillCount: number; // centi
  remainingCount: number; // centi
  status: OrderStatus;
  createdMs: number | null;
  updatedMs: number | null;
}

/**
 * Whether an order may be live on the exchange: resting, or sent and not answered (`pending`), or its
 * outcome lost (`unknown`). The one test for "open" everywhere: the risk gate's count, the market maker's
 * budget, and cancel-all (which can only cancel those that already have an exchange order id).
 */
export const mayBeLiveOnExchange = (o: Pick<Order, 'status'>): boolean => isLiveStatus(o.status);

/** mayBeLiveOnExchange by status alone, for callers that hold only the status. */
export const isLiveStatus = (status: Order['status']): boolean =>
  status === 'resting' || status === 'pending' || status === 'unknown';

export interface Position {
  ticker: string;
  /** Signed: > 0 long YES, < 0 long NO (centi-contracts). */
  position: number;
  exposure: number; // micro-dollars
  totalTraded: number; // micro-dollars
  realizedPnl: number; // micro-dollars
  feesPaid: number; // micro-dollars
  updatedMs: number | null;
}

export interface Fill {
  fillId: string;
  tradeId: string;
  orderId: string;
  clientOrderId: string | null;
  ticker: string;
  side: BookSide;
  price: number; // YES price, ticks
  count: number; // centi
  isTaker: boolean;
  fee: number; // micro-dollars
  tsMs: number;
}

/** A market's payout to this account (a row of GET /portfolio/settlements). */
export interface Settlement {
  ticker: string;
  /** `yes`, `no`, or `scalar` (then `value` is the YES payout). */
  result: string;
  value: number; // YES payout per contract, ticks
  fee: number; // micro-dollars
  /** What was credited to the balance, micro-dollars. */
  revenue: number;
  settledMs: number;
}

export interface Balance {
  balance: number; // micro-dollars
  portfolioValue: number; // micro-dollars
  updatedMs: number | null;
}

export interface ExchangeStatus {
  exchangeActive: boolean;
  tradingActive: boolean;
}
