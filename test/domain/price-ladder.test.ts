import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LADDER_BAD_INPUT, LADDER_NEGATIVE, LADDER_OK, PriceLadder } from '../../src/domain/price-ladder';

// The reference: a plain Map from price to size, the obvious model of one bid ladder.
function ascending(model: Map<number, number>): Array<[number, number]> {
  return [...model.entries()].sort((a, b) => a[0] - b[0]);
}

function read(ladder: PriceLadder): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < ladder.count; i++) out.push([ladder.priceAscending(i), ladder.sizeAscending(i)]);
  return out;
}

describe('PriceLadder', () => {
  it('matches a Map model under random signed changes at any tick, growing past its capacity', () => {
    const change = fc.record({
      price: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 50, 100, 4999, 5000, 9999)),
      delta: fc.integer({ min: -5000, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 400 }), (changes) => {
        const ladder = new PriceLadder();
        const model = new Map<number, number>();
        for (const { price, delta } of changes) {
          const before = model.get(price) ?? 0;
          const code = ladder.add(price, delta);
          if (before + delta < 0) {
            expect(code).toBe(LADDER_NEGATIVE);
            continue;
          }
          expect(code).toBe(LADDER_OK);
          if (before + delta === 0) model.delete(price);
          else model.set(price, before + delta);
        }
        const expected = ascending(model);
        expect(read(ladder)).toEqual(expected);
        expect(ladder.count).toBe(expected.length);
        expect(ladder.total).toBe(expected.reduce((sum, [, size]) => sum + size, 0));
        expect(ladder.best).toBe(expected.length === 0 ? -1 : expected[expected.length - 1]![0]);
        if (expected.length > 0) expect(ladder.priceAt(0)).toBe(ladder.best);
      }),
      { numRuns: 300 },
    );
  });

  it('finds, inserts and removes at every depth around the top eight levels it checks first', () => {
    // Ladders of 1..12 levels at even prices; a change at every even (existing) and odd (new) price
    // from below the lowest to above the best, each checked against the model.
    for (let levels = 1; levels <= 12; levels++) {
      for (let price = 1; price <= 2 * levels + 3; price++) {
        for (const delta of [5, -10, -1]) {
          const ladder = new PriceLadder();
          const model = new Map<number, number>();
          for (let k = 1; k <= levels; k++) {
            ladder.add(2 * k, 10);
            model.set(2 * k, 10);
          }
          const before = model.get(price) ?? 0;
          const code = ladder.add(price, delta);
          if (before + delta < 0) expect(code).toBe(LADDER_NEGATIVE);
          else if (before + delta === 0) model.delete(price);
          else model.set(price, before + delta);
          const expected = ascending(model);
          expect(read(ladder), `${levels} levels, ${delta} at ${price}`).toEqual(expected);
          expect(ladder.best).toBe(expected[expected.length - 1]?.[0] ?? -1);
          expect(ladder.sizeOf(price)).toBe(model.get(price) ?? 0);
        }
      }
    }
  });

  it('loads flat snapshots in any order and sorts them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 300, maxLength: 300 }),
        (prices, sizes) => {
          const flat = prices.flatMap((price, i) => [price, sizes[i]!]);
          const ladder = new PriceLadder();
          expect(ladder.load(flat)).toBe(LADDER_OK);
          expect(read(ladder)).toEqual(ascending(new Map(prices.map((p, i) => [p, sizes[i]!]))));
        },
      ),
    );
  });

  it('reports bad input and keeps its state on a bad change', () => {
    const ladder = new PriceLadder();
    ladder.add(100, 5);
    expect(ladder.add(0, 1)).toBe(LADDER_BAD_INPUT);
    expect(ladder.add(10_000, 1)).toBe(LADDER_BAD_INPUT);
    expect(ladder.add(100, Number.POSITIVE_INFINITY)).toBe(LADDER_BAD_INPUT);
    expect(ladder.add(100, Number.MAX_SAFE_INTEGER)).toBe(LADDER_BAD_INPUT);
    expect(read(ladder)).toEqual([[100, 5]]);
    expect(ladder.load([5, 1, 5, 2])).toBe(LADDER_BAD_INPUT);
    expect(ladder.count).toBe(0);
  });
});
