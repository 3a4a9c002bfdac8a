// The chaos judge waits for the announced state sequence to settle as it waits for the records: the
// daemon's status reads a decision over a recovered feed as ready before `acting → ready` is announced.
import { describe, expect, it } from 'vitest';
import { judgeScenario } from '../../src/chaos/chaos-verdict';
import { sequences, type Transition } from '../../src/chaos/state-sequence';

const agreeing = async () => ({
  daemon: { orders: [], positions: [], books: {} },
  exchange: { orders: [], positions: [], books: {} },
  markets: [],
});

function judge(transitions: () => Transition[], settleTimeoutMs: number) {
  return judgeScenario({
    scenario: { name: 'feed dropped', short: true, expect: sequences.degradedAndBack, run: async () => {} },
    transitions,
    failure: null,
    read: agreeing,
    limits: { markets: 1, maxOrders: 1, maxPosition: 1, maxNotionalDollars: 1 },
    settleTimeoutMs,
    ordersBefore: 0,
  });
}

describe('judgeScenario', () => {
  it('waits for the decision under way to announce its way back before matching the sequence', async () => {
    const log: Transition[] = [
      { from: 'ready', to: 'acting', atMs: 1 },
      { from: 'acting', to: 'degraded', atMs: 2 },
    ];
    let reads = 0;
    const result = await judge(() => {
      // The decision ends a moment after the judge first looks.
      if (++reads === 2) log.push({ from: 'acting', to: 'ready', atMs: 3 });
      return log;
    }, 10_000);
    expect(result.pass).toBe(true);
    expect(result.observed).toMatch(/^ready → degraded → ready; /);
  });

  it('still fails a sequence that never comes back, once the settle time is up', async () => {
    const log: Transition[] = [{ from: 'ready', to: 'degraded', atMs: 1 }];
    const result = await judge(() => log, 0);
    expect(result.pass).toBe(false);
    expect(result.problems[0]).toMatch(/state sequence ready → degraded, expected/);
  });
});
