// ORDERS.RESTORE: the orders an earlier run left open in storage, tracked again before the first sync so
// reconciliation settles each one against the exchange (listed, found by the recent-order lookup, or
// declared gone after the usual missed syncs) instead of forgetting it.
import type { Order } from '../../domain/trading-types';
import { isDaemonOrderId, isTerminalStatus, type TrackedOrder, type TradingState } from './trading-types';

export function restored(state: TradingState, orders: readonly Order[], atMs: number): TradingState {
  let next: Record<string, TrackedOrder> | null = null;
  for (const order of orders) {
    const key = order.clientOrderId;
    if (!key || isTerminalStatus(order.status) || state.orders[key]) continue;
    next ??= { ...state.orders };
    const { orderId, clientOrderId, ticker, side, price, initialCount, fillCount, remainingCount } = order;
    next[key] = {
      orderId,
      clientOrderId,
      ticker,
      side,
      price,
      initialCount,
      fillCount,
      remainingCount,
      createdMs: order.createdMs,
      // Pending means its create was in flight when the earlier run stopped: an unknown outcome now.
      status: order.status === 'pending' ? 'unknown' : order.status,
      statusSource: 'inferred',
      updatedMs: order.updatedMs ?? atMs,
      placedByDaemon: isDaemonOrderId(key),
      lastSeenMs: null,
      missingSyncs: 0,
      note: order.status === 'pending' ? 'restored: create was in flight when the daemon stopped' : null,
    };
  }
  return next === null ? state : { ...state, orders: next };
}
