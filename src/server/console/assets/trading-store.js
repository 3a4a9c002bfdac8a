// The console's trading model: each market's book, the positions and the open orders, folded from frames.
// @ts-check
import { countCenti, describeOrder, moneyMicros, priceTicks } from './format.js';

/**
 * @import { BookSides, BookUpdateView, MarketLifecycleView, OrderView, PositionView } from '../../views'
 * @import { Store } from './console-store.js'
 */

/** @typedef {{ t: number, bid: string | null, ask: string | null }} TopOfBook */
/**
 * One market's top of book and levels; `updatedMs` stays null until its first book. `lastPrice` and
 * `volume` are the market's last trade price and contracts traded, as the daemon heard them.
 * @typedef {{
 *   ticker: string, bid: string | null, ask: string | null, bidSize: string | null,
 *   askSize: string | null, spread: string | null, levels: BookSides | null,
 *   lastPrice: string | null, volume: string | null,
 *   updatedMs: number | null, stale: boolean, history: TopOfBook[],
 *   lifecycle: MarketLifecycleView | null,
 * }} Market
 */

const MAX_HISTORY = 300;
/** @type {ReadonlySet<OrderView['status']>} */
const LIVE_ORDER = new Set(['pending', 'resting', 'unknown']);
/** Orders whose last logged status the page remembers, so repeated identical updates log once. */
const MAX_ORDER_NOTES = 500;

/**
 * An order is known by its client_order_id: the daemon records it (status `pending`, no order_id yet)
 * before the request leaves, and the exchange's order_id only arrives with the answer.
 * @param {OrderView} o
 */
const orderKey = (o) =>
  typeof o.client_order_id === 'string' && o.client_order_id !== '' ? o.client_order_id : o.order_id;

/**
 * The market's row, created empty the first time a ticker is named.
 * @param {Store} store
 * @param {string} ticker
 * @returns {Market}
 */
export function market(store, ticker) {
  let m = store.markets.get(ticker);
  if (m === undefined) {
    m = {
      ticker,
      bid: null,
      ask: null,
      bidSize: null,
      askSize: null,
      spread: null,
      levels: null,
      lastPrice: null,
      volume: null,
      updatedMs: null,
      stale: false,
      history: [],
      lifecycle: null,
    };
    store.markets.set(ticker, m);
  }
  return m;
}

/**
 * @param {Store} store
 * @param {BookUpdateView} b
 */
export function applyBook(store, b) {
  if (typeof b?.ticker !== 'string') return;
  const m = market(store, b.ticker);
  m.bid = b.yes_bid_dollars;
  m.ask = b.yes_ask_dollars;
  m.spread = b.spread_dollars;
  // Levels ascend, so each side's best is its last level; its size is what trades at the touch.
  m.levels = b.levels ?? null;
  m.bidSize = b.levels?.yes_dollars?.at(-1)?.[1] ?? null;
  m.askSize = b.levels?.no_dollars?.at(-1)?.[1] ?? null;
  // Absent from an older daemon's frames: nothing known.
  m.lastPrice = b.last_price_dollars ?? null;
  m.volume = b.volume_fp ?? null;
  m.stale = b.stale === true;
  m.updatedMs = typeof b.updated_ts_ms === 'number' ? b.updated_ts_ms : Date.now();
  m.history.push({ t: m.updatedMs, bid: m.bid, ask: m.ask });
  if (m.history.length > MAX_HISTORY) m.history.splice(0, m.history.length - MAX_HISTORY);
}

/**
 * A position marked to the page's live book: the price it could be closed at now (the YES bid for a long
 * YES, the NO bid, $1 − the YES ask, for a long NO) and what closing there would realize, exact integers.
 * Without a book for the market, the daemon's figures from its last frame stand.
 * @param {PositionView} p
 * @param {Market | undefined} m
 * @returns {{ markTicks: number | null, unrealizedMicros: number | null }}
 */
export function markPosition(p, m) {
  const held = countCenti(p.position_fp);
  const exposure = moneyMicros(p.market_exposure_dollars);
  if (held === 0) return { markTicks: null, unrealizedMicros: 0 };
  if (held === null || exposure === null || m === undefined || m.updatedMs === null)
    return {
      markTicks: priceTicks(p.mark_price_dollars),
      unrealizedMicros: moneyMicros(p.unrealized_pnl_dollars),
    };
  const ask = priceTicks(m.ask);
  const mark = held > 0 ? priceTicks(m.bid) : ask === null ? null : 10_000 - ask;
  return { markTicks: mark, unrealizedMicros: mark === null ? null : mark * Math.abs(held) - exposure };
}

/**
 * Replaces the positions; flat ones are left out unless the daemon cannot verify them.
 * @param {Store} store
 * @param {PositionView[]} positions
 */
export function setPositions(store, positions) {
  store.positions = new Map(
    positions.filter((p) => !/^-?0(\.0+)?$/.test(p.position_fp) || p.unverified).map((p) => [p.ticker, p]),
  );
}

/**
 * Replaces the open orders; finished ones are left out.
 * @param {Store} store
 * @param {OrderView[]} orders
 */
export function setOrders(store, orders) {
  store.orders = new Map(orders.filter((o) => LIVE_ORDER.has(o.status)).map((o) => [orderKey(o), o]));
}

/**
 * One order's news: kept while live, dropped when finished, logged when its status or fill changed.
 * @param {Store} store
 * @param {OrderView} o
 * @returns {{ message: string, warn: boolean } | null} the activity line, or null for a repeat
 */
export function applyOrder(store, o) {
  const key = orderKey(o);
  if (LIVE_ORDER.has(o.status)) store.orders.set(key, o);
  else store.orders.delete(key);
  // The same state can arrive twice (the REST answer and the private WS channel): log changes only.
  const note = `${o.status} ${o.fill_count_fp}`;
  if (store.orderNotes.get(key) === note) return null;
  store.orderNotes.delete(key);
  store.orderNotes.set(key, note);
  const oldest = store.orderNotes.keys().next();
  if (store.orderNotes.size > MAX_ORDER_NOTES && oldest.done !== true) store.orderNotes.delete(oldest.value);
  return { message: describeOrder(o), warn: o.status === 'rejected' || o.status === 'unknown' };
}
