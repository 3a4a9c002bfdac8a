// The trading actor's news, emitted as each event is applied: the orders, fills and positions it
// changed, a finished sync, its counters' increments, and what the ledger's check found. Subscribers
// (`trading.on(type, …)`) never rebuild news from snapshots.
import type { SettlementEntry } from '../../domain/fill-ledger-entry';
import type { MarketLifecycle, MarketPhase } from '../../domain/market-phase';
import type { Fill, OrderStatus, Position } from '../../domain/trading-types';
import type { LedgerJournal, Rejection } from './trading-ledger';
import { findOrderKey } from './trading-orders';
import {
  type MarketCheck,
  orderKey,
  type TrackedOrder,
  type TradingCounters,
  type TradingEvent,
  type TradingState,
} from './trading-types';

export type TradingNews =
  /** An order's shown fields changed; `from` is its previous status, null for an order new to us. */
  | { type: 'order'; order: TrackedOrder; from: OrderStatus | null }
  /** A fill booked for the first time, whatever its source (a fill delivered twice is news once). */
  | { type: 'fill'; fill: Fill }
  /** A settlement booked for the first time (storage keeps it beside the fills). */
  | { type: 'settlement'; settlement: SettlementEntry }
  /** A fill or settlement the ledger refused (its id known with other facts, or not foldable). */
  | ({ type: 'ledger_rejected' } & Rejection)
  /** A market's fold still differs from the exchange's row after a re-fold from its first fill. */
  | { type: 'ledger_mismatch'; ticker: string; check: MarketCheck; ledger: Position | null }
  /** A market reported as a mismatch agrees with the exchange again. */
  | { type: 'ledger_agrees'; ticker: string; ledger: Position | null }
  /** `exchange` is the exchange's row (null when it listed none) while the market is unverified. */
  | { type: 'position'; position: Position; exchange?: Position | null }
  /** A REST sync was applied: `state` is the state after it (`lastSync` says what it changed). */
  | { type: 'synced'; state: TradingState }
  /** The operator's kill switch or strategy pause changed: both, as they are now. */
  | { type: 'controls'; killSwitch: boolean; strategyPaused: boolean }
  /** A market's lifecycle changed (phase, close time, result); `from`: its phase before, null when new. */
  | { type: 'market'; ticker: string; market: MarketLifecycle; from: MarketPhase | null }
  | { type: 'counted'; counter: keyof TradingCounters; by: number };

/** The fields an order view shows; bookkeeping fields (last seen, missed syncs) are not news. */
const sameOrderView = (a: TrackedOrder, b: TrackedOrder): boolean =>
  a.orderId === b.orderId &&
  a.status === b.status &&
  a.price === b.price &&
  a.initialCount === b.initialCount &&
  a.fillCount === b.fillCount &&
  a.remainingCount === b.remainingCount;

const samePosition = (a: Position, b: Position): boolean =>
  a.position === b.position &&
  a.exposure === b.exposure &&
  a.realizedPnl === b.realizedPnl &&
  a.feesPaid === b.feesPaid &&
  a.totalTraded === b.totalTraded;

/** The orders an event is about: the one it names, or every order after a sync (REST rebuilt them). */
function touchedOrders(event: TradingEvent, next: TradingState): string[] {
  switch (event.type) {
    case 'SYNC.APPLY':
      return Object.keys(next.orders);
    case 'ORDER.PENDING':
    case 'ORDER.ACCEPTED':
    case 'ORDER.REJECTED':
    case 'ORDER.UNKNOWN':
    case 'ORDER.AMENDED':
    case 'ORDER.DECREASED':
    case 'ORDER.CHANGE_FAILED':
      return [event.clientOrderId];
    case 'ORDER.CANCELED':
      return [findOrderKey(next, event) ?? event.clientOrderId];
    case 'ORDER.UPDATE':
      return [findOrderKey(next, event.order) ?? orderKey(event.order)];
    default:
      return [];
  }
}

/** The markets an event may have moved: the one it names, or every market after a batch. */
function touchedPositions(event: TradingEvent, next: TradingState): string[] {
  switch (event.type) {
    case 'FILL':
      return [event.fill.ticker];
    case 'LEDGER.HISTORY':
    case 'SETTLEMENT':
      return [event.ticker];
    case 'SYNC.APPLY':
    case 'LEDGER.LOAD':
      return Object.keys(next.positions);
    default:
      return [];
  }
}

function checkNews(prev: TradingState, next: TradingState, news: TradingNews[]): void {
  for (const [ticker, check] of Object.entries(next.ledger.checks)) {
    if (check.reported && !prev.ledger.checks[ticker]?.reported)
      news.push({ type: 'ledger_mismatch', ticker, check, ledger: next.positions[ticker] ?? null });
  }
  for (const [ticker, check] of Object.entries(prev.ledger.checks)) {
    if (check.reported && next.ledger.checks[ticker] === undefined)
      news.push({ type: 'ledger_agrees', ticker, ledger: next.positions[ticker] ?? null });
  }
}

/**
 * What applying `event` to `prev` (giving `next`) changed, in the order a reader expects; `journal`
 * says what the ledger booked and refused on the way.
 */
export function newsOf(
  prev: TradingState,
  next: TradingState,
  event: TradingEvent,
  journal: LedgerJournal,
): TradingNews[] {
  const news: TradingNews[] = [];
  for (const rejection of journal.rejected) news.push({ type: 'ledger_rejected', ...rejection });
  if (prev === next) return news;
  if (next.orders !== prev.orders) {
    for (const key of touchedOrders(event, next)) {
      const before = prev.orders[key];
      const order = next.orders[key];
      if (order && before !== order && !(before && sameOrderView(before, order)))
        news.push({ type: 'order', order, from: before?.status ?? null });
    }
  }
  for (const fill of journal.booked) news.push({ type: 'fill', fill });
  for (const settlement of journal.settled) news.push({ type: 'settlement', settlement });
  if (next.positions !== prev.positions) {
    for (const ticker of touchedPositions(event, next)) {
      const before = prev.positions[ticker];
      const position = next.positions[ticker];
      if (!position || before === position || (before && samePosition(before, position))) continue;
      const check = next.ledger.checks[ticker];
      news.push(
        check?.reported
          ? { type: 'position', position, exchange: check.exchange }
          : { type: 'position', position },
      );
    }
  }
  if (next.ledger.checks !== prev.ledger.checks) checkNews(prev, next, news);
  if (next.markets !== prev.markets) {
    for (const [ticker, market] of Object.entries(next.markets)) {
      const before = prev.markets[ticker];
      if (before !== market) news.push({ type: 'market', ticker, market, from: before?.phase ?? null });
    }
  }
  if (event.type === 'SYNC.APPLY' && next.lastSync !== prev.lastSync)
    news.push({ type: 'synced', state: next });
  if (next.killSwitch !== prev.killSwitch || next.strategyPaused !== prev.strategyPaused)
    news.push({ type: 'controls', killSwitch: next.killSwitch, strategyPaused: next.strategyPaused });
  if (next.counters !== prev.counters) {
    for (const counter of Object.keys(next.counters) as (keyof TradingCounters)[]) {
      const by = next.counters[counter] - prev.counters[counter];
      if (by > 0) news.push({ type: 'counted', counter, by });
    }
  }
  return news;
}
