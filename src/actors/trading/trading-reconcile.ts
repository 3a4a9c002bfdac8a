// SYNC.APPLY: reconciles tracked state with a full REST snapshot and describes the diff in words.
//
// REST is truth for the open orders it lists and for positions and balance. Our own open orders that
// it does not list are settled by the recent-order lookup when it finds them; one it cannot find is
// counted, and only after `missingSyncLimit` consecutive misses *and* a lookup that covered it does it
// become `canceled` ("not found on exchange"), an inferred status that gives way if the exchange lists the
// order again. A `pending` order is in flight and left alone.
import { formatCount, formatMoney } from '../../domain/fixed-point';
import type { Order, Position } from '../../domain/trading-types';
import { findOrderKey, mergeExchangeOrder, rollDay } from './trading-orders';
import {
  isTerminalStatus,
  orderKey,
  type SyncApplyEvent,
  type TrackedOrder,
  type TradingState,
} from './trading-types';

/** Settled orders kept for the console and late fills; older ones are dropped first. */
export const MAX_SETTLED_ORDERS = 500;
export const NOT_FOUND_NOTE = 'not found on exchange';

const count = (centi: number): string => (centi === 0 ? '0' : formatCount(centi));
const dollars = (micros: number): string => `$${formatMoney(micros, 2)}`;

function describeOrder(prev: TrackedOrder | undefined, next: TrackedOrder, key: string): string | null {
  if (!prev)
    return `order ${key} found on exchange: ${next.status}${next.placedByDaemon ? '' : ' (external)'}`;
  if (prev.status !== next.status) return `order ${key} ${prev.status} → ${next.status}`;
  if (prev.fillCount !== next.fillCount)
    return `order ${key} filled ${count(prev.fillCount)} → ${count(next.fillCount)}`;
  return null;
}

function indexOrders(orders: readonly Order[] | undefined) {
  const byClient = new Map<string, Order>();
  const byId = new Map<string, Order>();
  for (const o of orders ?? []) {
    if (o.clientOrderId) byClient.set(o.clientOrderId, o);
    if (o.orderId) byId.set(o.orderId, o);
  }
  return (t: TrackedOrder): Order | undefined =>
    byClient.get(t.clientOrderId) ?? (t.orderId ? byId.get(t.orderId) : undefined);
}

function reconcileOrders(state: TradingState, e: SyncApplyEvent, changes: string[]) {
  const orders: Record<string, TrackedOrder> = { ...state.orders };
  const listed = new Set<string>();
  for (const wire of e.orders) {
    const key = findOrderKey(state, wire) ?? orderKey(wire);
    const prev = state.orders[key];
    const next = mergeExchangeOrder(prev, wire, e.atMs);
    orders[key] = next;
    listed.add(key);
    const line = describeOrder(prev, next, key);
    if (line) changes.push(line);
  }
  const findRecent = indexOrders(e.recentOrders);
  const lookedUp = new Set(e.lookedUp ?? []);
  for (const [key, prev] of Object.entries(state.orders)) {
    if (listed.has(key) || isTerminalStatus(prev.status)) continue;
    const found = findRecent(prev);
    if (found) {
      const next = mergeExchangeOrder(prev, found, e.atMs);
      orders[key] = next;
      const line = describeOrder(prev, next, key);
      if (line) changes.push(line);
      continue;
    }
    if (prev.status === 'pending') continue;
    const missingSyncs = prev.missingSyncs + 1;
    if (missingSyncs >= state.missingSyncLimit && lookedUp.has(key)) {
      orders[key] = {
        ...prev,
        status: 'canceled',
        statusSource: 'inferred',
        remainingCount: 0,
        missingSyncs,
        updatedMs: e.atMs,
        note: NOT_FOUND_NOTE,
      };
      changes.push(`order ${key} ${prev.status} → canceled (${NOT_FOUND_NOTE})`);
    } else {
      orders[key] = { ...prev, missingSyncs };
    }
  }
  return pruneSettled(orders);
}

function pruneSettled(orders: Record<string, TrackedOrder>): Record<string, TrackedOrder> {
  const settled = Object.entries(orders).filter(([, o]) => isTerminalStatus(o.status));
  if (settled.length <= MAX_SETTLED_ORDERS) return orders;
  const age = (o: TrackedOrder) => o.updatedMs ?? o.lastSeenMs ?? o.createdMs ?? 0;
  settled.sort(([, a], [, b]) => age(a) - age(b));
  const out = { ...orders };
  for (const [key] of settled.slice(0, settled.length - MAX_SETTLED_ORDERS)) delete out[key];
  return out;
}

function reconcilePositions(state: TradingState, rows: readonly Position[], changes: string[]) {
  const positions: Record<string, Position> = {};
  for (const row of rows) positions[row.ticker] = row;
  const tickers = new Set([...Object.keys(state.positions), ...Object.keys(positions)]);
  for (const ticker of [...tickers].sort()) {
    const before = state.positions[ticker]?.position ?? 0;
    const after = positions[ticker]?.position ?? 0;
    if (before !== after) changes.push(`position ${ticker}: ${count(before)} → ${count(after)}`);
  }
  return positions;
}

export function applySync(state: TradingState, e: SyncApplyEvent): TradingState {
  const changes: string[] = [];
  const orders = reconcileOrders(state, e, changes);
  const positions = reconcilePositions(state, e.positions, changes);
  const before = state.balance?.balance;
  if (before !== e.balance.balance) {
    changes.push(
      `balance ${before === undefined ? 'unknown' : dollars(before)} → ${dollars(e.balance.balance)}`,
    );
  }
  return {
    ...rollDay(state, e.atMs),
    orders,
    positions,
    balance: e.balance,
    lastSync: { atMs: e.atMs, changes },
  };
}
