// A plugged-in strategy on the running daemon: its intents reach the exchange only through the risk gate.
import { describe, expect, it, vi } from 'vitest';
import type { IntentOutcome, Strategy } from '../../src/actors/strategy/strategy-types';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();

/** Bids one contract at $0.01 on the first book it sees, then asks for far too much. */
function greedyStrategy(outcomes: IntentOutcome[]): Strategy {
  let sent = false;
  return {
    name: 'greedy-test',
    onBook({ ticker }) {
      if (sent) return undefined;
      sent = true;
      return [
        { ticker, side: 'bid', price: 100, count: 100 },
        { ticker, side: 'bid', price: 100, count: 1_000_000 }, // 10,000 contracts: over every limit
      ];
    },
    onOutcome: (_intent, outcome) => outcomes.push(outcome),
  };
}

describe('a plugged-in strategy', () => {
  it('trades only what the risk gate allows', async () => {
    const outcomes: IntentOutcome[] = [];
    const daemon = await daemons.start({}, { strategy: greedyStrategy(outcomes) });
    await daemon.waitForState('ready');
    await vi.waitFor(() => expect(outcomes).toHaveLength(2), { timeout: 15_000, interval: 50 });
    expect(outcomes[0]).toMatchObject({ outcome: 'accepted' });
    expect(outcomes[1]).toMatchObject({ outcome: 'blocked', rule: 'max_position' });
    const user = daemon.exchange.credentials.keyId;
    expect(daemon.exchange.sim.exchange.listOrders(user, { status: 'resting' })).toHaveLength(1);
  });
});
