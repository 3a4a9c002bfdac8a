// Start-up states after initialization: orderbook connect (bounded, never fatal), trading connect, first sync.

import { fail, feedDown, feedDownFrom, publicNode, traderSetup } from './trader.setup';

/** Waits for the orderbook actor's first verdict, bounded: without a feed the daemon goes on degraded. */
export const orderbookConnectState = traderSetup.createStateConfig({
  ...publicNode('orderbook_connect'),
  on: {
    'FEED.UP': { target: 'trading_client_connect', actions: 'markFeedUp' },
    'FEED.DOWN': { target: 'trading_client_connect', actions: feedDownFrom },
  },
  after: {
    ORDERBOOK_CONNECT_TIMEOUT: {
      target: 'trading_client_connect',
      actions: feedDown('feed unavailable: not up before the connect timeout'),
    },
  },
});

export const tradingClientConnectState = traderSetup.createStateConfig({
  ...publicNode('trading_client_connect'),
  invoke: {
    id: 'connectTrading',
    src: 'connectTrading',
    onDone: [
      {
        guard: { type: 'exchangeInactive', params: ({ event }) => event.output },
        target: 'kalshi_data_sync',
        actions: [
          { type: 'storeExchangeStatus', params: ({ event }) => event.output },
          { type: 'notify', params: { severity: 'warning', message: 'exchange or trading is not active' } },
        ],
      },
      {
        target: 'kalshi_data_sync',
        actions: { type: 'storeExchangeStatus', params: ({ event }) => event.output },
      },
    ],
    onError: { target: '#trader.error', actions: fail('trading_connect_failed') },
  },
  after: {
    TRADING_CONNECT_TIMEOUT: {
      target: '#trader.error',
      actions: {
        type: 'recordFailure',
        params: ({ context }) => ({
          kind: 'trading_connect_timeout',
          message: `no answer within ${context.timeouts.tradingConnectMs} ms`,
        }),
      },
    },
  },
});

export const kalshiDataSyncState = traderSetup.createStateConfig({
  ...publicNode('kalshi_data_sync'),
  invoke: {
    id: 'initialSync',
    src: 'initialSync',
    onDone: [
      {
        guard: 'feedIsUp',
        target: 'operating.feed.ready',
        actions: { type: 'storeSync', params: ({ event }) => event.output },
      },
      {
        target: 'operating.feed.degraded',
        actions: { type: 'storeSync', params: ({ event }) => event.output },
      },
    ],
    onError: {
      target: '#trader.error',
      actions: fail('data_sync_failed'),
    },
  },
  after: {
    DATA_SYNC_TIMEOUT: {
      target: '#trader.error',
      actions: {
        type: 'recordFailure',
        params: ({ context }) => ({
          kind: 'data_sync_timeout',
          message: `initial sync did not finish within ${context.timeouts.dataSyncMs} ms`,
        }),
      },
    },
  },
});
