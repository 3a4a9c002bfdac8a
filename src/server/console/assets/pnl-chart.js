// An inline-SVG step chart of the session's PnL: realized net of fees, and realized plus unrealized, with
// the degraded and error periods shaded.
// @ts-check
import { fill, svg } from './dom.js';
import { clock, microsToDollars } from './format.js';
import { outageBands, PAD } from './price-chart.js';

/**
 * @import { Outage } from './history-store.js'
 * @import { PnlPoint } from './history-api.js'
 */

const H = 180;

/**
 * @param {SVGSVGElement} el
 * @param {PnlPoint[]} points oldest first
 * @param {Outage[]} periods
 * @param {number} [nowMs]
 */
export function renderPnlChart(el, points, periods, nowMs = Date.now()) {
  const W = Math.max(320, Math.round(el.clientWidth || 640));
  el.setAttribute('viewBox', `0 0 ${W} ${H}`);
  el.dataset.points = String(points.length);
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) {
    fill(el, svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'muted' }, 'no P&L yet'));
    return;
  }
  const total = points.map((p) => ({
    t: p.t,
    v: p.unrealizedMicros === null ? null : p.realizedMicros + p.unrealizedMicros,
  }));
  const realized = points.map((p) => ({ t: p.t, v: p.realizedMicros }));
  const values = [0, ...realized.map((p) => p.v), ...total.flatMap((p) => (p.v === null ? [] : [p.v]))];
  const pad = Math.max(10_000, Math.round((Math.max(...values) - Math.min(...values)) * 0.1));
  const lo = Math.min(...values) - pad;
  const hi = Math.max(...values) + pad;
  const t0 = first.t;
  const t1 = Math.max(last.t, nowMs, t0 + 1);
  const right = W - PAD.right;
  const x = (/** @type {number} */ t) => PAD.left + ((t - t0) / (t1 - t0)) * (right - PAD.left);
  const y = (/** @type {number} */ v) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  /** @param {{ t: number, v: number | null }[]} series */
  const path = (series) => {
    let d = '';
    let drawing = false;
    for (const p of [...series, { t: t1, v: series.at(-1)?.v ?? null }]) {
      if (p.v === null) {
        drawing = false;
        continue;
      }
      d += drawing
        ? `H${x(p.t).toFixed(1)}V${y(p.v).toFixed(1)}`
        : `M${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      drawing = true;
    }
    return d;
  };
  fill(
    el,
    outageBands(periods, x, t0, t1, H),
    svg('line', { x1: PAD.left, x2: right, y1: y(0), y2: y(0), class: 'gridline zero' }),
    [lo + pad, hi - pad].map((v) =>
      svg('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, microsToDollars(v)),
    ),
    svg('text', { x: PAD.left, y: H - 5, class: 'time' }, clock(t0)),
    svg('text', { x: right, y: H - 5, 'text-anchor': 'end', class: 'time' }, `${clock(t1)} UTC`),
    svg('path', { d: path(total), class: 'pnl-total', dataset: { series: 'total' } }),
    svg('path', { d: path(realized), class: 'pnl-realized', dataset: { series: 'realized' } }),
    svg(
      'text',
      { x: right + 4, y: y(last.realizedMicros) + 4, class: 'last' },
      microsToDollars(last.realizedMicros),
    ),
    svg('text', { x: PAD.left, y: 12, class: 'legend pnl-realized' }, '— realized (net of fees)'),
    svg('text', { x: PAD.left + 160, y: 12, class: 'legend pnl-total' }, '— with unrealized'),
  );
}
