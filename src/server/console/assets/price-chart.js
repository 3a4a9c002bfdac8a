// A small inline-SVG step chart of one market's YES bid and ask over the updates the page has seen.
// @ts-check
import { fill, svg } from './dom.js';
import { clock, priceTicks, ticksToCents } from './format.js';

/**
 * @import { TopOfBook } from './trading-store.js'
 * @import { Outage } from './history-store.js'
 */
/** @typedef {{ t: number, v: number | null }} Point  a price in ticks at a page time; null breaks the line */
/** @typedef {(n: number) => number} Scale */

const H = 200;
/** Right padding leaves room for the last bid / ask labels; bottom for the time axis. */
export const PAD = { left: 52, right: 58, top: 18, bottom: 20 };

/**
 * Step-line path segments for one series; a null price breaks the line.
 * @param {Point[]} points
 * @param {Scale} x
 * @param {Scale} y
 */
function stepPath(points, x, y) {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (p.v === null) {
      drawing = false;
      continue;
    }
    const px = x(p.t).toFixed(1);
    const py = y(p.v).toFixed(1);
    d += drawing ? `H${px}V${py}` : `M${px},${py}`;
    drawing = true;
  }
  return d;
}

/** @param {Point[]} points */
const lastValue = (points) => points.findLast((p) => p.v !== null)?.v ?? null;

/**
 * The last known value of a series, labelled at the right edge; labels closer than a line apart are split.
 * @param {[string, Point[]][]} series class name and points
 * @param {Scale} y
 */
function lastLabels(series, y) {
  /** @type {{ cls: string, v: number, y: number }[]} */
  const out = [];
  for (const [cls, points] of series) {
    const v = lastValue(points);
    if (v !== null) out.push({ cls, v, y: y(v) + 4 });
  }
  const [a, b] = out;
  if (a !== undefined && b !== undefined && Math.abs(a.y - b.y) < 12) {
    const [hi, lo] = a.y < b.y ? [a, b] : [b, a];
    const mid = (hi.y + lo.y) / 2;
    hi.y = mid - 6;
    lo.y = mid + 6;
  }
  return out;
}

/**
 * Shaded bands over the periods the trader was degraded or in error, clipped to the chart's time span.
 * @param {Outage[]} periods
 * @param {Scale} x
 * @param {number} t0
 * @param {number} t1
 * @param {number} height
 */
export function outageBands(periods, x, t0, t1, height) {
  return periods
    .filter((o) => o.to > t0 && o.from < t1)
    .map((o) => {
      const left = x(Math.max(o.from, t0));
      return svg('rect', {
        x: left.toFixed(1),
        y: PAD.top,
        width: Math.max(1, x(Math.min(o.to, t1)) - left).toFixed(1),
        height: height - PAD.top - PAD.bottom,
        class: `outage ${o.state}`,
        dataset: { outage: o.state },
      });
    });
}

/**
 * @param {SVGSVGElement} el
 * @param {TopOfBook[]} history
 * @param {Outage[]} [periods] degraded / error periods, shaded
 * @param {number} [nowMs]
 */
export function renderPriceChart(el, history, periods = [], nowMs = Date.now()) {
  // One user unit per CSS pixel keeps text and strokes undistorted at any width.
  const W = Math.max(320, Math.round(el.clientWidth || 640));
  el.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const bids = history.map((p) => ({ t: p.t, v: priceTicks(p.bid) }));
  const asks = history.map((p) => ({ t: p.t, v: priceTicks(p.ask) }));
  const values = [...bids, ...asks].flatMap((p) => (p.v === null ? [] : [p.v]));
  const first = history[0];
  const last = history.at(-1);
  if (values.length === 0 || first === undefined || last === undefined) {
    fill(
      el,
      svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'muted' }, 'no book updates yet'),
    );
    el.dataset.points = '0';
    return;
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = Math.max(50, Math.round((hi - lo) * 0.1));
  lo = Math.max(0, lo - pad);
  hi = Math.min(10_000, hi + pad);
  const t0 = first.t;
  // The last point is extended to "now" so a quiet market still reads as a flat line, not a dot.
  const t1 = Math.max(last.t, nowMs, t0 + 1);
  const right = W - PAD.right;
  /** @type {Scale} */
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (right - PAD.left);
  /** @type {Scale} */
  const y = (v) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  /** @param {Point[]} series */
  const extend = (series) => {
    const v = lastValue(series);
    return v === null ? series : [...series, { t: t1, v }];
  };
  const grid = [lo, Math.round((lo + hi) / 2), hi].map((v) => [
    svg('line', { x1: PAD.left, x2: right, y1: y(v), y2: y(v), class: 'gridline' }),
    svg('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, ticksToCents(v)),
  ]);
  // Times are UTC, like the activity log's.
  const times = [
    svg('text', { x: PAD.left, y: H - 5, class: 'time' }, clock(t0)),
    svg('text', { x: right, y: H - 5, 'text-anchor': 'end', class: 'time' }, `${clock(t1)} UTC`),
  ];
  const labels = lastLabels(
    [
      ['bid', bids],
      ['ask', asks],
    ],
    y,
  ).map((l) => svg('text', { x: right + 4, y: l.y, class: `last ${l.cls}` }, ticksToCents(l.v)));
  fill(
    el,
    outageBands(periods, x, t0, t1, H),
    grid,
    times,
    svg('path', { d: stepPath(extend(bids), x, y), class: 'bid', dataset: { series: 'bid' } }),
    svg('path', { d: stepPath(extend(asks), x, y), class: 'ask', dataset: { series: 'ask' } }),
    labels,
    svg('text', { x: PAD.left, y: 12, class: 'legend bid' }, '— YES bid'),
    svg('text', { x: PAD.left + 76, y: 12, class: 'legend ask' }, '— YES ask'),
  );
  el.dataset.points = String(history.length);
}
