// The market maker's arithmetic: fair value without its own quotes, the grid, the spread floor, the
// inventory skew, the cap and the requote threshold.
import { describe, expect, it } from 'vitest';
import { Orderbook } from '../../../src/domain/orderbook';
import { fairValue, othersTouch } from '../../../src/strategies/market-maker/fair-value';
import { MarketMakerParamsSchema } from '../../../src/strategies/market-maker/market-maker-params';
import { targetQuotes } from '../../../src/strategies/market-maker/quotes';

const CENT = [{ start: 0, end: 10_000, step: 100 }];
const params = MarketMakerParamsSchema.parse({ spread_ticks: 2, size: 1, max_position: 3 });

/** YES bids and NO bids as [price, centi] pairs. */
function book(yes: [number, number][], no: [number, number][]) {
  const b = new Orderbook();
  b.applySnapshot(yes.flat(), no.flat());
  return b;
}

describe('fair value', () => {
  it('takes our own quotes out of the touch', () => {
    // Others: bid 40¢ × 10, ask 60¢ × 5 (NO bid 40¢). Ours: bid 45¢ × 1 and ask 55¢ × 1 (NO bid 45¢).
    const b = book(
      [
        [4_000, 1_000],
        [4_500, 100],
      ],
      [
        [4_000, 500],
        [4_500, 100],
      ],
    );
    const own = [
      { side: 'bid' as const, price: 4_500, remainingCount: 100 },
      { side: 'ask' as const, price: 5_500, remainingCount: 100 },
    ];
    expect(othersTouch(b, [])).toEqual({ bid: 4_500, bidSize: 100, ask: 5_500, askSize: 100 });
    const touch = othersTouch(b, own);
    expect(touch).toEqual({ bid: 4_000, bidSize: 1_000, ask: 6_000, askSize: 500 });
    if (touch === null) return;
    expect(fairValue(touch, 'mid')).toBe(5_000);
    // Microprice leans to the thin side: (40·5 + 60·10) / 15 = 53.33¢.
    expect(fairValue(touch, 'microprice')).toBe(5_333);
    expect(othersTouch(book([[4_500, 100]], []), [])).toBeNull();
  });
});

describe('target quotes', () => {
  const touch = { bid: 4_000, bidSize: 1_000, ask: 6_000, askSize: 1_000 };
  const base = { touch, fair: 5_000, ranges: CENT, position: 0, resting: {}, params };

  it('quotes on the grid around the fair value, the spread floor apart', () => {
    expect(targetQuotes(base)).toEqual([
      { side: 'bid', price: 4_900, count: 100 },
      { side: 'ask', price: 5_100, count: 100 },
    ]);
    expect(targetQuotes({ ...base, fair: 5_030 })).toEqual([
      { side: 'bid', price: 4_900, count: 100 },
      { side: 'ask', price: 5_100, count: 100 },
    ]);
    const wide = { ...params, spread_ticks: 5 };
    const q = targetQuotes({ ...base, params: wide });
    expect((q[1]?.price ?? 0) - (q[0]?.price ?? 0)).toBe(500);
  });

  it('skews both quotes against the position, and never crosses what others show', () => {
    expect(targetQuotes({ ...base, position: 200 })).toEqual([
      { side: 'bid', price: 4_700, count: 100 },
      { side: 'ask', price: 4_900, count: 100 },
    ]);
    expect(targetQuotes({ ...base, position: -200 })).toEqual([
      { side: 'bid', price: 5_100, count: 100 },
      { side: 'ask', price: 5_300, count: 100 },
    ]);
    const narrow = { bid: 4_900, bidSize: 100, ask: 5_000, askSize: 100 };
    const q = targetQuotes({ ...base, touch: narrow, fair: 4_950, position: -200 });
    expect(q.find((o) => o.side === 'bid')?.price).toBeLessThan(5_000);
  });

  it('drops the side that could pass the position cap', () => {
    expect(targetQuotes({ ...base, position: 300 }).map((o) => o.side)).toEqual(['ask']);
    expect(targetQuotes({ ...base, position: -300 }).map((o) => o.side)).toEqual(['bid']);
    expect(targetQuotes({ ...base, position: 250 }).map((o) => o.side)).toEqual(['ask']);
  });

  it('keeps a resting quote within the requote threshold where it is', () => {
    const slack = { ...params, requote_ticks: 2 };
    const resting = { bid: { price: 4_800, count: 100 }, ask: { price: 5_400, count: 100 } };
    expect(targetQuotes({ ...base, params: slack, resting })).toEqual([
      { side: 'bid', price: 4_800, count: 100 },
      { side: 'ask', price: 5_100, count: 100 },
    ]);
  });
});
