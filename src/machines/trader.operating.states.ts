// Operation: ready (feed live) and degraded (REST only) share the sync, health and strategy actors.

import { componentDetail } from './trader.guards';
import {
  enter,
  fail,
  feedDownFrom,
  healthParams,
  storeHealth,
  traderSetup,
  tradingUnhealthy,
} from './trader.setup';

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
  },
  initial: 'ready',
  states: {
    ready: {
      entry: enter('ready'),
      on: {
        'FEED.DOWN': { target: 'degraded', actions: feedDownFrom },
        'FEED.STALE': { target: 'degraded', actions: feedDownFrom },
        'HEALTH.REPORT': [
          tradingUnhealthy,
          {
            guard: { type: 'orderbookUnhealthy', params: healthParams },
            target: 'degraded',
            actions: [
              storeHealth,
              {
                type: 'markFeedDown',
                params: ({ event }) => ({ detail: componentDetail(event.components, 'orderbook') }),
              },
            ],
          },
          { actions: storeHealth },
        ],
      },
    },
    degraded: {
      entry: enter('degraded'),
      on: {
        'FEED.SNAPSHOT': { target: 'ready', actions: 'markFeedUp' },
        'FEED.UP': { target: 'ready', actions: 'markFeedUp' },
        'HEALTH.REPORT': [
          tradingUnhealthy,
          {
            guard: { type: 'orderbookHealthy', params: healthParams },
            target: 'ready',
            actions: [storeHealth, 'markFeedUp'],
          },
          { actions: storeHealth },
        ],
      },
    },
  },
});
