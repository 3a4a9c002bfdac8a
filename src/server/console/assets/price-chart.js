// A small inline-SVG step chart of one market's YES bid and ask over the updates the page has seen.
import { fill, svg } from './dom.js';
import { priceTicks } from './format.js';

const H = 180;
const PAD = { left: 48, right: 8, top: 10, bottom: 18 };

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

const ticksLabel = (ticks) =>
  ticks % 100 === 0
    ? `${ticks / 100}¢`
    : `${Math.trunc(ticks / 100)}.${String(ticks % 100).padStart(2, '0')}¢`;

export function renderPriceChart(el, history) {
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
  const t1 = Math.max(history.at(-1).t, Date.now(), t0 + 1);
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const last = (series) => series.filter((p) => p.v !== null).at(-1);
  const extend = (series) => {
    const l = last(series);
    return l === undefined ? series : [...series, { t: t1, v: l.v }];
  };
  const grid = [lo, Math.round((lo + hi) / 2), hi].map((v) => [
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'gridline' }),
    svg('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, ticksLabel(v)),
  ]);
  fill(
    el,
    grid,
    svg('path', { d: stepPath(extend(bids), x, y), class: 'bid', dataset: { series: 'bid' } }),
    svg('path', { d: stepPath(extend(asks), x, y), class: 'ask', dataset: { series: 'ask' } }),
    svg('text', { x: PAD.left + 4, y: H - 4, class: 'legend bid' }, 'YES bid'),
    svg('text', { x: PAD.left + 64, y: H - 4, class: 'legend ask' }, 'YES ask'),
  );
  el.dataset.points = String(history.length);
}
