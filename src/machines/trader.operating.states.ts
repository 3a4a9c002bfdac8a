// Operation: ready (feed up) and degraded (REST only) share the sync, health and strategy actors.
//
// One rule for the feed: the orderbook actor alone decides whether it is up and tells the root with
// FEED.UP / FEED.DOWN {reason}; only those switch ready ⇄ degraded. A health report's `orderbook`
// component is shown (status, console), never acted on; `trading` unhealthy is critical (→ error).

import { fail, feedDownFrom, publicNode, storeHealth, traderSetup, tradingUnhealthy } from './trader.setup';

export const operatingState = traderSetup.createStateConfig({
  invoke: [
    {
      id: 'sync',
      src: 'syncLoop',
      input: ({ context }) => ({ intervalMs: context.timeouts.syncIntervalMs }),
      onError: { target: '#trader.error', actions: fail('actor_crashed', 'sync loop') },
    },
    {
      id: 'health',
      src: 'healthLoop',
      input: ({ context }) => ({ intervalMs: context.timeouts.healthIntervalMs }),
      onError: { target: '#trader.error', actions: fail('actor_crashed', 'health loop') },
    },
    {
      id: 'strategy',
      systemId: 'strategy',
      src: 'strategy',
      input: ({ context }) => ({ markets: context.markets }),
      onError: { target: '#trader.error', actions: fail('actor_crashed', 'strategy') },
    },
  ],
  on: {
    'SYNC.DONE': {
      actions: [{ type: 'storeSync', params: ({ event }) => event }, 'resetRecoveryAttempts'],
    },
    'SYNC.FAILED': [
      {
        guard: 'tooManySyncFailures',
        target: '#trader.error',
        actions: [
          { type: 'countSyncFailure', params: ({ event }) => event },
          {
            type: 'recordFailure',
            params: ({ context, event }) => ({
              kind: 'sync_failed',
              error: event.error,
              message: `${context.syncFailures} consecutive sync failures`,
            }),
          },
        ],
      },
      { actions: { type: 'countSyncFailure', params: ({ event }) => event } },
    ],
    'HEALTH.REPORT': [tradingUnhealthy, { actions: storeHealth }],
  },
  initial: 'ready',
  states: {
    ready: {
      ...publicNode('ready'),
      on: { 'FEED.DOWN': { target: 'degraded', actions: feedDownFrom } },
    },
    degraded: {
      ...publicNode('degraded'),
      on: { 'FEED.UP': { target: 'ready', actions: 'markFeedUp' } },
    },
  },
});
