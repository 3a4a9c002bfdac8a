import { describe, expect, it } from 'vitest';
import { marketUpdateOf, nextMarketSet } from '../../src/actors/market-rotation';

describe('rolling discovery', () => {
  it('replaces ended markets by the busiest candidates not held, up to the maximum', () => {
    expect(nextMarketSet(['A', 'B', 'C'], new Set(['B']), ['A', 'X', 'Y'], 3)).toEqual({
      markets: ['A', 'C', 'X'],
      added: ['X'],
      removed: ['B'],
    });
  });

  it('tops the set up to the maximum when discovery finds more', () => {
    expect(nextMarketSet(['A'], new Set(), ['A', 'X', 'Y'], 2)).toEqual({
      markets: ['A', 'X'],
      added: ['X'],
      removed: [],
    });
  });

  it('changes nothing when nothing ended and the set is full', () => {
    expect(nextMarketSet(['A', 'B'], new Set(), ['X'], 2)).toEqual({
      markets: ['A', 'B'],
      added: [],
      removed: [],
    });
  });

  it("reads a market's phase and close time from its REST description", () => {
    const info = { ticker: 'A', status: 'inactive', closeTimeMs: 5_000 };
    expect(marketUpdateOf(info as never)).toEqual({ ticker: 'A', phase: 'paused', closeTimeMs: 5_000 });
  });
});
