// Changes to resting orders that are not trades: holds, cancels and size reductions, each with its events.
import { notional } from '../../domain/fixed-point';
import { type EngineState, emitBook, emitOrder, type MarketState, type OrderRecord } from './engine-state';
import { unitCost } from './ledger';

/** Re-computes the cash held for an order: its remaining cost while it rests, nothing otherwise. */
export function syncHold(state: EngineState, order: OrderRecord): void {
  const target =
    order.status === 'resting' && !order.reduceOnly
      ? notional(unitCost(order.side, order.price), order.remainingCount)
      : 0;
  if (target === order.held) return;
  state.ledger.hold(order.userId, target - order.held);
  order.held = target;
}

/** Puts an order (with its remaining count) at the back of its level. */
export function restOrder(state: EngineState, ms: MarketState, order: OrderRecord): void {
  order.status = 'resting';
  emitBook(state, ms.market.ticker, ms.book.rest(order), order);
  syncHold(state, order);
  if (order.expirationTimeMs !== null) state.expiring.add(order);
}

/**
 * Takes `by` off a resting order, keeping its queue place. Reaching zero cancels it. Emits the book delta
 * and, unless `quiet`, the order update (callers that change more fields emit once themselves).
 */
export function reduceResting(
  state: EngineState,
  ms: MarketState,
  order: OrderRecord,
  by: number,
  reason: string,
  quiet = false,
): number {
  const amount = Math.min(by, order.remainingCount);
  if (amount <= 0) return 0;
  emitBook(state, ms.market.ticker, ms.book.reduce(order, amount), order);
  order.remainingCount -= amount;
  order.lastUpdateReason = reason;
  order.updatedMs = state.now();
  if (order.remainingCount === 0) {
    order.status = 'canceled';
    state.expiring.delete(order);
  }
  syncHold(state, order);
  if (!quiet) emitOrder(state, order);
  return amount;
}

export function cancelResting(
  state: EngineState,
  ms: MarketState,
  order: OrderRecord,
  reason: string,
): number {
  return reduceResting(state, ms, order, order.remainingCount, reason);
}

/** Cancels every resting order whose expiration time has passed (Kalshi's ExpiryCancel). */
export function sweepExpired(state: EngineState): void {
  if (state.expiring.size === 0) return;
  const nowMs = state.now();
  for (const order of state.expiring) {
    if (order.expirationTimeMs === null || order.expirationTimeMs > nowMs) continue;
    const ms = state.markets.get(order.ticker);
    if (ms && order.status === 'resting') cancelResting(state, ms, order, 'ExpiryCancel');
    state.expiring.delete(order);
  }
}
