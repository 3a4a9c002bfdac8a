// The trading-side actors provided to the root machine, end to end against the simulator: start-up to
// `ready`, a periodic sync, and a shutdown that cancels the daemon's resting orders.

import { afterEach, describe, expect, it } from 'vitest';
import { type AnyEventObject, createActor, fromCallback, waitFor } from 'xstate';
import { createHealthLoopActor } from '../../src/actors/health-loop';
import { createInitializeActor } from '../../src/actors/initialize';
import { createShutdownProcedureActor } from '../../src/actors/shutdown-procedure';
import { createStrategyActor } from '../../src/actors/strategy/strategy-actor';
import { createSyncLoopActor } from '../../src/actors/sync-loop';
import { createConnectTradingActor, createInitialSyncActor } from '../../src/actors/trading/trading-actors';
import { createTradingProbe } from '../../src/actors/trading/trading-health';
import { clockActions } from '../../src/machines/trader.actions';
import type { StreamInput } from '../../src/machines/trader.events';
import { traderMachine } from '../../src/machines/trader.machine';
import { HOLD_STRATEGY } from '../../src/strategies/hold-strategy';
import { type SimTrading, startSimTrading, USER } from './trading/sim-harness';

let h: SimTrading | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Stands in for the orderbook actor (another helper's): the feed is up at once.
const liveFeed = fromCallback<AnyEventObject, StreamInput>(({ sendBack }) => {
  sendBack({ type: 'FEED.UP' });
});

describe('trading actors in the root machine', () => {
  it('start up to ready, keep syncing, and cancel our orders on shutdown', async () => {
    h = await startSimTrading();
    const { service, client, trading } = h;
    const syncIntervalMs = 100;
    const machine = traderMachine.provide({
      actors: {
        initialize: createInitializeActor({
          client,
          config: { markets: { tickers: 'DISCOVERY', maxMarkets: 2 } },
        }),
        orderbookStream: liveFeed,
        connectTrading: createConnectTradingActor(service),
        initialSync: createInitialSyncActor(service),
        syncLoop: createSyncLoopActor(service),
        healthLoop: createHealthLoopActor(
          { trading: createTradingProbe({ trading, now: Date.now, syncIntervalMs }) },
          Date.now,
        ),
        strategy: createStrategyActor(HOLD_STRATEGY, service, { now: Date.now }),
        shutdownProcedure: createShutdownProcedureActor({ service }),
      },
      actions: clockActions(Date.now),
    });
    const actor = createActor(machine, {
      input: { sessionId: 's1', timeouts: { syncIntervalMs, healthIntervalMs: 60_000 } },
    }).start();

    const ready = await waitFor(actor, (s) => s.hasTag('ready'));
    expect(ready.context.markets).toHaveLength(2);
    const firstSync = ready.context.lastSync!.atMs;

    const ticker = ready.context.markets[0]!;
    expect((await service.submit({ ticker, side: 'bid', price: 100, count: 100 })).outcome).toBe('accepted');
    // The loop's next SYNC.DONE is the signal: a later sync time in the root's context.
    await waitFor(actor, (s) => (s.context.lastSync?.atMs ?? 0) > firstSync);
    expect(h.sim.exchange.listOrders(USER, { status: 'resting' })).toHaveLength(1);

    actor.send({ type: 'SHUTDOWN', reason: 'test', cancelOrders: true });
    const done = await waitFor(actor, (s) => s.status === 'done');
    expect(done.context.shutdown).toMatchObject({ outcome: 'done', cancelOrders: true });
    expect(h.sim.exchange.listOrders(USER, { status: 'resting' })).toHaveLength(0);
  });
});
