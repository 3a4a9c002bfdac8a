// Change reducers: what the daemon's cancel, decrease and amend requests do to a resting order, from
// the moment one leaves (in flight: the gate sees its worse terms) to its answer.
//
// An answer the exchange gave is applied; a missing one (timeout, 5xx) or a "not found" (the order is
// gone: filled, or canceled elsewhere) leaves the order `unknown` at the worse of its old and new terms,
// so the gate keeps counting it and the next sync settles it, as for a create with no answer.
import { type OrderChange, orderCost } from '../../domain/risk-gate';
import { canceled } from './trading-orders';
import {
  isTerminalStatus,
  orderKey,
  type TrackedOrder,
  type TradingCounters,
  type TradingEvent,
  type TradingState,
} from './trading-types';

type Event<T extends TradingEvent['type']> = Extract<TradingEvent, { type: T }>;

/** The state with `key`'s change no longer in flight. */
function settle(state: TradingState, key: string): TradingState {
  if (!(key in state.changesInFlight)) return state;
  const { [key]: _done, ...rest } = state.changesInFlight;
  return { ...state, changesInFlight: rest };
}

const bump = (state: TradingState, counter: keyof TradingCounters): TradingState => ({
  ...state,
  counters: { ...state.counters, [counter]: state.counters[counter] + 1 },
});

const withOrder = (state: TradingState, key: string, order: TrackedOrder): TradingState => ({
  ...state,
  orders: { ...state.orders, [key]: order },
});

/** An order the exchange itself reported finished stays finished whatever answer comes late. */
const settledByExchange = (o: TrackedOrder | undefined): boolean =>
  o === undefined || (isTerminalStatus(o.status) && o.statusSource === 'exchange');

export function changeSent(state: TradingState, e: Event<'ORDER.CHANGE_SENT'>): TradingState {
  return { ...state, changesInFlight: { ...state.changesInFlight, [e.clientOrderId]: e.change } };
}

export function changeCanceled(state: TradingState, e: Event<'ORDER.CANCELED'>): TradingState {
  const next = canceled(state, e);
  return bump(settle(next, e.clientOrderId), 'canceled');
}

export function amended(state: TradingState, e: Event<'ORDER.AMENDED'>): TradingState {
  const next = bump(settle(state, e.clientOrderId), 'amended');
  const order = state.orders[e.clientOrderId];
  if (order === undefined || settledByExchange(order)) return next;
  const fillCount = Math.max(order.fillCount, e.fillCount ?? 0);
  const left = e.remainingCount;
  return withOrder(next, e.clientOrderId, {
    ...order,
    price: e.price,
    // Kalshi's count of an amended order is its new total: what filled plus what rests.
    initialCount: fillCount + left,
    fillCount,
    remainingCount: left,
    status: left > 0 ? 'resting' : 'executed',
    statusSource: 'exchange',
    updatedMs: e.atMs,
    lastSeenMs: e.atMs,
    missingSyncs: 0,
    note: null,
  });
}

export function decreased(state: TradingState, e: Event<'ORDER.DECREASED'>): TradingState {
  const next = bump(settle(state, e.clientOrderId), 'decreased');
  const order = state.orders[e.clientOrderId];
  if (order === undefined || settledByExchange(order)) return next;
  const left = Math.min(order.remainingCount, e.remainingCount);
  return withOrder(next, e.clientOrderId, {
    ...order,
    initialCount: order.fillCount + left,
    remainingCount: left,
    status: left > 0 ? order.status : 'canceled',
    statusSource: 'exchange',
    updatedMs: e.atMs,
    lastSeenMs: e.atMs,
  });
}

/** An order at the worse of its terms and an amend's in flight: more resting, and the dearer price. */
function atWorstTerms<O extends TrackedOrder>(order: O, change: OrderChange | undefined): O {
  if (change?.kind !== 'amend') return order;
  const dearer = orderCost(order.side, change.price, 1) > orderCost(order.side, order.price, 1);
  return {
    ...order,
    price: dearer ? change.price : order.price,
    remainingCount: Math.max(order.remainingCount, change.remainingCount),
  };
}

export function changeFailed(state: TradingState, e: Event<'ORDER.CHANGE_FAILED'>): TradingState {
  const counter = e.outcome === 'rejected' ? 'rejected' : 'unknown';
  const next = bump(settle(state, e.clientOrderId), counter);
  const order = state.orders[e.clientOrderId];
  if (order === undefined || settledByExchange(order) || e.outcome === 'rejected') return next;
  return withOrder(next, e.clientOrderId, {
    ...atWorstTerms(order, state.changesInFlight[e.clientOrderId]),
    status: 'unknown',
    statusSource: 'inferred',
    updatedMs: e.atMs,
    note: e.reason,
  });
}

/** The open orders as the gate must see them: an amend in flight counts at its worse terms. */
export const withChangesInFlight = (state: TradingState, orders: readonly TrackedOrder[]): TrackedOrder[] =>
  orders.map((o) => atWorstTerms(o, state.changesInFlight[orderKey(o)]));
