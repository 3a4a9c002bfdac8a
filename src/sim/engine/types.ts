// The simulated exchange's core contract: what the engine holds, what it accepts, and the events it
// emits. The REST routes, the WS server and the synthetic order flow all speak to the engine through
// this file only. Units are the project's fixed-point integers (src/domain/fixed-point.ts).
import type { BookSide, PriceRange, SelfTradePrevention, TimeInForce } from '../../domain/trading-types';
import type { LifecycleEventType, SimEvent, SimMarketResult } from './lifecycle-types';

export type { LifecycleEventType, SimEvent, SimMarketResult, SimSettlement } from './lifecycle-types';

/** Kalshi's response vocabulary for Market.status. */
export type SimMarketStatus = 'initialized' | 'inactive' | 'active' | 'closed' | 'determined' | 'finalized';

export interface SimMarket {
  ticker: string;
  eventTicker: string;
  seriesTicker: string;
  title: string;
  status: SimMarketStatus;
  /** Trading halted on this market (fault `pauseTrading` or lifecycle deactivation). */
  paused: boolean;
  priceLevelStructure: string; // linear_cent | deci_cent | tapered_deci_cent
  priceRanges: PriceRange[];
  openTimeMs: number;
  closeTimeMs: number;
  createdMs: number;
  lastPrice: number | null; // ticks
  volume: number; // centi
  volume24h: number; // centi
  openInterest: number; // centi
  marketId: string; // UUID, as on Kalshi's WS frames
  /** Optional descriptive fields (generated markets fill them; REST falls back to defaults). */
  yesSubTitle?: string;
  noSubTitle?: string;
  floorStrike?: number | null;
  rulesPrimary?: string;
  /** Set at determination: the result and the YES payout per contract (ticks: $1 yes, $0 no). */
  result: SimMarketResult | null;
  settlementValue: number | null;
  determinedMs: number | null;
  /** When the positions were paid out (status `finalized`). */
  settledMs: number | null;
  /** Determination to payout, as Market.settlement_timer_seconds (real seconds, time scale applied). */
  settlementTimerSeconds: number;
  updatedMs: number;
}

/** One side's bid ladder as [price ticks, size centi] pairs, ascending by price (Kalshi's REST order). */
export type SimLadder = Array<[price: number, size: number]>;

export interface SimBook {
  /** YES bids at YES prices. */
  yes: SimLadder;
  /** NO bids at NO prices (an ask to sell YES at p rests as a NO bid at $1 − p). */
  no: SimLadder;
}

export type SimOrderStatus = 'resting' | 'canceled' | 'executed';

export interface SimOrder {
  orderId: string;
  clientOrderId: string;
  userId: string;
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  initialCount: number;
  fillCount: number;
  remainingCount: number;
  status: SimOrderStatus;
  timeInForce: TimeInForce;
  selfTradePrevention: SelfTradePrevention;
  postOnly: boolean;
  reduceOnly: boolean;
  cancelOnPause: boolean;
  expirationTimeMs: number | null;
  takerFillCost: number; // micros
  makerFillCost: number; // micros
  takerFees: number; // micros
  makerFees: number; // micros
  createdMs: number;
  updatedMs: number;
  /** Kalshi's user_order.last_update_reason, e.g. Trade, Decrease, Amend, SelfTradeCancel. */
  lastUpdateReason: string | null;
}

export interface SimFill {
  fillId: string; // == tradeId, as on Kalshi
  tradeId: string;
  orderId: string;
  clientOrderId: string;
  userId: string;
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
  isTaker: boolean;
  fee: number; // micros
  tsMs: number;
  postPosition: number; // signed centi after this fill
}

export interface SimTrade {
  tradeId: string;
  ticker: string;
  price: number; // YES ticks
  count: number; // centi
  takerSide: BookSide;
  tsMs: number;
}

export interface SimPosition {
  userId: string;
  ticker: string;
  position: number; // signed centi: > 0 long YES
  exposure: number; // micros (cost basis of the open position)
  totalTraded: number; // micros
  realizedPnl: number; // micros
  feesPaid: number; // micros
  volume: number; // centi traded
  updatedMs: number;
}

export interface SimAccount {
  userId: string;
  balance: number; // micros (cash)
  /** Cash promised to this user's resting orders (balance − held is what new orders may use). */
  held?: number; // micros
  /** Last change of cash (fills, deposits). */
  updatedMs?: number;
}

/** Everything the outside world may observe, in the order it happened. */
export type ExchangeEvent =
  | {
      kind: 'book';
      ticker: string;
      /** Which bid ladder changed; the price is in that ladder's own pricing (NO prices on `no`). */
      side: 'yes' | 'no';
      price: number;
      delta: number; // signed centi
      tsMs: number;
      /** Present when a user's own order caused the change (Kalshi sends it to that user only). */
      userId?: string;
      clientOrderId?: string;
    }
  | { kind: 'trade'; trade: SimTrade }
  | { kind: 'fill'; fill: SimFill }
  | { kind: 'order'; order: SimOrder }
  | { kind: 'position'; position: SimPosition }
  | {
      kind: 'lifecycle';
      ticker: string;
      eventType: LifecycleEventType;
      tsMs: number;
      /** The market as it is right after the change (a copy: the frame is built from it later). */
      market: SimMarket;
    }
  | { kind: 'event'; event: SimEvent; tsMs: number }
  /** The market is gone from the engine (a settled market past the retention cap); not a Kalshi event. */
  | { kind: 'removed'; ticker: string };

export interface CreateOrderInput {
  userId: string;
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
  timeInForce: TimeInForce;
  selfTradePrevention: SelfTradePrevention;
  clientOrderId?: string; // generated when absent
  postOnly?: boolean;
  reduceOnly?: boolean;
  cancelOnPause?: boolean;
  expirationTimeMs?: number | null;
}

/** Engine failures carry Kalshi's HTTP status and error code so the REST layer maps them 1:1. */
export interface EngineError {
  status: number; // 400, 404, 409, ...
  code: string; // e.g. invalid_price, order_already_exists, trading_is_paused, insufficient_balance, not_found
  message: string;
  details?: string;
}

export type EngineResult<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export interface CreateOrderResult {
  order: SimOrder;
  fills: SimFill[];
}

export interface ListFilter {
  ticker?: string;
  eventTicker?: string;
  status?: SimOrderStatus;
  orderId?: string;
  minTsMs?: number;
  maxTsMs?: number;
}

/** The engine's public surface. Implementations are synchronous and deterministic given clock + rng. */
export interface TopOfBook {
  yesBid: number | null;
  yesBidSize: number;
  /** Best NO bid, in NO pricing (YES ask = $1 − noBid). */
  noBid: number | null;
  noBidSize: number;
}

export interface SimExchange {
  /** Every market the engine holds (settled ones up to their cap), or only those in one status. */
  listMarkets(filter?: { status?: SimMarketStatus }): readonly SimMarket[];
  /** A copy of the market, after whatever the clock made due. */
  getMarket(ticker: string): SimMarket | undefined;
  /**
   * The engine's own market, read-only and as it is now (nothing due is run first): for building a frame
   * on the hot path without copying the market, never to be kept or changed.
   */
  peekMarket(ticker: string): Readonly<SimMarket> | undefined;
  /** Full-depth book, ascending per side. */
  getBook(ticker: string): SimBook | undefined;
  /** The best level of each side, without copying the book. */
  topOfBook(ticker: string): TopOfBook | undefined;
  exchangeActive(): boolean;
  tradingActive(): boolean;

  createOrder(input: CreateOrderInput): EngineResult<CreateOrderResult>;
  /** Reduce-to-zero; `reducedBy` is what was still resting (0 means it had already filled). */
  cancelOrder(userId: string, orderId: string): EngineResult<{ order: SimOrder; reducedBy: number }>;
  amendOrder(
    userId: string,
    orderId: string,
    change: { price: number; count: number; updatedClientOrderId?: string },
  ): EngineResult<{ oldOrder: SimOrder; order: SimOrder; fills: SimFill[] }>;
  decreaseOrder(
    userId: string,
    orderId: string,
    change: { reduceBy?: number; reduceTo?: number },
  ): EngineResult<{ order: SimOrder; reducedBy: number }>;

  getOrder(userId: string, orderId: string): SimOrder | undefined;
  /** Newest first, as Kalshi lists them. */
  listOrders(userId: string, filter?: ListFilter): SimOrder[];
  /** Newest first. */
  listFills(userId: string, filter?: ListFilter): SimFill[];
  listPositions(userId: string): SimPosition[];
  getAccount(userId: string): SimAccount;

  /** Halts (or resumes) trading on a market; with cancelOnPause orders are cancelled. */
  setPaused(ticker: string, paused: boolean): void;

  /** Observes every event; returns an unsubscribe function. Listeners run synchronously, in order. */
  subscribe(listener: (event: ExchangeEvent) => void): () => void;
}
