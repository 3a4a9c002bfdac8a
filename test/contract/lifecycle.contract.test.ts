// Contract: markets by status and settlements through Kalshi's official client (kalshi-typescript 3.30.0).
// Reads run on every target; the simulator also runs a market from trading to payout (admin API) and the
// client reads the settlement row, the settled market and the flat position row.
import { GetMarketsStatusEnum, type GetMarketsStatusEnum as StatusFilter } from 'kalshi-typescript';
import { expect, it } from 'vitest';
import { parseMoney, parsePrice } from '../../src/domain/fixed-point';
import { sdk } from './sdk-clients';
import { describeTargets } from './targets';
import { COUNT_TEXT, MONEY_TEXT } from './wire';

const _ = undefined;
/** Which Market.status values each ?status= filter may return (Kalshi's market lifecycle page). */
const RESPONSE_STATUSES: Record<StatusFilter, string[]> = {
  unopened: ['initialized'],
  open: ['active'],
  paused: ['inactive'],
  closed: ['closed', 'determined', 'disputed', 'amended'],
  settled: ['finalized'],
};

describeTargets('kalshi-typescript 3.30.0: lifecycle', { flowRunning: false }, (t) => {
  it('lists markets by status in the filter vocabulary, answered in the response vocabulary', async () => {
    const { market } = sdk(t.conn);
    for (const filter of Object.values(GetMarketsStatusEnum)) {
      const { data } = await market.getMarkets(20, _, _, _, _, _, _, _, _, _, _, filter);
      for (const m of data.markets)
        expect(RESPONSE_STATUSES[filter], `${filter}: ${m.ticker}`).toContain(m.status);
    }
  });

  it('reads settlements in Kalshi’s shape', async () => {
    const { data } = await sdk(t.conn).portfolio.getSettlements(20);
    expect(Array.isArray(data.settlements)).toBe(true);
    for (const s of data.settlements) {
      expect(['yes', 'no', 'scalar']).toContain(s.market_result);
      expect(s.yes_count_fp).toMatch(COUNT_TEXT);
      expect(s.no_count_fp).toMatch(COUNT_TEXT);
      expect(s.yes_total_cost_dollars).toMatch(MONEY_TEXT);
      expect(s.fee_cost).toMatch(MONEY_TEXT);
      expect(Number.isInteger(s.revenue)).toBe(true);
      expect(Number.isNaN(Date.parse(s.settled_time))).toBe(false);
    }
  });

  it.skipIf(!t.isSim)('pays out a settled position and lists it (sim-only)', async () => {
    const admin = (path: string, body: unknown) =>
      fetch(`${t.sim.url}/sim/markets${path}`, { method: 'POST', body: JSON.stringify(body) });
    const created = (await (await admin('', { mid_dollars: '0.6000' })).json()) as {
      ticker: string;
      market: { yes_ask_dollars: string; event_ticker: string };
    };
    const { ticker } = created;
    const ask = created.market.yes_ask_dollars;
    const { market, orders, portfolio } = sdk(t.conn);
    const taken = await orders.createOrderV2({
      ticker,
      side: 'bid',
      price: ask,
      count: '2.00',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(taken.data.fill_count).toBe('2.00');
    const closed = (await market.getMarkets(100, _, _, _, _, _, _, _, _, _, _, 'closed', ticker)).data;
    expect(closed.markets).toEqual([]);
    expect((await admin(`/${ticker}/settle`, { result: 'yes' })).status).toBe(200);

    const { settlements } = (await portfolio.getSettlements(_, _, ticker)).data;
    expect(settlements).toEqual([
      {
        ticker,
        exchange_index: 0,
        event_ticker: created.market.event_ticker,
        market_result: 'yes',
        yes_count_fp: '2.00',
        yes_total_cost_dollars: expect.stringMatching(MONEY_TEXT),
        no_count_fp: '0.00',
        no_total_cost_dollars: '0.000000',
        revenue: 200,
        settled_time: expect.any(String),
        fee_cost: '0.000000',
        value: 100,
      },
    ]);
    const cost = parseMoney(settlements[0]?.yes_total_cost_dollars ?? '');
    expect(cost).toBe(2 * parsePrice(ask) * 100);
    const settled = (await market.getMarkets(100, _, _, _, _, _, _, _, _, _, _, 'settled', ticker)).data;
    expect(settled.markets).toEqual([
      expect.objectContaining({ ticker, status: 'finalized', result: 'yes' }),
    ]);
    const [row] = (await portfolio.getPositions(_, _, _, ticker)).data.market_positions;
    expect(row).toMatchObject({ ticker, position_fp: '0.00', market_exposure_dollars: '0.000000' });
    expect(parseMoney(row?.realized_pnl_dollars ?? '')).toBe(2_000_000 - cost);
    expect((await portfolio.getFills(ticker)).data.fills).toHaveLength(1);
  });
});
