// A small inline-SVG step chart of one market's YES bid and ask over the updates the page has seen.
import { fill, svg } from './dom.js';
import { clock, priceTicks, ticksToCents } from './format.js';

const H = 200;
/** Right padding leaves room for the last bid / ask labels; bottom for the time axis. */
const PAD = { left: 52, right: 58, top: 18, bottom: 20 };

/** Step-line path segments for one series; a null price breaks the line. */
function stepPath(points, x, y) {
  let d = '';
  let prev = null;
  for (const p of points) {
    if (p.v === null) {
      prev = null;
      continue;
    }
    const px = x(p.t).toFixed(1);
    const py = y(p.v).toFixed(1);
    d += prev === null ? `M${px},${py}` : `H${px}V${py}`;
    prev = p;
  }
  return d;
}

/** The last known value of a series, labelled at the right edge; labels closer than a line apart are split. */
function lastLabels(series, y) {
  const out = [];
  for (const [cls, points] of series) {
    const last = points.filter((p) => p.v !== null).at(-1);
    if (last !== undefined) out.push({ cls, v: last.v, y: y(last.v) + 4 });
  }
  if (out.length === 2 && Math.abs(out[0].y - out[1].y) < 12) {
    const [hi, lo] = out[0].y < out[1].y ? out : [out[1], out[0]];
    const mid = (hi.y + lo.y) / 2;
    hi.y = mid - 6;
    lo.y = mid + 6;
  }
  return out;
}

export function renderPriceChart(el, history, nowMs = Date.now()) {
  // One user unit per CSS pixel keeps text and strokes undistorted at any width.
  const W = Math.max(320, Math.round(el.clientWidth || 640));
  el.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const bids = history.map((p) => ({ t: p.t, v: priceTicks(p.bid) }));
  const asks = history.map((p) => ({ t: p.t, v: priceTicks(p.ask) }));
  const values = [...bids, ...asks].map((p) => p.v).filter((v) => v !== null);
  if (values.length === 0) {
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
  const t0 = history[0].t;
  // The last point is extended to "now" so a quiet market still reads as a flat line, not a dot.
  const t1 = Math.max(history.at(-1).t, nowMs, t0 + 1);
  const right = W - PAD.right;
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (right - PAD.left);
  const y = (v) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const extend = (series) => {
    const l = series.filter((p) => p.v !== null).at(-1);
    return l === undefined ? series : [...series, { t: t1, v: l.v }];
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
