import { describe, expect, it } from 'vitest';
import { FillLedger } from '../../src/domain/fill-ledger';
import { checkPosition, checkRow, LISTING_CLOCK_SLACK_MS } from '../../src/domain/fill-ledger-check';

const T = 'KXTEST-26JUN01-T50';

describe('checking the fold against the exchange position row', () => {
  const ledger = new FillLedger();
  ledger.insert({
    kind: 'fill',
    id: 'a',
    ticker: T,
    tsMs: 1,
    side: 'bid',
    price: 4_000,
    count: 1_000,
    fee: 170_000,
  });
  ledger.insert({ kind: 'fill', id: 'b', ticker: T, tsMs: 2, side: 'ask', price: 5_500, count: 300, fee: 0 });
  const row = { position: 700, exposure: 2_800_000, realizedPnl: 450_000, feesPaid: 170_000 };

  it('agrees when position, exposure, realized PnL and fees are equal to the micro-dollar', () => {
    expect(checkPosition(T, ledger.position(T), row)).toEqual({ ticker: T, agrees: true });
  });

  it('names each field that differs with both figures', () => {
    expect(checkPosition(T, ledger.position(T), { ...row, realizedPnl: 450_001, feesPaid: 0 })).toEqual({
      ticker: T,
      agrees: false,
      differences: [
        { field: 'realizedPnl', ledger: 450_000, exchange: 450_001 },
        { field: 'feesPaid', ledger: 170_000, exchange: 0 },
      ],
    });
  });

  it('reads a market missing on either side as all zeros', () => {
    const zero = { position: 0, exposure: 0, realizedPnl: 0, feesPaid: 0 };
    expect(checkPosition('NONE', undefined, zero)).toEqual({ ticker: 'NONE', agrees: true });
    expect(checkPosition('NONE', undefined, undefined).agrees).toBe(true);
    expect(checkPosition(T, ledger.position(T), undefined)).toMatchObject({
      agrees: false,
      differences: [
        { field: 'position', ledger: 700, exchange: 0 },
        { field: 'exposure', ledger: 2_800_000, exchange: 0 },
        { field: 'realizedPnl', ledger: 450_000, exchange: 0 },
        { field: 'feesPaid', ledger: 170_000, exchange: 0 },
      ],
    });
    expect(checkPosition(T, undefined, row).agrees).toBe(false);
  });
});

describe('checking a position row that lags or leads the ledger', () => {
  const ledger = new FillLedger();
  // Buy 10 at $0.40 ($0.17 fee) at t=1, sell 3 at $0.55 at t=2, buy 1 at $0.50 ($0.01 fee) at t=5.
  ledger.insertAll([
    { kind: 'fill', id: 'a', ticker: T, tsMs: 1, side: 'bid', price: 4_000, count: 1_000, fee: 170_000 },
    { kind: 'fill', id: 'b', ticker: T, tsMs: 2, side: 'ask', price: 5_500, count: 300, fee: 0 },
    { kind: 'fill', id: 'c', ticker: T, tsMs: 5, side: 'bid', price: 5_000, count: 100, fee: 10_000 },
  ]);
  const asOf2 = { position: 700, exposure: 2_800_000, realizedPnl: 450_000, feesPaid: 170_000 };
  const now = { position: 800, exposure: 3_300_000, realizedPnl: 450_000, feesPaid: 180_000 };
  const row = (figures: typeof now, updatedMs: number | null) => ({
    ticker: T,
    totalTraded: 0,
    updatedMs,
    ...figures,
  });

  it('reads the fold as of a time, fees included, and zeros before the first entry', () => {
    expect(ledger.positionAt(T, 0)).toEqual({ position: 0, exposure: 0, realizedPnl: 0, feesPaid: 0 });
    expect(ledger.positionAt(T, 2)).toEqual(asOf2);
    expect(ledger.positionAt(T, 4)).toEqual(asOf2);
    expect(ledger.positionAt(T, 5)).toEqual(now);
    expect(ledger.positionAt('NONE', 5)).toBeUndefined();
  });

  it('agrees with a current row, and with a row written before fills the ledger already holds', () => {
    expect(checkRow(ledger, T, row(now, 5)).agrees).toBe(true);
    expect(checkRow(ledger, T, row(asOf2, 3)).agrees).toBe(true);
  });

  it('differs from a row that counts a fill the ledger lacks, against the fold now', () => {
    const ahead = { ...now, position: 900, exposure: 3_800_000 };
    expect(checkRow(ledger, T, row(ahead, 9))).toEqual({
      ticker: T,
      agrees: false,
      differences: [
        { field: 'position', ledger: 800, exchange: 900 },
        { field: 'exposure', ledger: 3_300_000, exchange: 3_800_000 },
      ],
    });
    // Without a time the row is only compared with the fold now.
    expect(checkRow(ledger, T, row(asOf2, null)).agrees).toBe(false);
  });

  it('checks only the position of a market the exchange does not list', () => {
    expect(checkRow(ledger, T, undefined)).toMatchObject({
      agrees: false,
      differences: [{ field: 'position', ledger: 800, exchange: 0 }],
    });
    const flat = new FillLedger();
    flat.insertAll([
      { kind: 'fill', id: 'x', ticker: T, tsMs: 1, side: 'bid', price: 4_000, count: 100, fee: 1 },
      { kind: 'fill', id: 'y', ticker: T, tsMs: 2, side: 'ask', price: 4_500, count: 100, fee: 1 },
    ]);
    expect(checkRow(flat, T, undefined).agrees).toBe(true);
  });

  it('takes an absent row as of when the listing was asked for, less the clock slack', () => {
    // The ledger's first entry is at 1 ms: a listing asked for before it (slack included) had no row.
    expect(checkRow(ledger, T, undefined, 1 + LISTING_CLOCK_SLACK_MS - 1).agrees).toBe(true);
    expect(checkRow(ledger, T, undefined, 1 + LISTING_CLOCK_SLACK_MS)).toMatchObject({
      agrees: false,
      differences: [{ field: 'position', ledger: 800, exchange: 0 }],
    });
  });
});
