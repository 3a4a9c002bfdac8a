import { describe, expect, it } from 'vitest';
import { planMarketChange } from '../../../src/actors/orderbook/market-change-plan';

describe('market change plan', () => {
  it('fills the room a removal leaves in its own batch, in place', () => {
    const plan = planMarketChange([['A', 'B'], ['C']], ['D'], ['A'], 2);
    expect(plan.changes).toEqual([{ batch: 0, add: ['D'], remove: ['A'], after: ['B', 'D'] }]);
    expect(plan.newBatches).toEqual([]);
  });

  it('puts what does not fit into new batches of the batch size', () => {
    const plan = planMarketChange([['A', 'B']], ['C', 'D', 'E'], [], 2);
    expect(plan.changes).toEqual([]);
    expect(plan.newBatches).toEqual([['C', 'D'], ['E']]);
  });

  it('empties a batch whose markets all left, and ignores markets already held', () => {
    const plan = planMarketChange([['A'], ['B', 'C']], ['B'], ['A'], 2);
    expect(plan.changes).toEqual([{ batch: 0, add: [], remove: ['A'], after: [] }]);
  });
});
