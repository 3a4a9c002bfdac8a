// The console's history model: fills (stored pages and live frames, once each by fill id), the PnL series
// (stored, or sampled from status frames), each market's price history from the daemon, and the outage
// periods (degraded or error) both charts shade.
// @ts-check
import { moneyMicros } from './format.js';
import { market } from './trading-store.js';

/**
 * @import { FillView, PnlView, PriceHistoryView } from '../../views'
 * @import { Store } from './console-store.js'
 * @import { PnlPoint } from './history-api.js'
 * @import { Transition } from './status-store.js'
 */

const MAX_FILLS = 1_000;
const MAX_PNL_POINTS = 2_000;
/** A PnL sample is kept when it changed, or this long after the last, so a quiet session still draws. */
const PNL_SAMPLE_MS = 30_000;

/**
 * Adds fills (a stored page or one live frame), newest first, each fill id once.
 * @param {Store} store
 * @param {FillView[]} fills
 */
export function addFills(store, fills) {
  let added = false;
  for (const f of fills) {
    if (store.history.fillIds.has(f.fill_id)) continue;
    store.history.fillIds.add(f.fill_id);
    store.history.fills.push(f);
    added = true;
  }
  if (!added) return;
  store.history.fills.sort((a, b) => b.ts_ms - a.ts_ms || b.fill_id.localeCompare(a.fill_id));
  for (const dropped of store.history.fills.splice(MAX_FILLS)) store.history.fillIds.delete(dropped.fill_id);
}

/**
 * The PnL figures of a status or trading_state frame as a point of the live series.
 * @param {Store} store
 * @param {PnlView | null | undefined} pnl
 * @param {number} t
 */
export function samplePnl(store, pnl, t) {
  if (store.history.pnlSource === 'storage' || pnl === null || typeof pnl !== 'object') return;
  const realizedMicros = moneyMicros(pnl.realized_pnl_net_dollars);
  if (realizedMicros === null) return;
  const unrealizedMicros = moneyMicros(pnl.unrealized_pnl_dollars);
  const series = store.history.pnl;
  const last = series.at(-1);
  const same =
    last !== undefined &&
    last.realizedMicros === realizedMicros &&
    last.unrealizedMicros === unrealizedMicros;
  if (same && t - last.t < PNL_SAMPLE_MS) return;
  series.push({ t, realizedMicros, unrealizedMicros });
  if (series.length > MAX_PNL_POINTS) series.splice(0, series.length - MAX_PNL_POINTS);
}

/**
 * Replaces the live series with the stored one (it survives a reload; live samples continue after it).
 * @param {Store} store
 * @param {PnlPoint[]} points
 */
export function setStoredPnl(store, points) {
  store.history.pnl = points.slice(-MAX_PNL_POINTS);
  store.history.pnlSource = 'storage';
}

/**
 * The daemon's session history on (re)connect: its last fills, and its PnL samples as the live series
 * (unless storage supplied one), followed by what the page sampled since.
 * @param {Store} store
 * @param {{ fills?: FillView[], pnl?: (readonly [number, string, string])[] }} d
 */
export function applyTradingReplay(store, d) {
  if (Array.isArray(d.fills))
    addFills(
      store,
      d.fills.filter((f) => typeof f?.fill_id === 'string'),
    );
  if (!Array.isArray(d.pnl) || store.history.pnlSource === 'storage') return;
  /** @type {PnlPoint[]} */
  const kept = [];
  for (const [t, realized, unrealized] of d.pnl) {
    const realizedMicros = moneyMicros(realized);
    if (typeof t === 'number' && realizedMicros !== null)
      kept.push({ t, realizedMicros, unrealizedMicros: moneyMicros(unrealized) });
  }
  const lastKept = kept.at(-1)?.t ?? Number.NEGATIVE_INFINITY;
  store.history.pnl = [...kept, ...store.history.pnl.filter((p) => p.t > lastKept)].slice(-MAX_PNL_POINTS);
}

/**
 * A market's top of book as the daemon kept it, then whatever the page has seen since.
 * @param {Store} store
 * @param {PriceHistoryView} d
 */
export function applyPriceHistory(store, d) {
  if (typeof d?.ticker !== 'string' || !Array.isArray(d.points)) return;
  const m = market(store, d.ticker);
  const kept = d.points
    .filter((p) => Array.isArray(p) && typeof p[0] === 'number')
    .map(([t, bid, ask]) => ({ t, bid, ask }));
  const lastKept = kept.at(-1)?.t ?? Number.NEGATIVE_INFINITY;
  m.history = [...kept, ...m.history.filter((p) => p.t > lastKept)];
}

/** @typedef {{ from: number, to: number, state: 'degraded' | 'error' }} Outage */

/**
 * Periods the trader was degraded or in error (still open ones end at `nowMs`), from its transitions.
 * @param {Transition[]} transitions oldest first
 * @param {number} nowMs
 * @returns {Outage[]}
 */
export function outages(transitions, nowMs) {
  /** @type {Outage[]} */
  const out = [];
  /** @type {{ from: number, state: 'degraded' | 'error' } | null} */
  let open = null;
  for (const t of transitions) {
    // Acting keeps the operating state it came from: it neither opens nor closes an outage.
    if (t.to === 'acting' || t.from === 'acting') continue;
    if (open !== null && t.to !== open.state) {
      out.push({ ...open, to: t.atMs });
      open = null;
    }
    if (open === null && (t.to === 'degraded' || t.to === 'error')) open = { from: t.atMs, state: t.to };
  }
  if (open !== null) out.push({ ...open, to: nowMs });
  return out;
}
