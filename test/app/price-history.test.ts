// Each market's top of book over time for the console's chart: a ring per market, a sample only when the
// top moved, fed from the event hub's book news.
import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../src/app/daemon-events';
import { createPriceHistory } from '../../src/app/price-history';
import type { Mark } from '../../src/domain/position-pnl';

describe('price history', () => {
  it('samples each market when its top of book moves, in a ring of fixed size', () => {
    const hub = createEventHub();
    const marks = new Map<string, Mark>();
    let nowMs = 0;
    const prices = createPriceHistory(
      hub.subscribe,
      (t) => marks.get(t),
      () => nowMs,
      () => ['A', 'B', 'C'],
      3,
    );
    const tick = (ticker: string, yesBid: number | null, noBid: number | null) => {
      nowMs += 100;
      marks.set(ticker, { yesBid, noBid });
      hub.publish({ type: 'book', ticker });
    };
    tick('A', 4_000, 5_500);
    tick('A', 4_000, 5_500); // depth only: no sample
    tick('B', 100, null);
    tick('A', 4_100, 5_500);
    tick('A', null, 5_500);
    tick('A', 4_200, 5_400);
    expect(prices.samples('A')).toEqual([
      [400, 4_100, 5_500],
      [500, null, 5_500],
      [600, 4_200, 5_400],
    ]);
    expect(prices.samples('B')).toEqual([[300, 100, null]]);
    // No valid book: nothing to sample.
    hub.publish({ type: 'book', ticker: 'C' });
    expect(prices.samples('C')).toEqual([]);
  });

  it('keeps rings only for the followed markets while discovery rolls them, the followed ones intact', () => {
    const hub = createEventHub();
    const marks = new Map<string, Mark>();
    let followed = ['KEEP', 'M0'];
    let nowMs = 0;
    const prices = createPriceHistory(
      hub.subscribe,
      (t) => marks.get(t),
      () => nowMs,
      () => followed,
      3,
    );
    const tick = (ticker: string, yesBid: number) => {
      nowMs += 100;
      marks.set(ticker, { yesBid, noBid: null });
      hub.publish({ type: 'book', ticker });
    };
    tick('KEEP', 4_000);
    for (let round = 1; round <= 1_000; round++) {
      followed = ['KEEP', `M${round}`];
      tick(`M${round}`, round);
    }
    expect(prices.samples('KEEP')).toEqual([[100, 4_000, null]]);
    expect(prices.samples('M1000')).toEqual([[100_100, 1_000, null]]);
    expect(prices.samples('M999')).toEqual([]);
    expect(prices.samples('M1')).toEqual([]);
  });
});
