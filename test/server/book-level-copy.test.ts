// A side's diff, as the orderbook_delta channel sends it: applied to the previous levels it gives the
// ladder's levels exactly, for any sequence of ladders (levels added, resized, removed, the side emptied).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatPrice } from '../../src/domain/fixed-point';
import { PriceLadder } from '../../src/domain/price-ladder';
import { LevelCopy } from '../../src/server/book-level-copy';

const levelsOf = (ladder: PriceLadder): Map<string, string> => {
  const out = new Map<string, string>();
  for (let i = 0; i < ladder.count; i++)
    out.set(formatPrice(ladder.priceAt(i)), formatCount(ladder.sizeAt(i)));
  return out;
};

/** A side's levels: up to 40 distinct prices in 1..9999 with positive sizes. */
const side = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 1, max: 1_000_000 })), {
    maxLength: 40,
    selector: ([price]) => price,
  })
  .map((levels) => levels.flat());

describe('LevelCopy.diff', () => {
  it('sends exactly the levels that changed, and applying them gives the new side', () => {
    fc.assert(
      fc.property(fc.array(side, { minLength: 1, maxLength: 8 }), (sides) => {
        const copy = new LevelCopy();
        const ladder = new PriceLadder();
        const replica = new Map<string, string>();
        for (const flat of sides) {
          const before = new Map(replica);
          ladder.load(flat);
          const changes = JSON.parse(`[${copy.diff(ladder)}]`) as [string, string][];
          for (const [price, size] of changes) {
            if (Number(size) === 0) replica.delete(price);
            else replica.set(price, size);
          }
          const now = levelsOf(ladder);
          expect(replica).toEqual(now);
          // Nothing unchanged is sent, and each price at most once.
          for (const [price, size] of changes) expect(before.get(price) ?? '0.00').not.toBe(size);
          expect(new Set(changes.map(([price]) => price)).size).toBe(changes.length);
        }
        expect(copy.count).toBe(ladder.count);
      }),
      { numRuns: 300 },
    );
  });
});
