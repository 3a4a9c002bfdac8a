// The daemon's announced transitions folded into the sequence a scenario is judged on.
import { describe, expect, it } from 'vitest';
import { describeSequence, sequences, stateSequence, type Transition } from '../../src/chaos/state-sequence';

const walk = (...states: string[]): Transition[] =>
  states.slice(1).map((to, i) => ({ from: states[i] as string, to, atMs: i }));

describe('stateSequence', () => {
  it('leaves out acting (a decision over ready or degraded) and folds the repeats that leaves', () => {
    const t = walk('ready', 'acting', 'ready', 'acting', 'degraded', 'acting', 'degraded', 'ready');
    expect(stateSequence('ready', t)).toEqual(['ready', 'degraded', 'ready']);
  });

  it('is the initial state alone when nothing happened', () => {
    expect(stateSequence('ready', [])).toEqual(['ready']);
  });
});

describe('describeSequence and the expectations', () => {
  const described = (...states: string[]) =>
    describeSequence(stateSequence('ready', walk('ready', ...states)));

  it('shortens each start-up chain to one ellipsis', () => {
    expect(
      described(
        'error',
        'initializing',
        'orderbook_connect',
        'trading_client_connect',
        'kalshi_data_sync',
        'ready',
      ),
    ).toBe('ready → error → … → ready');
  });

  it('tells a feed outage from a failure', () => {
    expect(sequences.degradedAndBack.pattern.test(described('degraded', 'ready', 'degraded', 'ready'))).toBe(
      true,
    );
    expect(sequences.degradedAndBack.pattern.test(described())).toBe(false);
    expect(
      sequences.maybeDegraded.pattern.test(described('degraded', 'error', 'initializing', 'ready')),
    ).toBe(false);
    expect(sequences.steady.pattern.test(described('degraded', 'ready'))).toBe(false);
  });

  it('wants an error and a recovery when the exchange refuses the key', () => {
    const { pattern } = sequences.errorAndBack;
    expect(
      pattern.test(described('error', 'initializing', 'error', 'initializing', 'degraded', 'ready')),
    ).toBe(true);
    expect(
      pattern.test(described('degraded', 'error', 'initializing', 'trading_client_connect', 'ready')),
    ).toBe(true);
    expect(pattern.test(described('degraded', 'ready'))).toBe(false);
    expect(pattern.test(described('error', 'initializing', 'error'))).toBe(false);
  });

  it('wants a restart to run the start-up chain back to ready', () => {
    const restarted = describeSequence(
      stateSequence('ready', walk('startup', 'initializing', 'kalshi_data_sync', 'ready')),
    );
    expect(sequences.restarted.pattern.test(restarted)).toBe(true);
    expect(sequences.restarted.pattern.test('ready')).toBe(false);
  });
});
