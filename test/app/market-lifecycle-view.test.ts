import { describe, expect, it } from 'vitest';
import { createTradingState } from '../../src/actors/trading/trading-logic';
import { marketsUpdated } from '../../src/actors/trading/trading-markets';
import { toMarketLifecycleView } from '../../src/app/market-lifecycle-view';
import { MarketLifecycleViewSchema } from '../../src/server/views';

const T0 = Date.UTC(2026, 0, 2, 3, 0, 0);
const position = {
  position: 0,
  exposure: 0,
  totalTraded: 1,
  realizedPnl: 500_000,
  feesPaid: 0,
  updatedMs: T0,
};

describe('market lifecycle view', () => {
  it('shows followed markets with a close countdown, and ended traded markets with their settlement', () => {
    let state = marketsUpdated(createTradingState(), [
      { ticker: 'KXA', phase: 'open', closeTimeMs: T0 + 90_500 },
      { ticker: 'KXOLD', phase: 'settled', closeTimeMs: T0 - 60_000, result: 'yes', settledMs: T0 - 1_000 },
      { ticker: 'KXNEVER', phase: 'settled', closeTimeMs: T0 - 60_000 },
    ]);
    state = { ...state, positions: { KXOLD: { ticker: 'KXOLD', ...position } } };
    const view = toMarketLifecycleView(state, ['KXA', 'KXB'], T0);
    expect(Object.keys(view)).toEqual(['KXA', 'KXB', 'KXOLD']);
    expect(view.KXA).toEqual({
      status: 'open',
      close_time: '2026-01-02T03:01:30.500Z',
      closes_in_seconds: 90,
      result: null,
      settled_time: null,
      followed: true,
    });
    expect(view.KXB?.status).toBe('unknown');
    expect(view.KXOLD).toMatchObject({
      status: 'settled',
      result: 'yes',
      closes_in_seconds: 0,
      followed: false,
    });
    for (const v of Object.values(view)) expect(MarketLifecycleViewSchema.parse(v)).toEqual(v);
    // Past its close time an open market reads closed, with no event needed.
    expect(toMarketLifecycleView(state, ['KXA'], T0 + 90_500).KXA?.status).toBe('closed');
  });
});
