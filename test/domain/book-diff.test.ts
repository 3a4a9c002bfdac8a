import { describe, expect, it } from 'vitest';
import { confirmedDiffs, diffBook } from '../../src/domain/book-diff';
import { Orderbook } from '../../src/domain/orderbook';

const book = (yes: number[], no: number[]) => {
  const b = new Orderbook();
  b.applySnapshot(yes, no);
  return b;
};

describe('diffBook', () => {
  it('finds nothing when every level agrees', () => {
    const ours = book([4000, 100, 4100, 50], [5000, 20]);
    expect(
      diffBook(
        {
          yes: [
            [4000, 100],
            [4100, 50],
          ],
          no: [[5000, 20]],
        },
        ours,
      ),
    ).toEqual([]);
  });

  it('names every level that differs, is missing or is extra, on either side', () => {
    const ours = book([4000, 100, 4100, 50], [5000, 20]);
    const exchange = {
      yes: [
        [3900, 5],
        [4000, 97],
      ] as [number, number][],
      no: [
        [5000, 20],
        [5100, 1],
      ] as [number, number][],
    };
    expect(diffBook(exchange, ours)).toEqual([
      { side: 'yes', price: 3900, exchange: 5, ours: 0 },
      { side: 'yes', price: 4000, exchange: 97, ours: 100 },
      { side: 'yes', price: 4100, exchange: 0, ours: 50 },
      { side: 'no', price: 5100, exchange: 1, ours: 0 },
    ]);
  });
});

describe('confirmedDiffs', () => {
  const first = [
    { side: 'yes' as const, price: 4000, exchange: 97, ours: 100 },
    { side: 'no' as const, price: 5100, exchange: 1, ours: 0 },
  ];

  it('keeps a level that is off by the same amount on the second fetch, even if both moved', () => {
    const second = [
      { side: 'yes' as const, price: 4000, exchange: 90, ours: 93 },
      { side: 'no' as const, price: 5100, exchange: 1, ours: 0 },
    ];
    expect(confirmedDiffs(first, second)).toEqual(second);
  });

  it('drops what the feed caught up with, and what is new on the second fetch', () => {
    const second = [
      { side: 'yes' as const, price: 4000, exchange: 97, ours: 99 },
      { side: 'yes' as const, price: 4200, exchange: 3, ours: 0 },
    ];
    expect(confirmedDiffs(first, second)).toEqual([]);
  });
});
