import { describe, expect, it } from 'vitest';
import { createTradingState, riskStateOf } from '../../../src/actors/trading/trading-logic';
import { applyMarketUpdate, marketsUpdated } from '../../../src/actors/trading/trading-markets';

describe('markets in the trading state', () => {
  it('moves a phase forward only, except a paused market reopening', () => {
    const open = applyMarketUpdate(undefined, { ticker: 'M', phase: 'open', closeTimeMs: 5_000 });
    const paused = applyMarketUpdate(open, { ticker: 'M', phase: 'paused' });
    expect(paused.phase).toBe('paused');
    expect(applyMarketUpdate(paused, { ticker: 'M', phase: 'open' }).phase).toBe('open');
    const settled = applyMarketUpdate(open, { ticker: 'M', phase: 'settled', result: 'yes' });
    // A replayed `created` frame reopens nothing and moves no close time.
    const replayed = applyMarketUpdate(settled, { ticker: 'M', phase: 'open', closeTimeMs: 9_000 });
    expect(replayed).toBe(settled);
    expect(settled).toMatchObject({ phase: 'settled', result: 'yes', closeTimeMs: 5_000 });
  });

  it('keeps the same state when nothing changed', () => {
    const state = marketsUpdated(createTradingState(), [{ ticker: 'M', phase: 'open', closeTimeMs: 5_000 }]);
    expect(marketsUpdated(state, [{ ticker: 'M', phase: 'open', closeTimeMs: 5_000 }])).toBe(state);
  });

  it('tells the gate which markets take no order at a given time', () => {
    const state = marketsUpdated(createTradingState(), [
      { ticker: 'A', phase: 'open', closeTimeMs: 5_000 },
      { ticker: 'B', phase: 'paused', closeTimeMs: 50_000 },
      { ticker: 'C', phase: 'open', closeTimeMs: 50_000 },
    ]);
    expect(riskStateOf(state, 4_000).haltedMarkets).toEqual({ B: 'paused' });
    expect(riskStateOf(state, 5_000).haltedMarkets).toEqual({ A: 'closed', B: 'paused' });
  });
});
