// The trading actor: the only holder of orders, positions, balance, kill switch and counters, as one
// transition function over plain data (XState `fromTransition`) that emits its news as it applies each
// event (`trading.on('order' | 'fill' | 'position' | 'synced' | 'controls' | …, …)`). Its fill ledger
// lives beside it (trading-ledger.ts): the transition folds events into it and keeps the fold in the state.
import { type ActorSystem, fromTransition } from 'xstate';
import type { RiskState } from '../../domain/risk-gate';
import {
  amended,
  changeCanceled,
  changeFailed,
  changeSent,
  decreased,
  withChangesInFlight,
} from './trading-changes';
import { doubtfulLoss, gatePositions, recheck } from './trading-check';
import { filled, filledBatch, loaded, settled, utcDay } from './trading-fills';
import { bookOf, emptyJournal, type TradingBook } from './trading-ledger';
import { haltedMarkets, marketsUpdated } from './trading-markets';
import { newsOf, type TradingNews } from './trading-news';
import { accepted, pending, rejected, unknown, updated } from './trading-orders';
import { NO_RETIRED } from './trading-prune';
import { applySync } from './trading-reconcile';
import { restored } from './trading-restore';
import { isOpenStatus, type TrackedOrder, type TradingEvent, type TradingState } from './trading-types';

export const DEFAULT_MISSING_SYNC_LIMIT = 3;

export interface TradingInput {
  /** Consecutive absent syncs before an unproven open order may be declared gone. */
  missingSyncLimit?: number;
}

export function createTradingState(input: TradingInput = {}): TradingState {
  return {
    orders: {},
    positions: {},
    balance: null,
    lastSync: null,
    killSwitch: false,
    strategyPaused: false,
    dailyRealizedPnl: 0,
    pnlDay: null,
    counters: {
      submitted: 0,
      accepted: 0,
      rejected: 0,
      unknown: 0,
      blocked: 0,
      fills: 0,
      canceled: 0,
      amended: 0,
      decreased: 0,
    },
    lastRestFillMs: null,
    ledger: { entries: 0, checks: {} },
    missingSyncLimit: Math.max(1, Math.floor(input.missingSyncLimit ?? DEFAULT_MISSING_SYNC_LIMIT)),
    lastSyncSeq: 0,
    changesInFlight: {},
    markets: {},
    retired: NO_RETIRED,
  };
}

/** Applies one event; `book` is this actor's ledger, changed in step with the state. */
export function tradingTransition(state: TradingState, event: TradingEvent, book: TradingBook): TradingState {
  switch (event.type) {
    case 'SYNC.APPLY':
      return applySync(state, event, book);
    case 'BALANCE':
      return { ...state, balance: event.balance };
    case 'ORDER.PENDING':
      return pending(state, event.clientOrderId, event.intent, event.atMs);
    case 'ORDER.ACCEPTED':
      return accepted(state, event);
    case 'ORDER.REJECTED':
      return rejected(state, event);
    case 'ORDER.UNKNOWN':
      return unknown(state, event);
    case 'ORDER.CANCELED':
      return changeCanceled(state, event);
    case 'ORDER.CHANGE_SENT':
      return changeSent(state, event);
    case 'ORDER.AMENDED':
      return amended(state, event);
    case 'ORDER.DECREASED':
      return decreased(state, event);
    case 'ORDER.CHANGE_FAILED':
      return changeFailed(state, event);
    case 'ORDER.BLOCKED':
      return { ...state, counters: { ...state.counters, blocked: state.counters.blocked + 1 } };
    case 'ORDER.UPDATE':
      return updated(state, event.order, event.atMs);
    case 'FILL':
      return filled(state, book, event.fill, event.atMs);
    case 'LEDGER.HISTORY':
      return recheck(
        filledBatch(state, book, event.fills, event.atMs).state,
        book.ledger,
        event.ticker,
        event.row,
      );
    case 'LEDGER.LOAD':
      return loaded(state, book, event.entries, event.atMs);
    case 'ORDERS.RESTORE':
      return restored(state, event.orders, event.atMs);
    case 'SETTLEMENT':
      return settled(state, book, event);
    case 'MARKETS.UPDATE':
      return marketsUpdated(state, event.updates);
    case 'KILL_SWITCH':
      return state.killSwitch === event.on ? state : { ...state, killSwitch: event.on };
    case 'STRATEGY.SET_PAUSED':
      return state.strategyPaused === event.paused ? state : { ...state, strategyPaused: event.paused };
    default:
      // Events from elsewhere (XState's own, a mistyped sender) change nothing.
      return state;
  }
}

export const tradingLogic = fromTransition<
  TradingState,
  TradingEvent,
  // biome-ignore lint/suspicious/noExplicitAny: XState's own AnyActorSystem (not exported by the package).
  ActorSystem<any>,
  TradingInput | undefined,
  TradingNews
>(
  (state, event, { emit, self }) => {
    const book = bookOf(self);
    const next = tradingTransition(state, event, book);
    const journal = book.journal;
    book.journal = emptyJournal();
    for (const news of newsOf(state, next, event, journal)) emit(news);
    return next;
  },
  ({ input }) => createTradingState(input),
);

/** Orders that are or may be live on the exchange (pending and unknown count: they may exist). */
export const openOrders = (state: TradingState): TrackedOrder[] =>
  Object.values(state.orders).filter((o) => isOpenStatus(o.status));

/**
 * What the risk gate needs, read from the trading state at decision time: the markets that take no
 * order at `atMs` (paused, or past their close), the ledger's positions and
 * today's realized PnL (nothing yet on a day the ledger has not been read for), each taken at the more
 * conservative figure where a market's fold and the exchange's row disagree (trading-check.ts).
 */
export function riskStateOf(state: TradingState, atMs: number): RiskState {
  const today = state.pnlDay === utcDay(atMs) ? state.dailyRealizedPnl : 0;
  return {
    positions: gatePositions(state),
    openOrders: withChangesInFlight(state, openOrders(state)),
    dailyRealizedPnl: today + doubtfulLoss(state),
    killSwitch: state.killSwitch,
    haltedMarkets: haltedMarkets(state, atMs),
  };
}
