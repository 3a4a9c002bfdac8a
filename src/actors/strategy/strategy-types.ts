// The strategy contract: a strategy sees books, time and trading state, and answers with order intents.
// It never calls the exchange: its intents go through the trading service, so through the risk gate.
import type { OrderbookView } from '../../domain/orderbook';
import type { SubmitIntent, SubmitOutcome } from '../trading/trading-ports';
import type { TradingState } from '../trading/trading-types';

/** One coalesced book update, as the orderbook actor publishes it. */
export interface StrategyBookUpdate {
  ticker: string;
  book: OrderbookView;
}

export interface StrategyContext {
  markets: readonly string[];
  now(): number;
  /** The trading actor's current snapshot (orders, positions, balance). */
  trading(): TradingState;
}

/** Nothing to do is `undefined` (or an empty list). */
export type Intents = readonly SubmitIntent[] | undefined;

export interface Strategy {
  readonly name: string;
  /** When set (and onTimer exists), onTimer runs at this period. */
  readonly timerIntervalMs?: number;
  start?(context: StrategyContext): void;
  onBook?(update: StrategyBookUpdate): Intents;
  onTimer?(): Intents;
  /** Each intent's outcome, including risk-gate blocks. */
  onOutcome?(intent: SubmitIntent, outcome: SubmitOutcome): void;
  stop?(): void;
}

/** Subscribes to coalesced book updates; returns the unsubscribe function. */
export type BookSubscription = (listener: (update: StrategyBookUpdate) => void) => () => void;
