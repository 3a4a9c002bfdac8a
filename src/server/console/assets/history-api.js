// The console's reads of the daemon's stored history: fills (`GET /v3/fills`, paged by cursor) and realized
// PnL over time (`GET /v3/pnl`). Each answers null when the daemon's OpenAPI document does not list the
// route (no storage): the page then falls back to the live frames. The only module that knows these
// endpoints and their shapes.
// @ts-check
import { moneyMicros } from './format.js';

/** @import { FillView } from '../../views' */

/** A point of the PnL chart: page time in ms, realized PnL net of fees in micro-dollars. */
/** @typedef {{ t: number, realizedMicros: number, unrealizedMicros: number | null }} PnlPoint */

/** @type {Promise<Set<string>> | null} */
let documented = null;

/**
 * The paths the daemon's OpenAPI document lists, read once per page: asking a route that is not there
 * would log a 404 in the browser's console for every load.
 */
function documentedPaths() {
  documented ??= fetch('/v3/openapi.json', { headers: { Accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : {}))
    .then((doc) => new Set(Object.keys(isObject(doc) && isObject(doc.paths) ? doc.paths : {})))
    .catch(() => new Set());
  return documented;
}

/**
 * The body of a GET of `route`, or null when the daemon does not document that route.
 * @param {string} route
 * @param {string} query
 * @returns {Promise<unknown>}
 */
async function getOptional(route, query) {
  if (!(await documentedPaths()).has(route)) return null;
  const path = `${route}${query}`;
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
  return res.json();
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
const isObject = (v) => v !== null && typeof v === 'object';

/**
 * A page of fills, newest first, and the cursor of the next (older) page. The endpoint pages by `since`:
 * with `order=desc` it answers the fills recorded before that cursor.
 * @param {{ ticker?: string, limit?: number, cursor?: string }} query
 * @returns {Promise<{ fills: FillView[], cursor: string | null } | null>}
 */
export async function fetchFills(query = {}) {
  const params = new URLSearchParams({ order: 'desc' });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.ticker) params.set('ticker', query.ticker);
  if (query.cursor) params.set('since', query.cursor);
  const body = await getOptional('/v3/fills', `?${params}`);
  if (!isObject(body)) return null;
  const b = /** @type {Record<string, unknown>} */ (body);
  /** @type {FillView[]} the endpoint's documented shape; rows without a fill id are left out */
  const fills = Array.isArray(b.fills)
    ? b.fills.filter((f) => isObject(f) && typeof f.fill_id === 'string')
    : [];
  const cursor = b.next_cursor ?? null;
  return { fills, cursor: typeof cursor === 'number' ? String(cursor) : null };
}

/**
 * A time in ms from a point's `ts_ms` (number), `t`, or `at` / `ts` (ISO text); NaN when none.
 * @param {Record<string, unknown>} p
 */
function timeOf(p) {
  for (const k of ['ts_ms', 't']) if (typeof p[k] === 'number') return /** @type {number} */ (p[k]);
  for (const k of ['at', 'ts', 'time'])
    if (typeof p[k] === 'string') return Date.parse(/** @type {string} */ (p[k]));
  return Number.NaN;
}

/**
 * Realized PnL over [fromMs, toMs] from storage, oldest first.
 * @param {number} fromMs
 * @param {number} toMs
 * @returns {Promise<PnlPoint[] | null>}
 */
export async function fetchPnl(fromMs, toMs) {
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  const body = await getOptional('/v3/pnl', `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  if (!isObject(body)) return null;
  const b = body;
  const raw = Array.isArray(b.points) ? b.points : Array.isArray(b.series) ? b.series : [];
  /** @type {PnlPoint[]} */
  const points = [];
  for (const p of raw) {
    if (!isObject(p)) continue;
    const t = timeOf(p);
    const value = p.realized_pnl_net_dollars ?? p.realized_pnl_dollars ?? p.pnl_dollars;
    const realized = typeof value === 'string' ? moneyMicros(value) : null;
    const unrealized = typeof p.unrealized_pnl_dollars === 'string' ? p.unrealized_pnl_dollars : null;
    if (Number.isFinite(t) && realized !== null)
      points.push({ t, realizedMicros: realized, unrealizedMicros: moneyMicros(unrealized) });
  }
  return points.sort((a, b) => a.t - b.t);
}
