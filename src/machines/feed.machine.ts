// The feed statechart: the orderbook actor's lifecycle as the root's child. A socket actor does the I/O
// (frames go straight into the book store, never through here) and reports coarse facts; this machine
// times the healing: subscribe retries, the resync ladder get_snapshot → resubscribe → reconnect, the
// staleness check and the REST book audit, all as named delays.
//
// "Feed up" has one definition, this one: `live` = socket open, every subscription (markets and private
// channels) acknowledged, every book fresh, some market heard from. The root hears FEED.UP on entering
// it and FEED.DOWN {reason} once when the feed stops being up (a socket loss, subscriptions missing past
// SUBSCRIBE_RETRY, every market silent, a forced reconnect). A routine resubscribe that is acknowledged
// within SUBSCRIBE_RETRY, or a gap repaired by the ladder, is not news.
import { feedSetup, noteGap, reason, reasonFromEvent, setSocketMarkets, storeMarkets } from './feed.setup';

const auditState = feedSetup.createStateConfig({
  initial: 'idle',
  states: {
    off: {},
    idle: {
      always: { guard: 'auditOff', target: 'off' },
      after: { AUDIT_INTERVAL: 'fetching' },
    },
    fetching: {
      invoke: {
        src: 'auditFetch',
        onDone: [
          {
            guard: { type: 'hasSuspects', params: ({ event }) => ({ outcome: event.output }) },
            target: 'confirming',
          },
          { target: 'idle' },
        ],
        onError: 'idle',
      },
    },
    confirming: { after: { AUDIT_CONFIRM: 'refetching' } },
    refetching: {
      invoke: {
        src: 'auditConfirm',
        onDone: {
          target: 'idle',
          actions: { type: 'resnapshot', params: ({ event }) => ({ tickers: event.output.mismatched }) },
        },
        onError: 'idle',
      },
    },
  },
});

const linkState = feedSetup.createStateConfig({
  initial: 'subscribing',
  states: {
    subscribing: {
      on: {
        'SUBSCRIPTIONS.COMPLETE': { target: 'loading', actions: 'resetSubscribeAttempts' },
        'SUBSCRIPTIONS.INCOMPLETE': { actions: noteGap },
      },
      after: {
        SUBSCRIBE_RETRY: {
          target: 'subscribing',
          reenter: true,
          actions: [
            { type: 'tellDown', params: ({ context }) => ({ reason: context.subscriptionGap }) },
            'countSubscribeAttempt',
            'subscribeMissing',
          ],
        },
      },
    },
    /** Subscribed; waiting for every book's snapshot. */
    loading: {
      on: {
        'BOOKS.FRESH': 'live',
        'BOOKS.SILENT': { target: 'stale', actions: reasonFromEvent },
        'SUBSCRIPTIONS.INCOMPLETE': { target: 'subscribing', actions: noteGap },
      },
    },
    live: {
      entry: 'tellUp',
      on: {
        'SUBSCRIPTIONS.INCOMPLETE': { target: 'subscribing', actions: noteGap },
        'BOOKS.SILENT': { target: 'stale', actions: reasonFromEvent },
      },
    },
    stale: {
      on: {
        'BOOKS.HEARD': 'loading',
        'SUBSCRIPTIONS.INCOMPLETE': { target: 'subscribing', actions: noteGap },
      },
    },
  },
});

const repairState = feedSetup.createStateConfig({
  initial: 'idle',
  states: {
    idle: { on: { 'BOOKS.STALE': 'snapshot' } },
    /**
     * BOOKS.STALE comes only for books with nothing asked for them (a new gap after the last request
     * was answered, another sid): that is progress, so it asks and re-arms RESYNC_TIMEOUT. Under a
     * stream of repaired gaps the ladder never climbs; a request that is never answered makes it.
     */
    snapshot: {
      entry: 'requestSnapshots',
      on: {
        'BOOKS.STALE': { target: 'snapshot', reenter: true },
        'BOOKS.FRESH': 'idle',
        'REPAIR.FAILED': 'resubscribe',
      },
      after: { RESYNC_TIMEOUT: 'resubscribe' },
    },
    resubscribe: {
      entry: 'resubscribeStale',
      on: {
        // Another episode (the resubscribed sids wait for their snapshots as new ones): rung one for it.
        'BOOKS.STALE': 'snapshot',
        'BOOKS.FRESH': 'idle',
        'REPAIR.FAILED': { target: '#feed.reconnecting', actions: reasonFromEvent },
      },
      after: {
        RESUBSCRIBE_TIMEOUT: {
          target: '#feed.reconnecting',
          actions: reason('books still stale after get_snapshot and a resubscribe'),
        },
      },
    },
  },
});

export const feedMachine = feedSetup.createMachine({
  id: 'feed',
  context: ({ input }) => ({
    markets: [...input.markets],
    told: null,
    reason: 'connecting',
    subscriptionGap: 'subscriptions not acknowledged',
    subscribeAttempts: 0,
    reconnectAttempts: 0,
  }),
  entry: 'attach',
  // Between sockets only the next one's markets change; `session` also tells the live socket.
  on: { 'MARKETS.SET': { actions: storeMarkets } },
  initial: 'session',
  states: {
    /** One socket actor (one WS client) per entry: a forced reconnect leaves and re-enters. */
    session: {
      invoke: {
        id: 'socket',
        src: 'socket',
        input: ({ context }) => ({ markets: context.markets }),
        onError: { target: 'reconnecting', actions: reason('socket actor failed') },
      },
      on: {
        'SOCKET.DOWN': { target: '.connecting', actions: reasonFromEvent },
        'MARKETS.SET': { actions: [storeMarkets, setSocketMarkets] },
      },
      initial: 'connecting',
      states: {
        connecting: { on: { 'SOCKET.OPEN': 'open' } },
        open: {
          type: 'parallel',
          states: {
            link: linkState,
            repair: repairState,
            watch: {
              initial: 'ticking',
              states: {
                ticking: {
                  after: { STALE_CHECK: { target: 'ticking', reenter: true, actions: 'checkBooks' } },
                },
              },
            },
            audit: auditState,
          },
        },
      },
    },
    reconnecting: {
      entry: ['countReconnectAttempt', 'countReconnect'],
      after: { RECONNECT_BACKOFF: 'session' },
    },
  },
});
