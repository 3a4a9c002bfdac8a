import { describe, expect, it } from 'vitest';
import { PRICE_ONE, parseCount, parsePrice } from '../../src/domain/fixed-point';
import { Orderbook } from '../../src/domain/orderbook';

// Kalshi's spec example: yes 0.08×300, 0.22×333; no 0.54×20, 0.56×146 (sent unsorted here on purpose).
const yes = [parsePrice('0.2200'), parseCount('333.00'), parsePrice('0.0800'), parseCount('300.00')];
const no = [parsePrice('0.5600'), parseCount('146.00'), parsePrice('0.5400'), parseCount('20.00')];

function specBook(): Orderbook {
  const book = new Orderbook();
  expect(book.applySnapshot(yes, no)).toBe('ok');
  return book;
}

describe('Orderbook maths', () => {
  it('derives best bids, asks, spread and doubled mid from the two bid ladders', () => {
    const book = specBook();
    expect(book.bestYesBid()).toBe(2200);
    expect(book.bestNoBid()).toBe(5600);
    expect(book.yesAsk()).toBe(4400); // $1 − best NO bid
    expect(book.noAsk()).toBe(7800); // $1 − best YES bid
    expect(book.spread()).toBe(2200);
    expect(book.midX2()).toBe(2200 + 4400); // mid $0.33, doubled
    expect(book.totalSize('yes')).toBe(63_300);
    expect(book.totalSize('no')).toBe(16_600);
  });

  it('reads depth best first and levels ascending (REST shape)', () => {
    const book = specBook();
    expect(book.depth('yes', 5)).toEqual([
      [2200, 33_300],
      [800, 30_000],
    ]);
    expect(book.depth('no', 1)).toEqual([[5600, 14_600]]);
    expect(book.levelsAscending('no')).toEqual([
      [5400, 2000],
      [5600, 14_600],
    ]);
    expect(book.yes.priceAt(0)).toBe(2200);
    expect(book.yes.sizeAt(1)).toBe(30_000);
    expect(book.yes.sizeOf(800)).toBe(30_000);
    expect(book.yes.sizeOf(801)).toBe(0);
  });

  it('keeps a half-tick mid exact by doubling it', () => {
    const book = new Orderbook();
    book.applySnapshot([4999, 100], [5000, 100]); // bid 0.4999, ask 0.5000
    expect(book.midX2()).toBe(9999);
    expect(book.spread()).toBe(1);
  });

  it('reports null for derived values of an empty side', () => {
    const book = new Orderbook();
    expect(book.applySnapshot([3000, 100], [])).toBe('ok');
    expect(book.bestNoBid()).toBeNull();
    expect(book.yesAsk()).toBeNull();
    expect(book.noAsk()).toBe(7000);
    expect(book.spread()).toBeNull();
    expect(book.midX2()).toBeNull();
    expect(book.depth('no', 3)).toEqual([]);
  });

  it('adds, changes and removes levels with signed deltas; a level at 0 disappears', () => {
    const book = specBook();
    expect(book.applyDelta('yes', 2300, 500)).toBe('ok');
    expect(book.bestYesBid()).toBe(2300);
    expect(book.applyDelta('yes', 2300, -200)).toBe('ok');
    expect(book.yes.sizeOf(2300)).toBe(300);
    expect(book.applyDelta('yes', 2300, -300)).toBe('ok');
    expect(book.bestYesBid()).toBe(2200);
    expect(book.depth('yes', 10)).toHaveLength(2);
    expect(book.applyDelta('no', 5600, -14_600)).toBe('ok');
    expect(book.bestNoBid()).toBe(5400);
    expect(book.totalSize('no')).toBe(2000);
    expect(book.valid).toBe(true);
  });

  it('flags a level going negative, leaves it untouched and refuses further deltas', () => {
    const book = specBook();
    expect(book.applyDelta('no', 5400, -2001)).toBe('negative');
    expect(book.valid).toBe(false);
    expect(book.no.sizeOf(5400)).toBe(2000);
    expect(book.applyDelta('no', 5400, -1)).toBe('invalid');
    expect(book.applySnapshot(yes, no)).toBe('ok');
    expect(book.valid).toBe(true);
  });

  it('flags a negative delta on a missing level', () => {
    const book = specBook();
    expect(book.applyDelta('yes', 1000, -1)).toBe('negative');
    expect(book.valid).toBe(false);
  });

  it('treats locked (= $1) and crossed (> $1) books as invalid', () => {
    const locked = specBook();
    expect(locked.applyDelta('yes', PRICE_ONE - 5600, 100)).toBe('crossed');
    expect(locked.valid).toBe(false);
    const crossed = specBook();
    expect(crossed.applyDelta('no', 7900, 100)).toBe('crossed'); // 0.79 + 0.22 > $1
    expect(crossed.valid).toBe(false);
    const fine = specBook();
    expect(fine.applyDelta('yes', PRICE_ONE - 5600 - 1, 100)).toBe('ok'); // one tick below lock
    expect(new Orderbook().applySnapshot([5000, 1], [5000, 1])).toBe('crossed');
  });

  it('works at deci-cent and tapered ticks without assuming a cent grid', () => {
    const book = new Orderbook();
    // tapered_deci_cent: $0.001 steps near the edges, $0.01 in between
    const snapshotYes = [parsePrice('0.001'), 100, parsePrice('0.095'), 250, parsePrice('0.45'), 1000];
    const snapshotNo = [parsePrice('0.009'), 5, parsePrice('0.5'), 75];
    expect(book.applySnapshot(snapshotYes, snapshotNo)).toBe('ok');
    expect(book.bestYesBid()).toBe(4500);
    expect(book.yesAsk()).toBe(5000);
    expect(book.spread()).toBe(500);
    expect(book.applyDelta('no', parsePrice('0.549'), 3)).toBe('ok'); // YES ask $0.451, one $0.001 tick over the bid
    expect(book.spread()).toBe(10);
    expect(book.applyDelta('no', parsePrice('0.551'), 3)).toBe('crossed'); // would sell YES at $0.449 < bid
    expect(book.applySnapshot(snapshotYes, snapshotNo)).toBe('ok');
    expect(book.applyDelta('yes', parsePrice('0.096'), 7)).toBe('ok');
    expect(book.levelsAscending('yes')).toEqual([
      [10, 100],
      [950, 250],
      [960, 7],
      [4500, 1000],
    ]);
    expect(book.levelsAscending('no')).toEqual([
      [90, 5],
      [5000, 75],
    ]);
  });

  it('handles deci-cent books: a bid one $0.001 tick under the ask', () => {
    const book = new Orderbook();
    expect(book.applySnapshot([parsePrice('0.123'), 100], [parsePrice('0.876'), 100])).toBe('ok');
    expect(book.spread()).toBe(10);
    expect(book.applyDelta('yes', parsePrice('0.1235'), 100)).toBe('ok'); // sub-tick price still exact
    expect(book.spread()).toBe(5);
    expect(book.midX2()).toBe(1235 + 1240);
  });

  it('rejects malformed snapshots and deltas without crashing', () => {
    const book = new Orderbook();
    expect(book.applySnapshot([100], [])).toBe('malformed'); // odd length
    expect(book.applySnapshot([0, 100], [])).toBe('malformed'); // $0 is not a bid price
    expect(book.applySnapshot([PRICE_ONE, 100], [])).toBe('malformed');
    expect(book.applySnapshot([100.5, 100], [])).toBe('malformed');
    expect(book.applySnapshot([100, -1], [])).toBe('malformed');
    expect(book.applySnapshot([100, 1, 100, 2], [])).toBe('malformed'); // repeated price
    expect(book.valid).toBe(false);
    expect(book.depth('yes', 5)).toEqual([]);
    expect(book.applySnapshot([100, 0, 200, 5], [])).toBe('ok'); // zero levels are skipped
    expect(book.depth('yes', 5)).toEqual([[200, 5]]);
    expect(book.applyDelta('yes', Number.NaN, 1)).toBe('malformed');
    const other = specBook();
    expect(other.applyDelta('yes', 500, 0.5)).toBe('malformed');
    expect(other.valid).toBe(false);
  });

  it('tracks stale separately from valid; a snapshot clears both', () => {
    const book = new Orderbook();
    expect(book.stale).toBe(true);
    expect(book.fresh).toBe(false);
    book.applySnapshot(yes, no);
    expect(book.fresh).toBe(true);
    book.markStale();
    expect(book.valid).toBe(true);
    expect(book.fresh).toBe(false);
    book.applySnapshot(yes, no);
    expect(book.fresh).toBe(true);
  });
});
