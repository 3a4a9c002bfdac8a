// The report's SVG chart: the busiest market's YES bid and ask over time with the strategy's orders and
// fills on it, and below, the PnL curve of each strategy the report compares. Display only: integer
// ticks and micro-dollars become pixels and labels here and nowhere else.
import type { PriceSample, ReplayReport } from './replay-report';

const W = 960;
const LEFT = 70;
const RIGHT = 20;
const PRICE = { top: 40, height: 280 };
const PNL = { top: 370, height: 170 };
const H = 580;
const COLORS = ['#2563eb', '#d97706'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const px = (n: number) => Math.round(n * 10) / 10;
const cents = (ticks: number) => `${(ticks / 100).toFixed(1)}¢`;
const dollars = (micro: number) => `$${(micro / 1_000_000).toFixed(2)}`;

function scale(min: number, max: number, from: number, to: number) {
  const span = max - min || 1;
  return (v: number) => px(from + ((v - min) / span) * (to - from));
}

/** The market with the most orders, else the first one priced. */
function busiest(report: ReplayReport): string | undefined {
  const counts = new Map<string, number>();
  for (const o of report.orders) counts.set(o.ticker, (counts.get(o.ticker) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? Object.keys(report.prices).sort()[0];
}

function polyline(points: string[], color: string, extra = ''): string {
  return points.length < 2
    ? ''
    : `<polyline fill="none" stroke="${color}" stroke-width="1.5" ${extra} points="${points.join(' ')}"/>`;
}

function side(
  samples: readonly PriceSample[],
  pick: 'bid' | 'ask',
  x: (t: number) => number,
  y: (p: number) => number,
) {
  return samples.flatMap((s) => (s[pick] === null ? [] : [`${x(s.t)},${y(s[pick] as number)}`]));
}

export function renderChart(reports: readonly ReplayReport[], title: string): string {
  const main = reports[0] as ReplayReport;
  const ticker = busiest(main);
  const samples = ticker ? (main.prices[ticker] ?? []) : [];
  const endT = Math.max(1, ...reports.flatMap((r) => r.pnl.map((p) => p.t)));
  const x = scale(0, endT, LEFT, W - RIGHT);
  const orders = main.orders.filter((o) => o.ticker === ticker && o.from === null);
  const fills = main.fills.filter((f) => f.ticker === ticker);
  const levels = [
    ...samples.flatMap((s) => [s.bid, s.ask]).filter((p): p is number => p !== null),
    ...orders.map((o) => o.price),
    ...fills.map((f) => f.price),
  ];
  const lo = Math.min(...levels, 10_000);
  const hi = Math.max(...levels, 0);
  const y = scale(lo, hi, PRICE.top + PRICE.height, PRICE.top);
  const pnls = reports.flatMap((r) => r.pnl.map((p) => p.pnl));
  const pnlLo = Math.min(0, ...pnls);
  const pnlHi = Math.max(0, ...pnls);
  const yp = scale(pnlLo, pnlHi, PNL.top + PNL.height, PNL.top);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${LEFT}" y="20" font-size="14">${esc(title)}</text>`,
    `<text x="${LEFT}" y="${PRICE.top - 6}">${esc(ticker ?? 'no market')}: YES bid (green) and ask (red), orders (circles), fills (diamonds)</text>`,
    `<text x="4" y="${y(hi) + 4}">${cents(hi)}</text><text x="4" y="${y(lo)}">${cents(lo)}</text>`,
    polyline(side(samples, 'bid', x, y), '#16a34a'),
    polyline(side(samples, 'ask', x, y), '#dc2626'),
  ];
  for (const o of orders) {
    const color = o.side === 'bid' ? '#16a34a' : '#dc2626';
    parts.push(
      `<circle cx="${x(o.t)}" cy="${y(o.price)}" r="3" fill="none" stroke="${color}"><title>${esc(`${o.side} ${cents(o.price)} ${o.status}`)}</title></circle>`,
    );
  }
  for (const f of fills) {
    const cx = x(f.t);
    const cy = y(f.price);
    parts.push(
      `<path d="M${cx},${px(cy - 5)}L${px(cx + 5)},${cy}L${cx},${px(cy + 5)}L${px(cx - 5)},${cy}Z" fill="#111"><title>${esc(`fill ${f.side} ${cents(f.price)}`)}</title></path>`,
    );
  }
  parts.push(
    `<text x="${LEFT}" y="${PNL.top - 6}">PnL (realized − fees + unrealized at the best bids)</text>`,
    `<line x1="${LEFT}" x2="${W - RIGHT}" y1="${yp(0)}" y2="${yp(0)}" stroke="#999" stroke-dasharray="3,3"/>`,
    `<text x="4" y="${yp(pnlHi) + 4}">${dollars(pnlHi)}</text><text x="4" y="${yp(pnlLo)}">${dollars(pnlLo)}</text>`,
  );
  reports.forEach((r, i) => {
    const color = COLORS[i % COLORS.length] as string;
    const last = r.pnl[r.pnl.length - 1]?.pnl ?? 0;
    parts.push(
      polyline(
        r.pnl.map((p) => `${x(p.t)},${yp(p.pnl)}`),
        color,
      ),
      `<text x="${W - RIGHT - 260}" y="${PNL.top + 14 * (i + 1)}" fill="${color}">${esc(`${r.strategy}: ${dollars(last)}`)}</text>`,
    );
  });
  parts.push(
    `<text x="${LEFT}" y="${H - 8}">0 s</text><text x="${W - RIGHT - 40}" y="${H - 8}">${(endT / 1000).toFixed(0)} s</text>`,
    '</svg>',
  );
  return `${parts.filter((p) => p !== '').join('\n')}\n`;
}
