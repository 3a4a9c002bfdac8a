import { describe, expect, it } from 'vitest';
import { createTradingProbe } from '../../../src/actors/trading/trading-health';
import { createTradingState } from '../../../src/actors/trading/trading-logic';
import type { TradingState } from '../../../src/actors/trading/trading-types';
import { run, sync, T0 } from './trading-fixtures';

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
    state = run([sync(T0)], state);
    t = T0 + 90_000;
    expect(probe()).toEqual({ healthy: true });
    t = T0 + 90_001;
    expect(probe()).toEqual({ healthy: false, detail: 'last successful sync 90 s ago' });
    state = run([sync(t), { type: 'KILL_SWITCH', on: true }], state);
    expect(probe()).toEqual({ healthy: true, detail: 'kill switch on' });
  });
});
