// fullSync and the ledger: today's fills first, then each market the check asks for paged from its first
// fill, in the same sync; the backfill window; failures that leave a sync standing and are retried.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { riskStateOf, tradingLogic } from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { FILL_OVERLAP_MS } from '../../../src/actors/trading/trading-sync';
import { fakeExchange, gate } from './fake-client';
import { WIDE_LIMITS } from './sim-harness';
import { fill, position, T0 } from './trading-fixtures';

const DAY_START = Date.UTC(2026, 5, 1);
const YESTERDAY = DAY_START - 3_600_000;

const setup = () => {
  const ex = fakeExchange();
  const trading = createActor(tradingLogic, { input: {} }).start();
  const service = createTradingService({ client: ex.client, trading, limits: WIDE_LIMITS, now: () => T0 });
  return { ex, trading, service };
};

// Bought 5 at $0.56 yesterday, sold 2 at $0.60 today ($0.01 fee): today's PnL is +$0.07.
const bought = fill({ fillId: 'y', count: 500, tsMs: YESTERDAY });
const sold = fill({ fillId: 't', side: 'ask', price: 6000, count: 200, fee: 10_000, tsMs: T0 - 60_000 });
const row = position('KXA', 300, {
  exposure: 5600 * 300,
  totalTraded: 5600 * 500 + 4000 * 200,
  realizedPnl: 80_000,
  feesPaid: 10_000,
  updatedMs: T0 - 60_000,
});

describe('fullSync fills the ledger', () => {
  it('reads today, then pages the markets the first check asks for, within the same sync', async () => {
    const { ex, trading, service } = setup();
    ex.fills = [bought, sold];
    ex.positions = [row];
    await service.fullSync();
    expect(ex.fillFilters).toEqual([{ minTs: DAY_START / 1000 }, { ticker: 'KXA' }]);
    const s = service.state();
    expect(s.positions.KXA).toMatchObject({ position: 300, exposure: 5600 * 300, realizedPnl: 80_000 });
    expect(s.dailyRealizedPnl).toBe(70_000);
    expect(s.ledger.checks).toEqual({});
    expect(s.counters.fills).toBe(2);

    // Nothing paged when the ledger agrees; the window now starts just before the newest fill.
    await service.fullSync();
    expect(ex.fillFilters.slice(2)).toEqual([{ minTs: (sold.tsMs - FILL_OVERLAP_MS) / 1000 }]);
    expect(service.state().counters.fills).toBe(2);
    trading.stop();
  });

  it('a failing fills request leaves the sync applied and the window where it was', async () => {
    const { ex, trading, service } = setup();
    ex.fillsError = new Error('fills down');
    const result = await service.fullSync();
    expect(result.superseded).toBeUndefined();
    expect(service.state().lastSync).not.toBeNull();

    ex.fillsError = null;
    ex.fills = [fill({ fillId: 'late', tsMs: T0 - 1_000, fee: 5_000 })];
    await service.fullSync();
    expect(ex.fillFilters.map((f) => f.minTs)).toEqual([DAY_START / 1000, DAY_START / 1000]);
    expect(service.state().dailyRealizedPnl).toBe(-5_000);
    trading.stop();
  });

  it('a failing page keeps the market asked for, and the gate conservative, till a sync pages it', async () => {
    const { ex, trading, service } = setup();
    ex.fills = [sold];
    ex.positions = [row];
    const client = ex.client;
    ex.client = {
      ...client,
      listFills: (filter = {}) =>
        filter.ticker ? Promise.reject(new Error('history down')) : client.listFills(filter),
    };
    const failing = createTradingService({ client: ex.client, trading, limits: WIDE_LIMITS, now: () => T0 });
    await failing.fullSync();
    const s = failing.state();
    // Today's sale alone would be a short of 2: the gate counts the exchange's 3 long instead.
    expect(s.positions.KXA?.position).toBe(-200);
    expect(s.ledger.checks.KXA).toMatchObject({ status: 'refetch' });
    expect(riskStateOf(s, T0).positions).toEqual([row]);

    ex.fills = [bought, sold];
    await service.fullSync();
    expect(service.state().positions.KXA?.position).toBe(300);
    expect(service.state().ledger.checks).toEqual({});
    trading.stop();
  });

  it("checks a paged market against its row read again, not the sync's stale one", async () => {
    const { ex, trading, service } = setup();
    // The listing is served while the market has no trading; then 1 is bought, stamped 10 s before our
    // clock (the exchange's runs behind), so the listing's time cannot explain the missing row.
    const listed = gate();
    ex.positionGates = [listed];
    const syncing = service.fullSync();
    await Promise.resolve();
    const first = fill({ fillId: 'skewed', count: 100, tsMs: T0 - 10_000 });
    ex.fills = [first];
    ex.positions = [
      position('KXA', 100, { exposure: 5600 * 100, totalTraded: 5600 * 100, updatedMs: T0 - 10_000 }),
    ];
    listed.open();
    await syncing;
    expect(ex.calls.filter((c) => c === 'positions')).toHaveLength(2);
    expect(service.state().positions.KXA?.position).toBe(100);
    expect(service.state().ledger.checks).toEqual({});
    trading.stop();
  });
});
