// Read-side helpers: filtered, newest-first pages over a user's retained orders and fills with stable cursors.
import { type EngineState, type FillRecord, type OrderRecord, publicFill, publicOrder } from './engine-state';
import type { HistoryWindow } from './history-window';
import type { ListFilter, SimFill, SimOrder } from './types';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null when there is none. */
  next: number | null;
}

export type OrderFilter = ListFilter & { eventTickers?: string[] };

/**
 * Walks a user's retained entries from `cursor` down. The cursor is a creation index (seq), so entries
 * created or evicted after a page was handed out never shift the pages that follow it.
 */
export function page<T extends { seq: number }, P>(
  history: HistoryWindow<T> | null | undefined,
  match: (item: T) => boolean,
  cursor: number | null,
  limit: number,
  toPublic: (item: T) => P,
): Page<P> {
  const items: P[] = [];
  if (!history) return { items, next: null };
  for (const item of history.newestFirst(cursor)) {
    if (!match(item)) continue;
    if (items.length === limit) return { items, next: item.seq + 1 };
    items.push(toPublic(item));
  }
  return { items, next: null };
}

function eventMatches(state: EngineState, ticker: string, filter: OrderFilter): boolean {
  if (filter.eventTicker === undefined && filter.eventTickers === undefined) return true;
  const eventTicker = state.markets.get(ticker)?.market.eventTicker;
  if (eventTicker === undefined) return false;
  if (filter.eventTicker !== undefined && eventTicker !== filter.eventTicker) return false;
  return filter.eventTickers === undefined || filter.eventTickers.includes(eventTicker);
}

export function pageOrders(
  state: EngineState,
  userId: string,
  filter: OrderFilter,
  cursor: number | null,
  limit: number,
): Page<SimOrder> {
  const match = (o: OrderRecord) =>
    (filter.ticker === undefined || o.ticker === filter.ticker) &&
    (filter.status === undefined || o.status === filter.status) &&
    (filter.orderId === undefined || o.orderId === filter.orderId) &&
    (filter.minTsMs === undefined || o.createdMs >= filter.minTsMs) &&
    (filter.maxTsMs === undefined || o.createdMs <= filter.maxTsMs) &&
    eventMatches(state, o.ticker, filter);
  return page(state.users.get(userId)?.orders, match, cursor, limit, publicOrder);
}

export function pageFills(
  state: EngineState,
  userId: string,
  filter: ListFilter,
  cursor: number | null,
  limit: number,
): Page<SimFill> {
  const match = (f: FillRecord) =>
    (filter.ticker === undefined || f.ticker === filter.ticker) &&
    (filter.orderId === undefined || f.orderId === filter.orderId) &&
    (filter.minTsMs === undefined || f.tsMs >= filter.minTsMs) &&
    (filter.maxTsMs === undefined || f.tsMs <= filter.maxTsMs) &&
    eventMatches(state, f.ticker, filter);
  return page(state.users.get(userId)?.fills, match, cursor, limit, publicFill);
}
