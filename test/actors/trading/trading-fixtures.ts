// Builders for trading-state tests: orders, positions and balances in domain units, and the transition
// run over a list of events with one ledger, as the actor runs it.
import { createTradingBook, type TradingBook } from '../../../src/actors/trading/trading-ledger';
import { createTradingState, tradingTransition } from '../../../src/actors/trading/trading-logic';
import type { SyncApplyEvent, TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import type { Balance, Fill, Order, Position } from '../../../src/domain/trading-types';

export const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

export const wireOrder = (over: Partial<Order> = {}): Order => ({
  orderId: 'oid-1',
  clientOrderId: 'c1',
  ticker: 'KXA',
  side: 'bid',
  price: 5600,
  initialCount: 500,
  fillCount: 0,
  remainingCount: 500,
  status: 'resting',
  createdMs: T0,
  updatedMs: T0,
  ...over,
});

export const position = (ticker: string, centi: number, over: Partial<Position> = {}): Position => ({
  ticker,
  position: centi,
  exposure: 0,
  totalTraded: 0,
  realizedPnl: 0,
  feesPaid: 0,
  updatedMs: T0,
  ...over,
});

export const balance = (micros: number): Balance => ({ balance: micros, portfolioValue: 0, updatedMs: T0 });

export const sync = (atMs: number, over: Partial<SyncApplyEvent> = {}): SyncApplyEvent => ({
  type: 'SYNC.APPLY',
  atMs,
  positions: [],
  orders: [],
  balance: balance(100_000_000),
  ...over,
});

export const fill = (over: Partial<Fill> = {}): Fill => ({
  fillId: 'f1',
  tradeId: 'f1',
  orderId: 'oid-1',
  clientOrderId: 'c1',
  ticker: 'KXA',
  side: 'bid',
  price: 5600,
  count: 100,
  isTaker: false,
  fee: 0,
  tsMs: T0,
  ...over,
});

/** Applies `events` from `state` with `book` as the actor's ledger (a fresh one unless given). */
export const run = (
  events: TradingEvent[],
  state: TradingState = createTradingState(),
  book: TradingBook = createTradingBook(),
): TradingState => events.reduce((s, e) => tradingTransition(s, e, book), state);
