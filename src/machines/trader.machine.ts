// The root statechart: start-up sequence, ready/degraded operation, error recovery with backoff, shutdown.
//
// The feed rule: the orderbook actor alone decides whether the feed is up and says so with FEED.UP /
// FEED.DOWN {reason}; ready ⇄ degraded switch on those two events only (health reports are shown, and
// only an unhealthy `trading` component acts: → error). Public states carry their name as a tag
// (`publicStateOf`); internal nodes (`running`, `operating`, `stopping`) group or alias them.
//
// Pure: every effect is a named actor, action, guard or delay in `traderSetup`. The composition root
// calls `traderMachine.provide({ actors: {...}, actions: clockActions(Date.now) })`. Create the actor
// with an error observer (`actor.subscribe({ error })`): a throwing guard or action stops the root,
// and XState would otherwise only rethrow it globally. Every invoked actor has an onError.
// Subscribe to emitted `transition` and `notice` events with `actor.on(...)`.

import {
  kalshiDataSyncState,
  orderbookConnectState,
  tradingClientConnectState,
} from './trader.connect.states';
import { DEFAULT_MAX_SYNC_FAILURES, resolveTimeouts } from './trader.delays';
import { operatingState } from './trader.operating.states';
import { fail, feedDownFrom, publicNode, traderSetup } from './trader.setup';

export const traderMachine = traderSetup.createMachine({
  id: 'trader',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    sessionStartedMs: input.sessionStartedMs ?? null,
    timeouts: resolveTimeouts(input.timeouts),
    maxSyncFailures: Math.max(1, Math.floor(input.maxSyncFailures ?? DEFAULT_MAX_SYNC_FAILURES)),
    transitions: [],
    markets: [],
    feedUp: false,
    feedDetail: null,
    acting: false,
    exchange: null,
    lastError: null,
    recoveryAttempts: 0,
    totalRecoveries: 0,
    syncFailures: 0,
    lastSync: null,
    lastSyncError: null,
    lastHealth: null,
    shutdown: null,
  }),
  on: {
    SHUTDOWN: {
      target: '.stopping',
      actions: {
        type: 'storeShutdownRequest',
        params: ({ event }) => ({
          reason: event.reason ?? 'requested',
          cancelOrders: event.cancelOrders ?? false,
        }),
      },
    },
  },
  initial: 'startup',
  states: {
    // An empty history means `startup`, so there is no entry to record here.
    startup: { tags: ['startup'], always: 'initializing' },
    initializing: {
      ...publicNode('initializing', 'resetForInitialize'),
      invoke: {
        id: 'initialize',
        src: 'initialize',
        onDone: { target: 'running', actions: { type: 'storeMarkets', params: ({ event }) => event.output } },
        onError: { target: 'error', actions: fail('initialize_failed') },
      },
    },
    // Everything that needs the orderbook stream: it starts here and survives ready ⇄ degraded.
    running: {
      invoke: {
        id: 'orderbook',
        systemId: 'orderbook',
        src: 'orderbookStream',
        input: ({ context }) => ({ markets: context.markets }),
        onError: { target: 'error', actions: fail('actor_crashed', 'orderbook stream') },
      },
      on: {
        'FEED.UP': { actions: 'markFeedUp' },
        'FEED.DOWN': { actions: feedDownFrom },
        'TRADING.FAILED': { target: 'error', actions: fail('trading_failed') },
      },
      initial: 'orderbook_connect',
      states: {
        orderbook_connect: orderbookConnectState,
        trading_client_connect: tradingClientConnectState,
        kalshi_data_sync: kalshiDataSyncState,
        operating: operatingState,
      },
    },
    error: {
      // beginRecovery runs before the RECOVERY_BACKOFF timer is armed, so the delay sees the new count.
      ...publicNode('error', 'beginRecovery'),
      after: { RECOVERY_BACKOFF: 'initializing' },
    },
    // Reported as `shutdown` from the moment the procedure starts.
    stopping: {
      ...publicNode('shutdown'),
      on: { SHUTDOWN: { actions: [] } },
      invoke: {
        id: 'shutdownProcedure',
        src: 'shutdownProcedure',
        input: ({ context }) => ({
          reason: context.shutdown?.reason ?? 'requested',
          cancelOrders: context.shutdown?.cancelOrders ?? false,
        }),
        onDone: {
          target: 'shutdown',
          actions: { type: 'storeShutdownOutcome', params: { outcome: 'done' } },
        },
        onError: {
          target: 'shutdown',
          actions: [
            { type: 'storeShutdownOutcome', params: { outcome: 'failed' } },
            { type: 'notify', params: { severity: 'error', message: 'shutdown procedure failed' } },
          ],
        },
      },
      after: {
        SHUTDOWN_TIMEOUT: {
          target: 'shutdown',
          actions: [
            { type: 'storeShutdownOutcome', params: { outcome: 'timeout' } },
            { type: 'notify', params: { severity: 'error', message: 'shutdown procedure timed out' } },
          ],
        },
      },
    },
    shutdown: { type: 'final', tags: ['shutdown'] },
  },
});
