// Start-up states after initialization: orderbook connect (bounded, never fatal), trading connect, first sync.

import { enter, fail, feedDown, feedDownFrom, traderSetup } from './trader.setup';

export const orderbookConnectState = traderSetup.createStateConfig({
  entry: enter('orderbook_connect'),
  on: {
    'FEED.SNAPSHOT': { target: 'trading_client_connect', actions: 'markFeedUp' },
    'FEED.UP': { target: 'trading_client_connect', actions: 'markFeedUp' },
    'FEED.DOWN': { target: 'trading_client_connect', actions: feedDownFrom },
  },
  initial: 'connecting',
  states: {
    connecting: {
      on: { 'FEED.CONNECTED': { target: 'awaiting_snapshot', actions: 'markFeedConnected' } },
      after: {
        ORDERBOOK_CONNECT_TIMEOUT: {
          target: '#trader.running.trading_client_connect',
          actions: feedDown('feed unavailable: no connection before the connect timeout'),
        },
      },
    },
    awaiting_snapshot: {
      after: {
        FIRST_SNAPSHOT_TIMEOUT: {
          target: '#trader.running.trading_client_connect',
          actions: feedDown('feed unavailable: no snapshot before the first-snapshot timeout'),
        },
      },
    },
  },
});

export const tradingClientConnectState = traderSetup.createStateConfig({
  entry: enter('trading_client_connect'),
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
  entry: enter('kalshi_data_sync'),
  invoke: {
    id: 'initialSync',
    src: 'initialSync',
    onDone: [
      {
        guard: 'feedIsUp',
        target: 'operating.ready',
        actions: { type: 'storeSync', params: ({ event }) => event.output },
      },
      { target: 'operating.degraded', actions: { type: 'storeSync', params: ({ event }) => event.output } },
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
