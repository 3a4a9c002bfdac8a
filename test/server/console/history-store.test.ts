// The console's history model: fills once each by id, newest first; the PnL series sampled from frames
// (only when it moved, or now and then); the daemon's price history joined to live points; outage periods.
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/server/console/assets/console-store.js';
import {
  addFills,
  applyPriceHistory,
  applyTradingReplay,
  outages,
  samplePnl,
  setStoredPnl,
} from '../../../src/server/console/assets/history-store.js';
import { market } from '../../../src/server/console/assets/trading-store.js';
import type { FillView } from '../../../src/server/views';
import { NO_PNL } from '../support/pnl-fixtures';

const fill = (id: string, ts: number): FillView => ({
  fill_id: id,
  trade_id: `t-${id}`,
  order_id: 'o-1',
  client_order_id: null,
  ticker: 'KXA',
  book_side: 'bid',
  outcome_side: 'yes',
  yes_price_dollars: '0.4500',
  no_price_dollars: '0.5500',
  count_fp: '1.00',
  is_taker: false,
  fee_dollars: '0.000000',
  ts_ms: ts,
});

describe('console history store', () => {
  it('keeps each fill once, newest first, from stored pages and live frames alike', () => {
    const store = createStore();
    addFills(store, [fill('a', 1), fill('c', 3)]);
    addFills(store, [fill('b', 2), fill('c', 3)]);
    expect(store.history.fills.map((f) => f.fill_id)).toEqual(['c', 'b', 'a']);
  });

  it('samples PnL when it moved, and not over a stored series', () => {
    const store = createStore();
    const pnl = (net: string) => ({ ...NO_PNL, realized_pnl_net_dollars: net });
    samplePnl(store, pnl('0.000000'), 1_000);
    samplePnl(store, pnl('0.000000'), 2_000);
    samplePnl(store, pnl('-0.010000'), 3_000);
    samplePnl(store, pnl('-0.010000'), 40_000);
    expect(store.history.pnl.map((p) => [p.t, p.realizedMicros])).toEqual([
      [1_000, 0],
      [3_000, -10_000],
      [40_000, -10_000],
    ]);
    setStoredPnl(store, [{ t: 5, realizedMicros: 7, unrealizedMicros: null }]);
    samplePnl(store, pnl('1.000000'), 50_000);
    expect(store.history.pnl).toEqual([{ t: 5, realizedMicros: 7, unrealizedMicros: null }]);
  });

  it("starts a market's chart from the daemon's history, keeping live points that came after it", () => {
    const store = createStore();
    market(store, 'KXA').history.push({ t: 50, bid: '0.4000', ask: '0.4200' });
    market(store, 'KXA').history.push({ t: 300, bid: '0.4100', ask: '0.4200' });
    applyPriceHistory(store, {
      ticker: 'KXA',
      points: [
        [100, '0.3900', null],
        [200, '0.4000', '0.4200'],
      ],
    });
    expect(market(store, 'KXA').history).toEqual([
      { t: 100, bid: '0.3900', ask: null },
      { t: 200, bid: '0.4000', ask: '0.4200' },
      { t: 300, bid: '0.4100', ask: '0.4200' },
    ]);
  });

  it('finds the degraded and error periods, acting round trips included, an open one ending now', () => {
    const t = (from: string, to: string, atMs: number) => ({ from, to, atMs, reason: undefined }) as never;
    expect(
      outages(
        [
          t('kalshi_data_sync', 'ready', 0),
          t('ready', 'degraded', 10),
          t('degraded', 'acting', 12),
          t('acting', 'degraded', 13),
          t('degraded', 'ready', 20),
          t('ready', 'error', 30),
          t('error', 'initializing', 35),
          t('kalshi_data_sync', 'degraded', 40),
        ],
        50,
      ),
    ).toEqual([
      { from: 10, to: 20, state: 'degraded' },
      { from: 30, to: 35, state: 'error' },
      { from: 40, to: 50, state: 'degraded' },
    ]);
  });

  it("replays the daemon's fills and PnL samples, keeping what the page sampled after them", () => {
    const store = createStore();
    store.history.pnl.push({ t: 500, realizedMicros: 3, unrealizedMicros: 0 });
    applyTradingReplay(store, {
      fills: [fill('a', 1)],
      pnl: [
        [100, '0.000001', '0.000000'],
        [200, '0.000002', 'junk'],
      ],
    });
    expect(store.history.fills.map((f) => f.fill_id)).toEqual(['a']);
    expect(store.history.pnl).toEqual([
      { t: 100, realizedMicros: 1, unrealizedMicros: 0 },
      { t: 200, realizedMicros: 2, unrealizedMicros: null },
      { t: 500, realizedMicros: 3, unrealizedMicros: 0 },
    ]);
  });
});
