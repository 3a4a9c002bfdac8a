// Order lifecycle reducers: what the daemon's own requests and the exchange's updates do to one order.
//
// Track first, reject only on proof: `rejected` comes only from an explicit exchange refusal. An order's
// counts come only from absolute sources (create answer, user_order frames, REST listings): Kalshi does
// not order those against its fill channel, so adding fills on top would count them twice. A terminal
// status the exchange reported is never undone by a staler message; one the daemon inferred gives way
// when the exchange lists the order as open again.
import type { Order, OrderStatus } from '../../domain/trading-types';
import {
  isDaemonOrderId,
  isTerminalStatus,
  type OrderShape,
  orderKey,
  type TrackedOrder,
  type TradingState,
} from './trading-types';

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

/**
 * Takes out the `order:<orderId>` entry a user_order frame without client_order_id created before the
 * order's client key knew its id: it is the same order, to be merged into `key`, not a second one.
 */
export function takeGhost(
  orders: Record<string, TrackedOrder>,
  key: string,
  orderId: string,
): { orders: Record<string, TrackedOrder>; ghost: TrackedOrder | undefined } {
  const ghostKey = `order:${orderId}`;
  const ghost = orderId && ghostKey !== key ? orders[ghostKey] : undefined;
  if (!ghost) return { orders, ghost };
  const { [ghostKey]: _gone, ...rest } = orders;
  return { orders: rest, ghost };
}

/** `prev` with a ghost's exchange view merged in (fills never shrink, an exchange-proven end stays). */
export const withGhost = (prev: TrackedOrder | undefined, ghost: TrackedOrder | undefined, atMs: number) =>
  prev && ghost ? mergeExchangeOrder(prev, ghost, ghost.lastSeenMs ?? atMs) : (prev ?? ghost);

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
    statusSource: 'inferred',
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
        // The answer gives counts, not a status: a done status is our reading of them.
        statusSource: e.remainingCount > 0 ? 'exchange' : 'inferred',
        updatedMs: e.atMs,
        lastSeenMs: e.atMs,
        missingSyncs: 0,
        note: null,
      }
    : { ...order, orderId: order.orderId || e.orderId, lastSeenMs: e.atMs };
  // The create answer and a ghost frame race; the merge keeps the larger fills and any proven end.
  const { orders, ghost } = takeGhost(state.orders, e.clientOrderId, next.orderId);
  const folded = withGhost(next, ghost, e.atMs) ?? next;
  return { ...state, orders: { ...orders, [e.clientOrderId]: folded }, counters };
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
    statusSource: 'inferred',
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
  const next: TrackedOrder = {
    ...order,
    status: 'unknown',
    statusSource: 'inferred',
    updatedMs: e.atMs,
    note: e.reason,
  };
  return { ...withOrder(state, e.clientOrderId, next), counters };
}

export function canceled(
  state: TradingState,
  e: { clientOrderId: string; orderId?: string; atMs: number },
): TradingState {
  const key = findOrderKey(state, e);
  const order = key ? state.orders[key] : undefined;
  if (!key || !order || isTerminalStatus(order.status)) return state;
  // The exchange's own answer to our cancel: a late user_order frame listing it as resting is staler.
  const next: TrackedOrder = {
    ...order,
    status: 'canceled',
    statusSource: 'exchange',
    remainingCount: 0,
    updatedMs: e.atMs,
  };
  return withOrder(state, key, next);
}

/** Whether a tracked terminal status stands against an exchange view that lists the order as open. */
function keepsStatus(prev: TrackedOrder, wire: Order): boolean {
  if (!isTerminalStatus(prev.status) || isTerminalStatus(wire.status)) return false;
  // The exchange's own word stands against staler messages. A guess stands only against a view that
  // knows fewer fills than we do: fills never shrink, so that view is provably older.
  return prev.statusSource === 'exchange' || wire.fillCount < prev.fillCount;
}

/**
 * The exchange's view of one order (REST listing or WS update) merged into ours. The exchange is
 * truth, except that a terminal status it reported never goes back to an open one, and fills never
 * shrink.
 */
export function mergeExchangeOrder(prev: TrackedOrder | undefined, wire: Order, atMs: number): TrackedOrder {
  const kept = prev && keepsStatus(prev, wire) ? prev : null;
  const clientOrderId = wire.clientOrderId || prev?.clientOrderId || '';
  const fillCount = Math.max(wire.fillCount, prev?.fillCount ?? 0);
  return {
    ...wire,
    clientOrderId,
    fillCount,
    status: kept ? kept.status : wire.status,
    statusSource: kept ? kept.statusSource : 'exchange',
    // Fills this view did not know of yet are no longer on the book either.
    remainingCount: kept
      ? kept.remainingCount
      : Math.max(0, wire.remainingCount - (fillCount - wire.fillCount)),
    createdMs: wire.createdMs ?? prev?.createdMs ?? null,
    placedByDaemon: (prev?.placedByDaemon ?? false) || isDaemonOrderId(clientOrderId),
    lastSeenMs: atMs,
    missingSyncs: 0,
    // A note explains an ending the exchange did not state; once it speaks, the note is stale.
    note: kept ? kept.note : null,
  };
}

export function updated(state: TradingState, order: Order, atMs: number): TradingState {
  const key = findOrderKey(state, order) ?? orderKey(order);
  // Fold an older ghost in first, so this newer frame is merged on top of it.
  const { orders, ghost } = takeGhost(state.orders, key, order.orderId);
  const merged = mergeExchangeOrder(withGhost(state.orders[key], ghost, atMs), order, atMs);
  return { ...state, orders: { ...orders, [key]: merged } };
}
