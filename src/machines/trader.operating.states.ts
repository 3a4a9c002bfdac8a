// Operation: two parallel regions sharing the sync, health and strategy actors. `feed`: ready (feed up)
// ⇄ degraded (REST only). `orders`: idle ⇄ acting while a decision (strategy intents, a manual trade)
// executes; the public state is then `acting`, and back to ready or degraded when it ends.
//
// One rule for the feed: the orderbook actor alone decides whether it is up and tells the root with
// FEED.UP / FEED.DOWN {reason}; only those switch ready ⇄ degraded (and the strategy hears them). A
// health report's `orderbook` component is shown (status, console), never acted on; `trading`
// unhealthy is critical (→ error).

import { fail, feedDownFrom, feedNode, storeHealth, traderSetup, tradingUnhealthy } from './trader.setup';

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
      input: ({ context }) => ({ markets: context.markets, feedUp: context.feedUp }),
      onError: { target: '#trader.error', actions: fail('actor_crashed', 'strategy') },
    },
    {
      id: 'markets',
      src: 'marketRotation',
      input: ({ context }) => ({ markets: context.markets }),
      onError: { target: '#trader.error', actions: fail('actor_crashed', 'market rotation') },
    },
  ],
  on: {
    // No reconnect and no trip through degraded: the feed changes its subscriptions in place.
    'MARKETS.CHANGED': {
      actions: [
        { type: 'storeMarkets', params: ({ event }) => event },
        { type: 'tellFeedMarkets', params: ({ event }) => event },
        { type: 'tellStrategyMarkets', params: ({ event }) => event },
        { type: 'announceMarkets', params: ({ event }) => event },
        {
          type: 'notify',
          params: ({ event }) => ({
            severity: 'info',
            message: `markets rolled: ${event.removed.join(', ') || 'none'} closed, ${event.added.join(', ') || 'none'} added`,
          }),
        },
      ],
    },
    'MARKETS.ENDED': {
      actions: {
        type: 'notify',
        params: ({ event }) => ({
          severity: 'warning',
          message: `configured market${event.tickers.length > 1 ? 's' : ''} ${event.tickers.join(', ')} closed; kept as configured`,
        }),
      },
    },
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
  type: 'parallel',
  states: {
    feed: {
      initial: 'ready',
      states: {
        ready: {
          ...feedNode('ready'),
          on: {
            'FEED.DOWN': {
              target: 'degraded',
              actions: [feedDownFrom, { type: 'tellStrategy', params: { up: false } }],
            },
          },
        },
        degraded: {
          ...feedNode('degraded'),
          on: {
            'FEED.UP': {
              target: 'ready',
              actions: ['markFeedUp', { type: 'tellStrategy', params: { up: true } }],
            },
          },
        },
      },
    },
    orders: {
      initial: 'idle',
      states: {
        idle: {
          // Back from acting to where the feed region is.
          entry: {
            type: 'recordTransition',
            params: ({ context }) => ({ to: context.feedUp ? 'ready' : 'degraded' }),
          },
          on: {
            'DECISION.START': { target: 'acting', actions: { type: 'setActing', params: { acting: true } } },
          },
        },
        acting: {
          tags: ['acting'],
          entry: { type: 'recordTransition', params: { to: 'acting' } },
          on: {
            'DECISION.END': { target: 'idle', actions: { type: 'setActing', params: { acting: false } } },
          },
        },
      },
    },
  },
});
