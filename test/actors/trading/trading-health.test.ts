import { describe, expect, it } from 'vitest';
import { createTradingProbe } from '../../../src/actors/trading/trading-health';
import { createTradingState, tradingTransition } from '../../../src/actors/trading/trading-logic';
import type { TradingState } from '../../../src/actors/trading/trading-types';
import { sync, T0 } from './trading-fixtures';

describe('trading health probe', () => {
  it('is healthy iff the last successful sync is within three intervals', () => {
    let state: TradingState = createTradingState();
    let t = T0;
    const probe = createTradingProbe({
      trading: { send() {}, getSnapshot: () => ({ context: state }) },
      now: () => t,
      syncIntervalMs: 30_000,
    });
    expect(probe()).toEqual({ healthy: false, detail: 'no successful sync yet' });
    state = tradingTransition(state, sync(T0));
    t = T0 + 90_000;
    expect(probe()).toEqual({ healthy: true });
    t = T0 + 90_001;
    expect(probe()).toEqual({ healthy: false, detail: 'last successful sync 90 s ago' });
    state = tradingTransition(tradingTransition(state, sync(t)), { type: 'KILL_SWITCH', on: true });
    expect(probe()).toEqual({ healthy: true, detail: 'kill switch on' });
  });
});
