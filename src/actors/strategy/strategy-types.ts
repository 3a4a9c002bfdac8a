// The strategy contract: a strategy sees books, fills, time and trading state, and answers with intents:
// place, cancel, amend or decrease an order, or the orders it wants resting in a market (the trading
// side computes the diff). It never calls the exchange: every intent goes through the risk gate.
import type { MarketPhase } from '../../domain/market-phase';
import type { DesiredOrder, DiffStep } from '../../domain/order-diff';
import type { OrderbookView } from '../../domain/orderbook';
import type { RiskLimits } from '../../domain/risk-gate';
import type { Fill, MarketInfo, Position } from '../../domain/trading-types';
import type { ChangeIntent, ChangeOutcome, SubmitIntent } from '../trading/trading-ports';
import type { TrackedOrder, TradingState } from '../trading/trading-types';

/** One coalesced book update, as the orderbook actor publishes it (the book is live: read it now). */
export interface StrategyBookUpdate {
  ticker: string;
  book: OrderbookView;
}

/** A new order (`kind` may be left out). */
export type PlaceIntent = SubmitIntent & { kind?: 'place' };

/**
 * The orders wanted resting in `ticker`, replacing whatever the strategy has there: the trading side
 * keeps exact matches, amends or decreases the rest, cancels leftovers and places what is missing. A
 * newer set for the same market replaces one not yet sent. Manual orders are never touched.
 */
export interface DesiredIntent {
  kind: 'desired';
  ticker: string;
  orders: readonly DesiredOrder[];
  /** Applied to the orders it places (e.g. post-only quotes). */
  placeOptions?: Pick<SubmitIntent, 'postOnly' | 'selfTradePrevention' | 'timeInForce'>;
  reason?: string;
}

export type StrategyIntent = PlaceIntent | ChangeIntent | DesiredIntent;

/** Nothing to do is `undefined` (or an empty list). */
export type Intents = readonly StrategyIntent[] | undefined;

/**
 * What became of an intent: the exchange's answer, the gate's block, or `dropped` before it was sent:
 * `stale` (a place or amend older than the max intent age when its turn came), `superseded` (a newer
 * desired set for its market arrived first), `paused` (the operator paused the strategy).
 */
export type IntentOutcome = ChangeOutcome | { outcome: 'dropped'; reason: DropReason };
export const DROP_REASONS = ['stale', 'superseded', 'paused', 'stopped'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface StrategyContext {
  /** The markets it trades, busiest first; rolling discovery replaces closed ones (see onMarkets). */
  readonly markets: readonly string[];
  now(): number;
  /** The trading actor's current snapshot (orders, positions, balance, kill switch). */
  trading(): TradingState;
  /** This strategy's open orders (the daemon's, manual ones excepted), of one market or all. */
  openOrders(ticker?: string): TrackedOrder[];
  position(ticker: string): Position | undefined;
  /** The market's description (price ranges, status), once loaded at start; undefined before. */
  market(ticker: string): MarketInfo | undefined;
  /** The market's lifecycle phase now (a market past its close time is `closed`); undefined if unknown. */
  phase(ticker: string): MarketPhase | undefined;
  /** Milliseconds until the market closes (0 once closed); null when its close time is unknown. */
  msToClose(ticker: string): number | null;
  /** The last published book of a market, undefined before its first. */
  book(ticker: string): OrderbookView | undefined;
  /** What the orderbook actor last said: false while the feed is down (the daemon is degraded). */
  feedUp(): boolean;
  /** The steps a desired set for `ticker` would take now (empty: it is what rests already). */
  diff(ticker: string, orders: readonly DesiredOrder[]): DiffStep[];
  /** The risk gate's limits: a strategy that plans within them is not blocked again and again. */
  limits(): RiskLimits;
}

export interface Strategy {
  readonly name: string;
  /** Parameters as configured, shown by /v3/status. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** When set (and onTimer exists), onTimer runs at this period. */
  readonly timerIntervalMs?: number;
  start?(context: StrategyContext): void;
  onBook?(update: StrategyBookUpdate): Intents;
  onTimer?(): Intents;
  /** Each of this daemon's fills, once, as it is booked. */
  onFill?(fill: Fill): Intents;
  /** The feed went down (books are frozen) or came back. */
  onFeed?(up: boolean): Intents;
  /** The market set changed (rolling discovery): `removed` markets closed, `added` ones are new. */
  onMarkets?(change: { added: readonly string[]; removed: readonly string[] }): Intents;
  /** Each intent's outcome, including risk-gate blocks and drops; a desired set reports each step. */
  onOutcome?(intent: StrategyIntent, outcome: IntentOutcome): void;
  stop?(): void;
}

/** Subscribes to coalesced book updates; returns the unsubscribe function. */
export type BookSubscription = (listener: (update: StrategyBookUpdate) => void) => () => void;

/** Subscribes to booked fills; returns the unsubscribe function. */
export type FillSubscription = (listener: (fill: Fill) => void) => () => void;
