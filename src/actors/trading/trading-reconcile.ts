// SYNC.APPLY: reconciles tracked state with a full REST snapshot and describes the diff in words.
//
// REST is truth for the open orders it lists and for the balance; its fills go into the ledger, and its
// position rows only check the ledger's fold (trading-check.ts), which the positions are. Our own open
// orders that it does not list are settled by the recent-order lookup when it finds them; one it cannot
// find is counted, and only after `missingSyncLimit` consecutive misses *and* a lookup that covered it
// does it become `canceled` ("not found on exchange"), an inferred status that gives way if the exchange
// lists the order again. A `pending` order is in flight and left alone.
import { formatCount, formatMoney } from '../../domain/fixed-point';
import type { Order } from '../../domain/trading-types';
import { checkRows } from './trading-check';
import { filledBatch } from './trading-fills';
import type { TradingBook } from './trading-ledger';
import { findOrderKey, mergeExchangeOrder, takeGhost, withGhost } from './trading-orders';
import { pruneUnfollowed } from './trading-prune';
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

/** Every `order:<id>` ghost whose order is also tracked under a client key, folded into that key. */
function foldGhosts(tracked: Record<string, TrackedOrder>, atMs: number): Record<string, TrackedOrder> {
  let orders = tracked;
  for (const [key, order] of Object.entries(tracked)) {
    if (key.startsWith('order:') || !order.orderId) continue;
    const taken = takeGhost(orders, key, order.orderId);
    if (!taken.ghost) continue;
    orders = { ...taken.orders, [key]: withGhost(orders[key], taken.ghost, atMs) ?? order };
  }
  return orders;
}

function reconcileOrders(state: TradingState, e: SyncApplyEvent, changes: string[]) {
  const base = foldGhosts(state.orders, e.atMs);
  const orders: Record<string, TrackedOrder> = { ...base };
  const listed = new Set<string>();
  const listedIds = new Set<string>();
  for (const wire of e.orders) {
    const key = findOrderKey({ orders: base }, wire) ?? orderKey(wire);
    const prev = base[key];
    const next = mergeExchangeOrder(prev, wire, e.atMs);
    orders[key] = next;
    listed.add(key);
    if (wire.orderId) listedIds.add(wire.orderId);
    const line = describeOrder(prev, next, key);
    if (line) changes.push(line);
  }
  const findRecent = indexOrders(e.recentOrders);
  const lookedUp = new Set(e.lookedUp ?? []);
  for (const [key, prev] of Object.entries(base)) {
    if (listed.has(key) || isTerminalStatus(prev.status)) continue;
    // Listed under its exchange id (a view without our client id) is listed all the same.
    if (prev.orderId && listedIds.has(prev.orderId)) continue;
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

/** One line per market whose held contracts the sync changed, and per market a check now pages. */
function describeLedger(prev: TradingState, next: TradingState, changes: string[]): void {
  for (const ticker of Object.keys(next.positions).sort()) {
    const before = prev.positions[ticker]?.position ?? 0;
    const after = next.positions[ticker]?.position ?? 0;
    if (before !== after) changes.push(`position ${ticker}: ${count(before)} → ${count(after)}`);
  }
  for (const [ticker, check] of Object.entries(next.ledger.checks)) {
    if (check.status !== 'refetch' || prev.ledger.checks[ticker]?.status === 'refetch') continue;
    const fields = check.differences.map((d) => d.field).join(', ');
    changes.push(
      `position ${ticker}: differs from the exchange (${fields}); paging its fills from the first`,
    );
  }
}

/** The newest fill time REST has shown: the next backfill reads from a little before it. */
function newestFill(prev: number | null, e: SyncApplyEvent): number | null {
  let newest = prev;
  for (const fill of e.fills ?? []) newest = newest === null ? fill.tsMs : Math.max(newest, fill.tsMs);
  return newest;
}

export function applySync(state: TradingState, e: SyncApplyEvent, book: TradingBook): TradingState {
  // A sync that started before the last applied one read an older exchange: applying it rolls back.
  if (e.seq !== undefined && e.seq <= state.lastSyncSeq) return state;
  const changes: string[] = [];
  const orders = reconcileOrders(state, e, changes);
  // The fills first, so the rows are checked against a ledger holding every fill they can count.
  const { state: booked, booked: missed } = filledBatch(state, book, e.fills ?? [], e.atMs);
  if (missed > 0) changes.push(`${missed} fill(s) booked from REST (not seen on the feed)`);
  const checks = checkRows(booked, book.ledger, e.positions, state.lastSync === null, e.positionsListedMs);
  const next = { ...booked, ledger: { ...booked.ledger, checks } };
  describeLedger(state, next, changes);
  const before = state.balance?.balance;
  if (before !== e.balance.balance) {
    changes.push(
      `balance ${before === undefined ? 'unknown' : dollars(before)} → ${dollars(e.balance.balance)}`,
    );
  }
  const synced = {
    ...next,
    orders,
    balance: e.balance,
    lastRestFillMs: newestFill(state.lastRestFillMs, e),
    lastSync: { atMs: e.atMs, changes },
    lastSyncSeq: e.seq ?? state.lastSyncSeq,
  };
  return e.followed === undefined ? synced : pruneUnfollowed(synced, book, e.followed, e.atMs);
}
