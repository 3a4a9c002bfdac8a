import { describe, expect, it } from 'vitest';
import { FillLedger } from '../../src/domain/fill-ledger';
import { checkPosition } from '../../src/domain/fill-ledger-check';

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
