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
import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type {
  AuditOutcome,
  FeedCommand,
  FeedContext,
  FeedEvent,
  FeedInput,
  FeedParentEvent,
} from './feed.events';

const reason = (text: string) => ({ type: 'tellDown', params: { reason: text } }) as const;
const reasonFromEvent = {
  type: 'tellDown',
  params: ({ event }: { event: { reason?: string } }) => ({ reason: event.reason ?? 'unknown' }),
} as const;
const noteGap = {
  type: 'noteSubscriptionGap',
  params: ({ event }: { event: { reason?: string } }) => ({ gap: event.reason ?? '' }),
} as const;

const feedSetup = setup({
  types: {
    context: {} as FeedContext,
    events: {} as FeedEvent,
    input: {} as FeedInput,
  },
  actors: {
    // Defaults do nothing: an unprovided feed never connects and never pretends to be up.
    socket: fromCallback<FeedCommand, FeedInput>(() => undefined),
    auditFetch: fromPromise<AuditOutcome>(async () => ({ suspects: 0, mismatched: [] })),
    auditConfirm: fromPromise<AuditOutcome>(async () => ({ suspects: 0, mismatched: [] })),
  },
  actions: {
    /** Lets the stream's ports read this actor's snapshot (provided). */
    attach: () => {},
    /** Counts a socket replacement for the stream's stats (provided). */
    countReconnect: () => {},
    tellUp: enqueueActions<FeedContext, FeedEvent, undefined, FeedEvent, never, never, never, never, never>(
      ({ context, enqueue }) => {
        enqueue.assign({ reason: null, reconnectAttempts: 0 });
        if (context.told === 'up') return;
        enqueue.assign({ told: 'up' });
        enqueue.sendParent({ type: 'FEED.UP' } satisfies FeedParentEvent);
      },
    ),
    tellDown: enqueueActions<
      FeedContext,
      FeedEvent,
      { reason: string },
      FeedEvent,
      never,
      never,
      never,
      never,
      never
    >(({ context, enqueue }, params) => {
      enqueue.assign({ reason: params.reason });
      if (context.told === 'down') return;
      enqueue.assign({ told: 'down' });
      enqueue.sendParent({ type: 'FEED.DOWN', reason: params.reason } satisfies FeedParentEvent);
    }),
    noteSubscriptionGap: assign({ subscriptionGap: (_, params: { gap: string }) => params.gap }),
    countSubscribeAttempt: assign({ subscribeAttempts: ({ context }) => context.subscribeAttempts + 1 }),
    resetSubscribeAttempts: assign({ subscribeAttempts: 0 }),
    countReconnectAttempt: assign({ reconnectAttempts: ({ context }) => context.reconnectAttempts + 1 }),
    subscribeMissing: sendTo('socket', { type: 'SOCKET.SUBSCRIBE_MISSING' }),
    requestSnapshots: sendTo('socket', { type: 'SOCKET.REQUEST_SNAPSHOTS' }),
    resubscribeStale: sendTo('socket', { type: 'SOCKET.RESUBSCRIBE_STALE' }),
    checkBooks: sendTo('socket', { type: 'SOCKET.CHECK' }),
    resnapshot: sendTo('socket', (_, params: { tickers: string[] }) => ({
      type: 'SOCKET.RESNAPSHOT' as const,
      tickers: params.tickers,
    })),
  },
  guards: {
    /** V3_BOOK_AUDIT_INTERVAL_SECONDS=0 (provided); off unless provided. */
    auditOff: () => true,
    hasSuspects: (_, params: { outcome: AuditOutcome }) => params.outcome.suspects > 0,
  },
  delays: {
    /** Unacknowledged subscriptions are sent again after this (the provided one adds jittered backoff). */
    SUBSCRIBE_RETRY: 5_000,
    /** Stale books not fresh again this long after get_snapshot: resubscribe them. */
    RESYNC_TIMEOUT: 5_000,
    /** Still stale this long after the resubscribe: replace the socket. */
    RESUBSCRIBE_TIMEOUT: 5_000,
    /** Before a replacement socket (the provided one is the WS adapter's jittered backoff). */
    RECONNECT_BACKOFF: ({ context }) => Math.min(30_000, 500 * 2 ** Math.min(context.reconnectAttempts, 6)),
    STALE_CHECK: 1_000,
    AUDIT_INTERVAL: 60_000,
    /** Between an audit's first fetch and the one that confirms a difference. */
    AUDIT_CONFIRM: 1_000,
  },
});

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
      on: { 'SOCKET.DOWN': { target: '.connecting', actions: reasonFromEvent } },
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
