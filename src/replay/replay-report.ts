// The replay report: transitions, the feed's gaps and resyncs, orders and fills as the trading actor saw
// them, and PnL and top of book sampled on the simulated clock. Money and prices stay integer units
// (micro-dollars, ticks); the chart converts them for display only.

import type { Trader } from '../app/create-trader';
import { bookMarks, pnlTotals } from '../app/pnl-view';
import type { ReplayOutputs } from './replay-outputs';

/** How often (simulated) PnL and prices are sampled. */
export const SAMPLE_MS = 1_000;

export interface ReportOrder {
  t: number;
  clientOrderId: string;
  ticker: string;
  side: string;
  price: number;
  count: number;
  status: string;
  from: string | null;
}
export interface ReportFill {
  t: number;
  ticker: string;
  side: string;
  price: number;
  count: number;
  fee: number;
}
export interface PnlSample {
  t: number;
  /** Realized − fees + unrealized at the books' best bids, micro-dollars. */
  pnl: number;
  realized: number;
  fees: number;
  unrealized: number;
}
export interface PriceSample {
  t: number;
  /** Best YES bid and YES ask, ticks; null when that side is empty. */
  bid: number | null;
  ask: number | null;
}

export interface FeedSample {
  t: number;
  gaps: number;
  resyncs: number;
  reconnects: number;
}

export interface ReplayReport {
  strategy: string;
  transitions: string[];
  feed: { gaps: number; resyncs: number; reconnects: number; snapshots: number; deltas: number };
  /** The feed's counters over time: when the gaps, resyncs and reconnects happened. */
  feedOverTime: FeedSample[];
  orders: ReportOrder[];
  fills: ReportFill[];
  pnl: PnlSample[];
  prices: Record<string, PriceSample[]>;
  books: Record<string, string>;
  intents: string[];
}

export function createReportCollector(trader: Trader, startMs: number, now: () => number) {
  const orders: ReportOrder[] = [];
  const fills: ReportFill[] = [];
  const pnl: PnlSample[] = [];
  const prices: Record<string, PriceSample[]> = {};
  const feedOverTime: FeedSample[] = [];
  const marks = bookMarks(trader.feed.books);
  const at = () => now() - startMs;
  let nextSample = startMs;

  trader.trading.on('order', ({ order, from }) => {
    const { clientOrderId, ticker, side, price, initialCount: count, status } = order;
    orders.push({ t: at(), clientOrderId, ticker, side, price, count, status, from: from ?? null });
  });
  trader.trading.on('fill', ({ fill }) => {
    const { ticker, side, price, count, fee } = fill;
    fills.push({ t: at(), ticker, side, price, count, fee });
  });

  function sample(): void {
    const totals = pnlTotals(trader.trading.getSnapshot().context, marks, now());
    const { realizedPnl: realized, feesPaid: fees, unrealizedPnl: unrealized } = totals;
    pnl.push({ t: at(), pnl: realized - fees + unrealized, realized, fees, unrealized });
    const { gaps, resyncs, reconnects } = trader.feed.stats();
    feedOverTime.push({ t: at(), gaps, resyncs, reconnects });
    for (const ticker of trader.feed.books.tickers()) {
      const book = trader.feed.books.getBook(ticker);
      if (!book?.valid) continue;
      const series = prices[ticker] ?? [];
      prices[ticker] = series;
      series.push({ t: at(), bid: book.bestYesBid(), ask: book.yesAsk() });
    }
  }

  return {
    /** Called after every step of the replay: samples whenever a sampling instant has passed. */
    step(): void {
      if (now() < nextSample) return;
      sample();
      nextSample = now() - ((now() - startMs) % SAMPLE_MS) + SAMPLE_MS;
    },
    report(strategy: string, outputs: ReplayOutputs): ReplayReport {
      sample();
      const s = trader.feed.stats();
      const feed = {
        gaps: s.gaps,
        resyncs: s.resyncs,
        reconnects: s.reconnects,
        snapshots: s.snapshots,
        deltas: s.deltas,
      };
      const { transitions, books, intents } = outputs;
      return { strategy, transitions, feed, feedOverTime, orders, fills, pnl, prices, books, intents };
    },
  };
}
