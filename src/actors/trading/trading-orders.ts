// Order lifecycle reducers: what the daemon's own requests and the exchange's updates do to one order.
//
// Track first, reject only on proof: `rejected` comes only from an explicit exchange refusal, and a
// terminal status is never undone by a later, staler message.
import type { Fill, Order, OrderStatus } from '../../domain/trading-types';
import { applyFillToPosition, utcDay } from './trading-positions';
import {
  isOpenStatus,
  isTerminalStatus,
  type OrderShape,
  orderKey,
  type TrackedOrder,
  type TradingState,
} from './trading-types';

/** Recent fill ids kept for de-duplication. */
const RECENT_FILLS = 500;

/** The key of the tracked order matching a client_order_id or an exchange order id, if any. */
export function findOrderKey(
  state: Pick<TradingState, 'orders'>,
  ids: { clientOrderId?: string | null; orderId?: string | null },
): string | undefined {
  if (ids.clientOrderId && state.orders[ids.clientOrderId]) return ids.clientOrderId;
  if (!ids.orderId) return undefined;
  for (const [key, order] of Object.entries(state.orders)) if (order.orderId === ids.orderId) return key;
  return undefined;
}

const withOrder = (state: TradingState, key: string, order: TrackedOrder): TradingState => ({
  ...state,
  orders: { ...state.orders, [key]: order },
});

export function pending(state: TradingState, clientOrderId: string, intent: OrderShape, atMs: number) {
  if (state.orders[clientOrderId]) return state;
  const order: TrackedOrder = {
    orderId: '',
    clientOrderId,
    ticker: intent.ticker,
    side: intent.side,
    price: intent.price,
    initialCount: intent.count,
    fillCount: 0,
    remainingCount: intent.count,
    status: 'pending',
    createdMs: atMs,
    updatedMs: atMs,
    placedByDaemon: true,
    lastSeenMs: null,
    missingSyncs: 0,
    note: null,
  };
  const next = withOrder(state, clientOrderId, order);
  return { ...next, counters: { ...state.counters, submitted: state.counters.submitted + 1 } };
}

/** Status of an order that has nothing left on the book: fully filled, or the rest was canceled (IOC). */
const doneStatus = (fillCount: number, initialCount: number): OrderStatus =>
  fillCount >= initialCount ? 'executed' : 'canceled';

export function accepted(
  state: TradingState,
  e: { clientOrderId: string; orderId: string; fillCount: number; remainingCount: number; atMs: number },
): TradingState {
  const counters = { ...state.counters, accepted: state.counters.accepted + 1 };
  const order = state.orders[e.clientOrderId];
  if (!order) return { ...state, counters };
  // A sync or WS update may have settled it first; then only the id is news.
  const settle = order.status === 'pending' || order.status === 'unknown';
  const next: TrackedOrder = settle
    ? {
        ...order,
        orderId: e.orderId,
        fillCount: Math.max(order.fillCount, e.fillCount),
        remainingCount: e.remainingCount,
        status: e.remainingCount > 0 ? 'resting' : doneStatus(e.fillCount, order.initialCount),
        updatedMs: e.atMs,
        lastSeenMs: e.atMs,
        missingSyncs: 0,
        note: null,
      }
    : { ...order, orderId: order.orderId || e.orderId, lastSeenMs: e.atMs };
  return { ...withOrder(state, e.clientOrderId, next), counters };
}

export function rejected(
  state: TradingState,
  e: { clientOrderId: string; code: string; message: string; atMs: number },
): TradingState {
  const counters = { ...state.counters, rejected: state.counters.rejected + 1 };
  const order = state.orders[e.clientOrderId];
  if (!order || !(order.status === 'pending' || order.status === 'unknown')) return { ...state, counters };
  const next: TrackedOrder = {
    ...order,
    status: 'rejected',
    remainingCount: 0,
    updatedMs: e.atMs,
    note: `${e.code}: ${e.message}`,
  };
  return { ...withOrder(state, e.clientOrderId, next), counters };
}

export function unknown(state: TradingState, e: { clientOrderId: string; reason: string; atMs: number }) {
  const counters = { ...state.counters, unknown: state.counters.unknown + 1 };
  const order = state.orders[e.clientOrderId];
  if (order?.status !== 'pending') return { ...state, counters };
  const next: TrackedOrder = { ...order, status: 'unknown', updatedMs: e.atMs, note: e.reason };
  return { ...withOrder(state, e.clientOrderId, next), counters };
}

export function canceled(
  state: TradingState,
  e: { clientOrderId: string; orderId?: string; atMs: number },
): TradingState {
  const key = findOrderKey(state, e);
  const order = key ? state.orders[key] : undefined;
  if (!key || !order || isTerminalStatus(order.status)) return state;
  const next: TrackedOrder = { ...order, status: 'canceled', remainingCount: 0, updatedMs: e.atMs };
  return withOrder(state, key, next);
}

/**
 * The exchange's view of one order (REST listing or WS update) merged into ours. The exchange is
 * truth, except that a terminal status never goes back to an open one, and fills never shrink.
 */
export function mergeExchangeOrder(prev: TrackedOrder | undefined, wire: Order, atMs: number): TrackedOrder {
  const kept = prev && isTerminalStatus(prev.status) && !isTerminalStatus(wire.status) ? prev : null;
  return {
    ...wire,
    clientOrderId: wire.clientOrderId || prev?.clientOrderId || '',
    fillCount: Math.max(wire.fillCount, prev?.fillCount ?? 0),
    status: kept ? kept.status : wire.status,
    remainingCount: kept ? kept.remainingCount : wire.remainingCount,
    createdMs: wire.createdMs ?? prev?.createdMs ?? null,
    placedByDaemon: prev?.placedByDaemon ?? false,
    lastSeenMs: atMs,
    missingSyncs: 0,
    note: prev?.note ?? null,
  };
}

export function updated(state: TradingState, order: Order, atMs: number): TradingState {
  const key = findOrderKey(state, order) ?? orderKey(order);
  return withOrder(state, key, mergeExchangeOrder(state.orders[key], order, atMs));
}

/** Daily PnL for the day of `atMs`: a new UTC day starts from zero. */
export function rollDay(state: TradingState, atMs: number): TradingState {
  const day = utcDay(atMs);
  return state.pnlDay === day ? state : { ...state, pnlDay: day, dailyRealizedPnl: 0 };
}

export function filled(state: TradingState, fill: Fill, atMs: number): TradingState {
  if (fill.fillId && state.recentFillIds.includes(fill.fillId)) return state;
  let next = rollDay(state, atMs);
  const key = findOrderKey(next, fill);
  const order = key ? next.orders[key] : undefined;
  if (key && order) {
    const fillCount = Math.min(order.initialCount, order.fillCount + fill.count);
    const remainingCount = Math.max(0, order.remainingCount - fill.count);
    const status = remainingCount === 0 && isOpenStatus(order.status) ? 'executed' : order.status;
    next = withOrder(next, key, { ...order, fillCount, remainingCount, status, updatedMs: atMs });
  }
  const { position, realizedNet } = applyFillToPosition(next.positions[fill.ticker], fill, atMs);
  return {
    ...next,
    positions: { ...next.positions, [fill.ticker]: position },
    dailyRealizedPnl: next.dailyRealizedPnl + realizedNet,
    counters: { ...next.counters, fills: next.counters.fills + 1 },
    recentFillIds: fill.fillId
      ? [...next.recentFillIds, fill.fillId].slice(-RECENT_FILLS)
      : next.recentFillIds,
  };
}
