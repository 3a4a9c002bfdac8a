// The trading actor on its fill ledger: each fill booked once whatever its source, positions and today's
// PnL as the fold in exchange order, the exchange's rows a check that pages a market's fills and, failing
// that, marks it unverified and makes the gate conservative.
import { describe, expect, it } from 'vitest';
import { createTradingBook } from '../../../src/actors/trading/trading-ledger';
import { riskStateOf } from '../../../src/actors/trading/trading-logic';
import type { TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import { fillEntry } from '../../../src/domain/fill-ledger';
import type { Fill } from '../../../src/domain/trading-types';
import { fill, position, run, sync, T0 } from './trading-fixtures';

const ws = (f: Fill, atMs = f.tsMs + 100): TradingEvent => ({ type: 'FILL', fill: f, atMs });
// Buy 5 YES at $0.56, then sell 2 at $0.60 with a $0.01 fee: realized +$0.08, net +$0.07.
const bought = fill({ fillId: 'f1', count: 500, tsMs: T0 });
const sold = fill({ fillId: 'f2', side: 'ask', price: 6000, count: 200, fee: 10_000, tsMs: T0 + 5_000 });
const after = position('KXA', 300, {
  exposure: 5600 * 300,
  totalTraded: 5600 * 500 + 4000 * 200,
  realizedPnl: 80_000,
  feesPaid: 10_000,
  updatedMs: T0 + 5_000,
});
const expected = { position: 300, exposure: 5600 * 300, realizedPnl: 80_000, feesPaid: 10_000 };

/** One book for a whole scenario, as one actor has. */
const scenario = () => {
  const book = createTradingBook();
  let state: TradingState | undefined;
  return (events: TradingEvent[]) => {
    state = run(events, state, book);
    return state;
  };
};

describe('one fill, one booking, whatever the source', () => {
  it('books a WS fill, a REST copy of it, and a replay of either once', () => {
    const step = scenario();
    step([ws(bought), ws(sold), ws(sold)]);
    const s = step([sync(T0 + 10_000, { fills: [bought, sold], positions: [after] })]);
    expect(s.positions.KXA).toMatchObject(expected);
    expect(s.dailyRealizedPnl).toBe(70_000);
    expect(s.counters.fills).toBe(2);
    expect(s.ledger).toEqual({ entries: 2, checks: {} });
    // Nothing booked and no position moved by the sync itself.
    expect(s.lastSync?.changes).toEqual(['balance unknown → $100.00']);
  });

  it('books fills only REST saw, and their late WS copies change nothing', () => {
    const step = scenario();
    const s = step([sync(T0 + 10_000, { fills: [sold, bought], positions: [after] })]);
    expect(s.positions.KXA).toMatchObject(expected);
    expect(s.lastSync?.changes).toContain('2 fill(s) booked from REST (not seen on the feed)');
    expect(step([ws(bought), ws(sold)])).toBe(s);
  });

  it('folds a late fill in exchange order, whenever it arrives', () => {
    // The sale reaches us first: folded alone it would open a NO position; with the purchase before it,
    // it closes 2 of 5 YES.
    const s = scenario()([ws(sold), ws(bought)]);
    expect(s.positions.KXA).toMatchObject(expected);
    expect(s.dailyRealizedPnl).toBe(70_000);
  });

  it('takes a settlement as a ledger entry: the holding closes at its value', () => {
    const step = scenario();
    step([ws(bought), ws(sold)]);
    const settlement: TradingEvent = {
      type: 'SETTLEMENT',
      ticker: 'KXA',
      result: 'yes',
      settledMs: T0 + 60_000,
      fee: 0,
      atMs: T0 + 61_000,
    };
    const s = step([settlement, settlement]);
    // 3 YES at $0.56 pay $1 each: +$1.32 on top of the sale's $0.08.
    expect(s.positions.KXA).toMatchObject({ position: 0, exposure: 0, realizedPnl: 80_000 + 1_320_000 });
    expect(s.dailyRealizedPnl).toBe(70_000 + 1_320_000);
    expect(s.counters.fills).toBe(2);
  });

  it('loads entries kept by an earlier run without counting them again', () => {
    const book = createTradingBook();
    const s = run(
      [
        {
          type: 'LEDGER.LOAD',
          entries: [bought, sold].map(fillEntry),
          atMs: T0 + 6_000,
        },
        sync(T0 + 10_000, { positions: [after] }),
      ],
      undefined,
      book,
    );
    expect(s.positions.KXA).toMatchObject(expected);
    expect(s.counters.fills).toBe(0);
    expect(s.ledger.checks).toEqual({});
  });
});

describe('the exchange rows as a check', () => {
  it('never takes a position from a row, and accepts a row written before fills the ledger holds', () => {
    const step = scenario();
    step([ws(bought)]);
    // The row was written before the sale, which the ledger already holds.
    const s = step([
      ws(sold),
      sync(T0 + 10_000, {
        positions: [position('KXA', 500, { exposure: 5600 * 500, totalTraded: 5600 * 500, updatedMs: T0 })],
      }),
    ]);
    expect(s.positions.KXA).toMatchObject(expected);
    expect(s.ledger.checks).toEqual({});
  });

  it('pages a market at once when its row differs at the first sync', () => {
    const s = scenario()([sync(T0 + 10_000, { positions: [after] })]);
    expect(s.ledger.checks.KXA).toMatchObject({ status: 'refetch', syncs: 1, reported: false });
    expect(s.lastSync?.changes).toContain(
      'position KXA: differs from the exchange (position, exposure, realizedPnl, feesPaid); paging its fills from the first',
    );
    // Until the fills arrive the gate counts the exchange's holding and its realized loss, if any.
    expect(riskStateOf(s, T0 + 10_000).positions).toEqual([after]);
    const paged = run(
      [{ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [sold, bought], atMs: T0 + 11_000 }],
      s,
    );
    expect(paged.ledger.checks).toEqual({});
    expect(paged.positions.KXA).toMatchObject(expected);
  });

  it('after the first sync, waits for a difference to survive two syncs before paging', () => {
    const step = scenario();
    step([sync(T0)]);
    const once = step([ws(bought), sync(T0 + 10_000, { positions: [after] })]);
    expect(once.ledger.checks.KXA).toMatchObject({ status: 'differs', syncs: 1 });
    expect(riskStateOf(once, T0 + 10_000).positions).toEqual([once.positions.KXA]);
    const twice = step([sync(T0 + 20_000, { positions: [after] })]);
    expect(twice.ledger.checks.KXA).toMatchObject({ status: 'refetch', syncs: 2 });
    // A difference that goes away (a lagging row) is forgotten.
    expect(step([ws(sold), sync(T0 + 30_000, { positions: [after] })]).ledger.checks).toEqual({});
  });

  it('marks a market still different after paging unverified, gates it conservatively till it agrees', () => {
    const book = createTradingBook();
    // The exchange says 2 were sold at a loss ($0.55): the ledger never sees that fill.
    const lossRow = { ...after, realizedPnl: -20_000 };
    let s = run([ws(bought), sync(T0 + 10_000, { positions: [lossRow] })], undefined, book);
    s = run([{ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [bought], atMs: T0 + 11_000 }], s, book);
    expect(s.ledger.checks.KXA).toMatchObject({
      status: 'unverified',
      reported: true,
      exchange: lossRow,
      differences: [
        { field: 'position', ledger: 500, exchange: 300 },
        { field: 'exposure', ledger: 5600 * 500, exchange: 5600 * 300 },
        { field: 'realizedPnl', ledger: 0, exchange: -20_000 },
        { field: 'feesPaid', ledger: 0, exchange: 10_000 },
      ],
    });
    const gate = riskStateOf(s, T0 + 11_000);
    // The larger holding is the fold's; the lower net realized PnL is the exchange's (−$0.03 today).
    expect(gate.positions).toEqual([s.positions.KXA]);
    expect(gate.dailyRealizedPnl).toBe(-30_000);
    // The missing fill turns up: the market agrees again and the gate is the fold's alone.
    const lossy = { ...sold, price: 5500 };
    s = run([sync(T0 + 40_000, { fills: [lossy], positions: [lossRow] })], s, book);
    expect(s.ledger.checks).toEqual({});
    expect(riskStateOf(s, T0 + 40_000).dailyRealizedPnl).toBe(-30_000);
  });

  it('pages an unverified market again once its difference survives two more syncs', () => {
    const book = createTradingBook();
    let s = run([sync(T0, { positions: [after] })], undefined, book);
    s = run([{ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [], atMs: T0 + 1 }], s, book);
    expect(s.ledger.checks.KXA).toMatchObject({ status: 'unverified', syncs: 0 });
    s = run([sync(T0 + 30_000, { positions: [after] })], s, book);
    expect(s.ledger.checks.KXA).toMatchObject({ status: 'unverified', syncs: 1 });
    s = run([sync(T0 + 60_000, { positions: [after] })], s, book);
    expect(s.ledger.checks.KXA).toMatchObject({ status: 'refetch', syncs: 2, reported: true });
  });

  it('checks a market the exchange does not list on its position alone', () => {
    const s = scenario()([ws(bought), ws({ ...sold, count: 500 }), sync(T0 + 10_000)]);
    expect(s.positions.KXA?.position).toBe(0);
    expect(s.ledger.checks).toEqual({});
  });

  it('accepts an absent row for a market first traded while the listing was on its way, even after paging', () => {
    const book = createTradingBook();
    // The listing was asked for at T0 + 5 s; the market's first fill came 3 s later (a restart's first
    // sync reads the fills after the rows): no row, but nothing to report.
    const first = fill({ fillId: 'late', count: 100, tsMs: T0 + 8_000 });
    let s = run([sync(T0 + 10_000, { positionsListedMs: T0 + 5_000, fills: [first] })], undefined, book);
    expect(s.positions.KXA?.position).toBe(100);
    expect(s.ledger.checks).toEqual({});
    // A fill well before the listing is not explained by an absent row: paged at the first sync, and
    // still different after the page, unverified (the check kept the listing time, not the page's).
    const early = fill({ fillId: 'early', ticker: 'KXB', count: 100, tsMs: T0 });
    s = run([sync(T0 + 10_000, { positionsListedMs: T0 + 5_000, fills: [early] })], undefined, book);
    expect(s.ledger.checks.KXB).toMatchObject({ status: 'refetch', listedMs: T0 + 5_000 });
    s = run([{ type: 'LEDGER.HISTORY', ticker: 'KXB', fills: [early], atMs: T0 + 60_000 }], s, book);
    expect(s.ledger.checks.KXB).toMatchObject({
      status: 'unverified',
      differences: [{ field: 'position', ledger: 100, exchange: 0 }],
    });
  });
});
