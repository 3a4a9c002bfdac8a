// What the engine keeps of finished business, so a simulator can run for weeks: API users' orders and
// fills up to a cap per user (the oldest finished ones evicted first, as Kalshi archives old history), and
// nothing of the synthetic flow's once an order has ended. Money and positions live in the ledger and
// never depend on what is retained here.
import type { EngineState, FillRecord, OrderRecord, SettlementRecord, UserHistory } from './engine-state';
import { HistoryWindow } from './history-window';
import { marketCounts } from './settled-markets';

/** Default cap of retained orders, and separately of retained fills, per user. */
export const DEFAULT_HISTORY_LIMIT = 100_000;

export interface RetentionStats {
  /** Orders the engine can still look up (resting, or retained in a history). */
  orders: number;
  clientOrderIds: number;
  /** Retained history entries, over all users. */
  historyOrders: number;
  historyFills: number;
  historySettlements: number;
  users: number;
  /** Markets held, settled ones (kept for REST reads up to their own cap) included. */
  markets: number;
  settledMarkets: number;
}

const always = () => true;
const nothing = () => {};

export function historyOf(state: EngineState, userId: string): UserHistory {
  let history = state.users.get(userId);
  if (history === undefined) {
    const retained = !state.transientUsers.has(userId);
    history = {
      nextOrderSeq: 0,
      nextFillSeq: 0,
      nextSettlementSeq: 0,
      orders: retained
        ? new HistoryWindow<OrderRecord>(
            state.historyLimit,
            (o) => o.status !== 'resting',
            (o) => forgetOrder(state, o),
          )
        : null,
      fills: retained ? new HistoryWindow<FillRecord>(state.historyLimit, always, nothing) : null,
      settlements: retained ? new HistoryWindow<SettlementRecord>(state.historyLimit, always, nothing) : null,
    };
    state.users.set(userId, history);
  }
  return history;
}

/** Registers a new order: its per-user seq (a stable pagination key), its id and its client_order_id. */
export function recordOrder(state: EngineState, order: OrderRecord): void {
  const history = historyOf(state, order.userId);
  order.seq = history.nextOrderSeq++;
  history.orders?.push(order);
  state.orders.set(order.orderId, order);
  claimClientOrderId(state, order.userId, order.clientOrderId, order.orderId);
}

export function recordFill(state: EngineState, fill: FillRecord): void {
  const history = historyOf(state, fill.userId);
  fill.seq = history.nextFillSeq++;
  history.fills?.push(fill);
}

export function claimClientOrderId(
  state: EngineState,
  userId: string,
  clientOrderId: string,
  orderId: string,
): void {
  let ids = state.clientOrderIds.get(userId);
  if (!ids) {
    ids = new Map();
    state.clientOrderIds.set(userId, ids);
  }
  ids.set(clientOrderId, orderId);
}

/** Drops an order from every index, with every client_order_id it ever held (amends may change it). */
function forgetOrder(state: EngineState, order: OrderRecord): void {
  state.orders.delete(order.orderId);
  state.expiring.delete(order);
  const ids = state.clientOrderIds.get(order.userId);
  if (ids === undefined) return;
  for (const clientOrderId of [order.clientOrderId, ...(order.formerClientOrderIds ?? [])]) {
    if (ids.get(clientOrderId) === order.orderId) ids.delete(clientOrderId);
  }
  if (ids.size === 0) state.clientOrderIds.delete(order.userId);
}

/** Run at the end of every operation: forgets the flow's finished orders, trims histories past the cap. */
export function settleEnded(state: EngineState): void {
  if (state.ended.length === 0) return;
  for (const order of state.ended) {
    if (order.status === 'resting') continue; // amended back to resting within the same operation
    const orders = historyOf(state, order.userId).orders;
    if (orders === null) forgetOrder(state, order);
    else orders.trim();
  }
  state.ended.length = 0;
}

export function retentionStats(state: EngineState): RetentionStats {
  let historyOrders = 0;
  let historyFills = 0;
  let historySettlements = 0;
  for (const history of state.users.values()) {
    historyOrders += history.orders?.size ?? 0;
    historyFills += history.fills?.size ?? 0;
    historySettlements += history.settlements?.size ?? 0;
  }
  let clientOrderIds = 0;
  for (const ids of state.clientOrderIds.values()) clientOrderIds += ids.size;
  return {
    orders: state.orders.size,
    clientOrderIds,
    historyOrders,
    historyFills,
    historySettlements,
    users: state.users.size,
    ...marketCounts(state),
  };
}
