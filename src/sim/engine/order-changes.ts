// Changes to existing orders: cancel (reduce to zero), decrease, amend, cancel-all and market pauses.
import { engineErrors, fail, ok } from './engine-errors';
import { type EngineState, emitOrder, type OrderRecord, publicOrder } from './engine-state';
import { isLive, setMarketPaused } from './market-lifecycle';
import {
  checkCount,
  checkPrice,
  checkTradable,
  execute,
  isClientOrderIdTaken,
  requiredCash,
} from './order-commands';
import { cancelResting, reduceResting, syncHold } from './resting';
import { claimClientOrderId } from './retention';
import type { EngineResult, SimFill, SimOrder } from './types';

function ownOrder(state: EngineState, userId: string, orderId: string): OrderRecord | undefined {
  const order = state.orders.get(orderId);
  // Another user's order is indistinguishable from an unknown one.
  return order && order.userId === userId ? order : undefined;
}

/** Kalshi calls a cancel "reduce to zero" and labels it a Decrease; a finished order reduces by 0. */
export function cancelOrder(
  state: EngineState,
  userId: string,
  orderId: string,
): EngineResult<{ order: SimOrder; reducedBy: number }> {
  const order = ownOrder(state, userId, orderId);
  if (!order) return fail(engineErrors.orderNotFound());
  if (!state.exchangeActive) return fail(engineErrors.exchangeUnavailable());
  const ms = state.markets.get(order.ticker);
  const reducedBy = ms && order.status === 'resting' ? cancelResting(state, ms, order, 'Decrease') : 0;
  return ok({ order: publicOrder(order), reducedBy });
}

export function decreaseOrder(
  state: EngineState,
  userId: string,
  orderId: string,
  change: { reduceBy?: number; reduceTo?: number },
): EngineResult<{ order: SimOrder; reducedBy: number }> {
  const { reduceBy, reduceTo } = change;
  if ((reduceBy === undefined) === (reduceTo === undefined)) {
    return fail(engineErrors.invalidParameters('exactly one of reduce_by or reduce_to is required'));
  }
  const amount = reduceBy ?? reduceTo ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0 || (reduceBy !== undefined && amount === 0)) {
    return fail(engineErrors.invalidCount('reduce_by must be positive and reduce_to non-negative'));
  }
  const order = ownOrder(state, userId, orderId);
  if (!order) return fail(engineErrors.orderNotFound());
  if (!state.exchangeActive) return fail(engineErrors.exchangeUnavailable());
  const ms = state.markets.get(order.ticker);
  if (!ms || order.status !== 'resting') return ok({ order: publicOrder(order), reducedBy: 0 });
  const by = reduceBy !== undefined ? reduceBy : Math.max(0, order.remainingCount - amount);
  const reducedBy = reduceResting(state, ms, order, by, 'Decrease');
  return ok({ order: publicOrder(order), reducedBy });
}

/**
 * Amend sets a new price and a new total count (filled + remaining, as Kalshi defines it). A size cut at
 * the same price keeps the queue place; a new price or a bigger size goes to the back and may trade.
 */
export function amendOrder(
  state: EngineState,
  userId: string,
  orderId: string,
  change: { price: number; count: number; updatedClientOrderId?: string },
): EngineResult<{ oldOrder: SimOrder; order: SimOrder; fills: SimFill[] }> {
  const order = ownOrder(state, userId, orderId);
  if (!order) return fail(engineErrors.orderNotFound());
  const ms = state.markets.get(order.ticker);
  if (!ms || order.status !== 'resting') return fail(engineErrors.invalidOrder('order is not resting'));
  const invalid = checkPrice(ms, change.price) ?? checkCount(change.count);
  if (invalid) return fail(invalid);
  const remaining = change.count - order.fillCount;
  if (remaining <= 0) return fail(engineErrors.invalidCount('count must exceed the filled count'));
  const newClientId = change.updatedClientOrderId;
  if (newClientId !== undefined && newClientId !== order.clientOrderId) {
    if (isClientOrderIdTaken(state, userId, newClientId)) return fail(engineErrors.orderAlreadyExists());
  }
  const closed = checkTradable(state, ms);
  if (closed) return fail(closed);
  const keepsPlace = change.price === order.price && remaining <= order.remainingCount;
  // A size cut only frees cash; anything else is checked like a new order (minus what it already holds).
  if (
    !keepsPlace &&
    requiredCash(order, change.price, remaining) - order.held > state.ledger.available(userId)
  ) {
    return fail(engineErrors.insufficientBalance());
  }

  const oldOrder = publicOrder(order);
  if (newClientId !== undefined && newClientId !== order.clientOrderId) {
    claimClientOrderId(state, userId, newClientId, order.orderId);
    order.formerClientOrderIds = [...(order.formerClientOrderIds ?? []), order.clientOrderId];
    order.clientOrderId = newClientId;
  }
  let fills: SimFill[] = [];
  if (keepsPlace) {
    reduceResting(state, ms, order, order.remainingCount - remaining, 'Amend', true);
  } else {
    reduceResting(state, ms, order, order.remainingCount, 'Amend', true);
    state.expiring.delete(order);
    order.price = change.price;
    order.remainingCount = remaining;
    order.status = 'resting';
    fills = execute(state, ms, order, null);
  }
  order.initialCount = change.count;
  if (order.status === 'resting' || fills.length === 0) order.lastUpdateReason = 'Amend';
  order.updatedMs = state.now();
  syncHold(state, order);
  emitOrder(state, order);
  return ok({ oldOrder, order: publicOrder(order), fills });
}

/** Cancels every resting order of a user (optionally one market), oldest first; returns what was cancelled. */
export function cancelAllOrders(state: EngineState, userId: string, ticker?: string): SimOrder[] {
  // From the books, not the user's history: the history may not keep (or be long past) its live orders.
  const markets = ticker === undefined ? state.markets.values() : [state.markets.get(ticker)];
  const targets: OrderRecord[] = [];
  for (const ms of markets) {
    for (const order of ms?.book.restingOrders() ?? []) if (order.userId === userId) targets.push(order);
  }
  targets.sort((a, b) => a.seq - b.seq);
  const cancelled: SimOrder[] = [];
  for (const order of targets) {
    const ms = state.markets.get(order.ticker);
    if (ms && cancelResting(state, ms, order, 'Decrease') > 0) cancelled.push(publicOrder(order));
  }
  return cancelled;
}

/** Halts or resumes one market (see setMarketPaused); a market that no longer trades stays as it is. */
export function setPaused(state: EngineState, ticker: string, paused: boolean): void {
  const ms = state.markets.get(ticker);
  if (ms !== undefined && isLive(ms)) setMarketPaused(state, ms, paused);
}
