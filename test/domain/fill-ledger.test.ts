import { describe, expect, it } from 'vitest';
import {
  type FillEntry,
  FillLedger,
  fillEntry,
  type LedgerEntry,
  settlementEntry,
  utcDayStart,
} from '../../src/domain/fill-ledger';
import { shareOf } from '../../src/domain/fill-ledger-fold';
import { MONEY_ONE, PRICE_ONE } from '../../src/domain/fixed-point';

const T = 'KXTEST-26JUN01-T50';
const DAY0 = Date.UTC(2026, 5, 1);
const c = (contracts: number) => contracts * 100;
const usd = (dollars: number) => Math.round(dollars * MONEY_ONE);

let seq = 0;
/** A fill with a fresh, increasing id (as the simulator's time-ordered ids are). */
const fill = (
  side: 'bid' | 'ask',
  price: number,
  count: number,
  tsMs = DAY0,
  fee = 0,
  ticker = T,
): FillEntry => ({
  kind: 'fill',
  id: `f-${String(++seq).padStart(6, '0')}`,
  ticker,
  tsMs,
  side,
  price,
  count,
  fee,
});

const ledgerOf = (...entries: LedgerEntry[]) => {
  const ledger = new FillLedger();
  for (const e of entries) ledger.insert(e);
  return ledger;
};

describe('fill ledger: the fold', () => {
  it('opens at cost, closes against the average basis, and keeps fees apart from realized PnL', () => {
    const ledger = ledgerOf(fill('bid', 4_000, c(10), DAY0, usd(0.17)), fill('ask', 5_500, c(3), DAY0 + 1));
    expect(ledger.position(T)).toMatchObject({
      position: c(7),
      exposure: usd(2.8),
      realizedPnl: usd(0.45), // 3 × 0.55 − 3/10 of $4
      feesPaid: usd(0.17),
      totalTraded: usd(4 + 1.35), // the sell bought 3 NO at 0.45
      volume: c(13),
      entryCount: 2,
      updatedMs: DAY0 + 1,
      settled: false,
    });
  });

  it('a fill through zero closes first and opens the rest at its own price', () => {
    const ledger = ledgerOf(fill('bid', 5_000, c(3)), fill('ask', 6_000, c(5)));
    expect(ledger.position(T)).toMatchObject({ position: -c(2), exposure: usd(0.8), realizedPnl: usd(0.3) });
  });

  it('closing NO by buying YES pays $1 − p back', () => {
    const ledger = ledgerOf(fill('ask', 3_000, c(10)), fill('bid', 2_000, c(4)));
    expect(ledger.position(T)).toMatchObject({ position: -c(6), exposure: usd(4.2), realizedPnl: usd(0.4) });
  });

  it('floors each partial close and lets the last close release what the floors left', () => {
    // Basis 500 µ$ for 3 contracts: the thirds are 166.67, so the closes release 166, 167, then 167.
    const ledger = ledgerOf(fill('bid', 1, c(1)), fill('bid', 2, c(2)));
    const closes = [fill('ask', 9_999, c(1)), fill('ask', 9_999, c(1)), fill('ask', 9_999, c(1))];
    const released = closes.map((e) => {
      ledger.insert(e);
      return 9_999 * c(1) - (ledger.entries(T).at(-1)?.realized ?? 0);
    });
    expect(released).toEqual([166, 167, 167]);
    expect(ledger.position(T)).toMatchObject({ position: 0, exposure: 0, realizedPnl: 3 * 999_900 - 500 });
  });

  it('takes the exact floor when exposure × part passes 2^53', () => {
    const exposure = 9_000_000_000_000; // $9M of basis
    expect(shareOf(exposure, 333_333, 1_000_001)).toBe(Number((BigInt(exposure) * 333_333n) / 1_000_001n));
    expect(shareOf(7, 1, 3)).toBe(2);
    expect(shareOf(7, 3, 3)).toBe(7);
  });

  it('converts a domain Fill into its entry', () => {
    const entry = fillEntry({
      fillId: 'abc',
      tradeId: 'abc',
      orderId: 'o',
      clientOrderId: null,
      ticker: T,
      side: 'ask',
      price: 4_200,
      count: c(2),
      isTaker: true,
      fee: 10_000,
      tsMs: DAY0,
    });
    expect(entry).toEqual({
      kind: 'fill',
      id: 'abc',
      ticker: T,
      tsMs: DAY0,
      side: 'ask',
      price: 4_200,
      count: c(2),
      fee: 10_000,
    });
  });
});

describe('fill ledger: settlements', () => {
  it('a yes result pays $1 per YES contract and closes the position against its basis', () => {
    const ledger = ledgerOf(fill('bid', 4_000, c(10)), settlementEntry(T, 'yes', DAY0 + 10));
    expect(ledger.position(T)).toMatchObject({
      position: 0,
      exposure: 0,
      realizedPnl: usd(6),
      totalTraded: usd(4),
      settled: true,
    });
  });

  it('a no result pays $1 per NO contract; a no result on a long YES loses the basis', () => {
    const short = ledgerOf(fill('ask', 7_000, c(5)), settlementEntry(T, 'no', DAY0 + 10));
    expect(short.position(T)).toMatchObject({ position: 0, realizedPnl: usd(5 - 1.5) });
    const long = ledgerOf(fill('bid', 7_000, c(5)), settlementEntry(T, 'no', DAY0 + 10, usd(0.01)));
    expect(long.position(T)).toMatchObject({ position: 0, realizedPnl: -usd(3.5), feesPaid: usd(0.01) });
  });

  it('a scalar result pays its value per YES contract and $1 − value per NO contract', () => {
    const ledger = ledgerOf(
      fill('bid', 4_000, c(10)),
      fill('ask', 5_000, c(4), DAY0, 0, 'OTHER'),
      settlementEntry(T, { yesValue: 6_500 }, DAY0 + 10),
      settlementEntry('OTHER', { yesValue: 6_500 }, DAY0 + 10),
    );
    expect(ledger.position(T)).toMatchObject({ position: 0, realizedPnl: usd(6.5 - 4) });
    expect(ledger.position('OTHER')).toMatchObject({ position: 0, realizedPnl: usd(1.4 - 2) });
  });

  it('in one millisecond a settlement comes after the fills, whatever the ids', () => {
    const ledger = ledgerOf(settlementEntry(T, 'yes', DAY0), { ...fill('bid', 4_000, c(1)), id: 'zzz' });
    expect(ledger.entries(T).map((e) => e.entry.kind)).toEqual(['fill', 'settlement']);
    expect(ledger.position(T)).toMatchObject({ position: 0, realizedPnl: usd(0.6) });
  });
});

describe('fill ledger: exactly once, in exchange order', () => {
  it('takes an id once: a second copy is a duplicate, a different one a conflict, and neither changes anything', () => {
    const first = fill('bid', 4_000, c(10), DAY0, 100);
    const ledger = ledgerOf(first);
    const before = ledger.position(T);
    expect(ledger.insert({ ...first })).toBe('duplicate');
    expect(ledger.insert({ ...first, count: c(11) })).toBe('conflict');
    expect(ledger.insertAll([{ ...first }, { ...first, fee: 0 }])).toMatchObject({
      added: 0,
      duplicates: 1,
      rejected: [{ reason: 'conflict' }],
      tickers: [],
    });
    expect(ledger.position(T)).toEqual(before);
    expect(ledger.size).toBe(1);
  });

  it('refuses entries it cannot fold', () => {
    const ledger = new FillLedger();
    expect(ledger.insert({ ...fill('bid', 4_000, c(1)), count: Number.NaN })).toBe('invalid');
    expect(ledger.insert({ ...fill('bid', 4_000, c(1)), count: 0 })).toBe('invalid');
    expect(ledger.insert({ ...fill('bid', 4_000, c(1)), price: PRICE_ONE + 1 })).toBe('invalid');
    expect(ledger.insert({ ...fill('bid', 4_000, c(1)), fee: -1 })).toBe('invalid');
    expect(ledger.insert({ ...settlementEntry(T, 'yes', DAY0), value: 0.5 })).toBe('invalid');
    expect(ledger.size).toBe(0);
    expect(ledger.position(T)).toBeUndefined();
  });

  it('a late fill re-folds what follows it; the figures equal those of in-order arrival', () => {
    const a = fill('bid', 5_000, c(3), DAY0);
    const b = fill('ask', 6_000, c(5), DAY0 + 5);
    const late = fill('bid', 2_000, c(4), DAY0 + 2);
    const ledger = new FillLedger();
    expect(ledger.insert(a)).toBe('appended');
    expect(ledger.insert(b)).toBe('appended');
    expect(ledger.insert(late)).toBe('refolded');
    expect(ledger.entries(T).map((e) => e.entry.id)).toEqual([a.id, late.id, b.id]);
    expect(ledger.position(T)).toEqual(ledgerOf(a, late, b).position(T));
    // Basis $2.30 for 7; closing 5 releases ⌊2.3 × 5/7⌋ = $1.642857.
    expect(ledger.position(T)).toMatchObject({ position: c(2), realizedPnl: usd(3) - 1_642_857 });
  });

  it('orders one millisecond by id', () => {
    const x = { ...fill('bid', 5_000, c(3)), id: 'b' };
    const y = { ...fill('ask', 9_000, c(5)), id: 'a' };
    const ledger = ledgerOf(x, y);
    expect(ledger.entries(T).map((e) => e.entry.id)).toEqual(['a', 'b']);
    expect(ledger.position(T)).toMatchObject({
      position: -c(2),
      exposure: usd(0.2),
      realizedPnl: usd(0.9 * 3 - 1.5),
    });
  });

  it('a newest-first page in one batch folds like the same fills one by one in order', () => {
    const fills = [
      fill('bid', 4_100, c(7)),
      fill('ask', 4_300, c(3), DAY0 + 1),
      fill('ask', 3_900, c(9), DAY0 + 1),
      fill('bid', 4_000, c(2), DAY0 + 3, 20_000),
      fill('bid', 4_000, c(1), DAY0 + 3, 10_000, 'OTHER'),
    ];
    const batch = new FillLedger();
    batch.insert(fills[3] as FillEntry); // already known: a WS copy before the page
    const outcome = batch.insertAll([...fills].reverse());
    expect(outcome).toMatchObject({ added: 4, duplicates: 1, rejected: [] });
    expect(outcome.tickers.sort()).toEqual([T, 'OTHER']);
    const inOrder = ledgerOf(...fills);
    expect(batch.positions()).toEqual(inOrder.positions());
    expect(batch.entries(T)).toEqual(inOrder.entries(T));
  });
});

describe("fill ledger: today's realized PnL", () => {
  it('counts each entry on the UTC day it executed, its realized part minus its fee', () => {
    const late = DAY0 - 1; // 23:59:59.999 the day before
    const ledger = ledgerOf(
      fill('bid', 4_000, c(10), late - 10, usd(0.1)),
      fill('ask', 5_000, c(5), late, usd(0.05)), // realizes 0.5 yesterday
      fill('ask', 6_000, c(5), DAY0, usd(0.02)), // realizes 1.0 today, against yesterday's basis
      settlementEntry('OTHER', 'yes', DAY0 + 5),
    );
    expect(utcDayStart(DAY0 + 86_399_999)).toBe(DAY0);
    expect(ledger.dailyRealizedNet(DAY0 + 3_600_000)).toBe(usd(1 - 0.02));
    expect(ledger.dailyRealizedNet(late)).toBe(usd(0.5 - 0.1 - 0.05));
    expect(ledger.realizedNetBetween(0, DAY0 * 2)).toBe(usd(1.5 - 0.17));
  });

  it('a late fill from yesterday changes the basis today closes against', () => {
    const ledger = ledgerOf(fill('bid', 4_000, c(10), DAY0 - 100), fill('ask', 6_000, c(10), DAY0 + 100));
    expect(ledger.dailyRealizedNet(DAY0)).toBe(usd(2));
    ledger.insert(fill('bid', 2_000, c(10), DAY0 - 50)); // basis now $6 for 20: today closes half at 0.30
    expect(ledger.dailyRealizedNet(DAY0)).toBe(usd(6 - 3));
    expect(ledger.position(T)).toMatchObject({ position: c(10), exposure: usd(3), realizedPnl: usd(3) });
  });
});
