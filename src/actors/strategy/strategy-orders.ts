// The strategy's own orders in the trading state: the daemon's open orders, manual ones excepted, and
// their view for the desired-orders diff (in flight while a create or a change is unanswered).
import type { LiveOrder } from '../../domain/order-diff';
import {
  isDaemonOrderId,
  isManualOrderId,
  isOpenStatus,
  orderKey,
  type TrackedOrder,
  type TradingState,
} from '../trading/trading-types';

export const isStrategyOrder = (o: TrackedOrder): boolean =>
  isOpenStatus(o.status) && isDaemonOrderId(o.clientOrderId) && !isManualOrderId(o.clientOrderId);

export function strategyOrders(state: TradingState, ticker?: string): TrackedOrder[] {
  return Object.values(state.orders).filter(
    (o) => isStrategyOrder(o) && (ticker === undefined || o.ticker === ticker),
  );
}

export function liveOrders(state: TradingState, ticker: string): LiveOrder[] {
  return strategyOrders(state, ticker).map((o) => {
    const key = orderKey(o);
    return {
      key,
      side: o.side,
      price: o.price,
      remainingCount: o.remainingCount,
      inFlight: o.status !== 'resting' || key in state.changesInFlight,
    };
  });
}
