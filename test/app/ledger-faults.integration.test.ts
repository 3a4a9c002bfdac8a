// Money under faults on the whole daemon: a strategy trading through feed drops, private frames held back
// and reordered, and answers lost after the exchange acted; once quiet, the daemon's positions, realized
// PnL and fees per market and today's realized PnL equal the simulator's own records, read over its REST
// API with the daemon's key (not the daemon's view of them).
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { TradingState } from '../../src/actors/trading/trading-types';
import { createKalshiClient } from '../../src/adapters/kalshi/client';
import { auditLedger } from '../../trials/lib/ledger-audit';
import { FEED_LOSS_FAULTS } from '../../trials/scenarios/feed-loss.scenario';
import { churnStrategy } from '../support/churn-strategy';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';
import { setFlow } from '../support/sim-flow';

const daemons = useDaemon();

/** The feed up, so the strategy trades, while creates lose their answers after the exchange acted. */
const LOST_ANSWERS = {
  privateDelayMs: 700,
  privateReorder: true,
  restErrorRate: 0.3,
  restErrorMode: 'after',
};
const WAIT = { timeout: 30_000 };

const trading = (d: Daemon) => d.trader.trading.getSnapshot().context;

/** Waits until `pick` of the trading state has grown by `n`. */
async function grows(d: Daemon, pick: (s: TradingState) => number, n: number): Promise<void> {
  const target = pick(trading(d)) + n;
  await waitFor(d.trader.trading, (s) => pick(s.context) >= target, WAIT);
}
const fills = (s: TradingState) => s.counters.fills;
const unknowns = (s: TradingState) => s.counters.unknown;
const syncs = (s: TradingState) => s.lastSyncSeq;

describe('the fill ledger under feed loss on the simulator', () => {
  it('ends equal to the exchange: positions, realized PnL, fees per market and today', async () => {
    const d = await daemons.start(
      {
        V3_SYNC_INTERVAL_SECONDS: '1',
        V3_HEALTH_CHECK_INTERVAL: '0.5',
        V3_MAX_ORDERS: '30',
        V3_MAX_POSITION_SIZE: '1000',
        V3_MAX_NOTIONAL_DOLLARS: '100000',
        V3_MAX_DAILY_LOSS_DOLLARS: '100000',
      },
      { strategy: churnStrategy({ everyMs: 100 }) },
    );
    let fromRest = 0;
    d.trader.trading.on('synced', ({ state }) => {
      if (state.lastSync?.changes.some((c) => c.includes('booked from REST'))) fromRest++;
    });
    await d.waitForState('ready');
    await grows(d, fills, 5);
    for (let cycle = 0; cycle < 2; cycle++) {
      await d.faults(FEED_LOSS_FAULTS);
      await d.waitForState('degraded', WAIT.timeout);
      await grows(d, syncs, 1);
      await d.faults(null);
      await d.waitForState('ready', WAIT.timeout);
      await grows(d, fills, 3);
      await d.faults(LOST_ANSWERS);
      await grows(d, unknowns, 1);
      await grows(d, fills, 3);
      await d.faults(null);
    }
    // Quiet: no new orders, nothing resting, no flow; then two syncs.
    d.trader.service.setKillSwitch(true);
    await setFlow(d.exchange.sim, false);
    await d.trader.service.cancelAll();
    await grows(d, syncs, 2);

    const exchange = createKalshiClient({ baseUrl: d.exchange.apiUrl, credentials: d.exchange.credentials });
    const audit = await auditLedger(d.url, exchange, Date.now());
    expect(audit.differences).toEqual([]);
    expect(audit.ok).toBe(true);
    expect(audit.fills).toBeGreaterThan(10);
    // Some fills reached the daemon only through REST: the feed's copies were lost with the socket.
    expect(fromRest).toBeGreaterThan(0);
  }, 150_000);
});
