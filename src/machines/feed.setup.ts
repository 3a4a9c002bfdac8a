// The feed statechart's setup: its actors (with harmless defaults), named actions, guards and delays,
// and the action references the state configs share. Effects are provided by src/actors/orderbook.
import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type {
  AuditOutcome,
  FeedCommand,
  FeedContext,
  FeedEvent,
  FeedInput,
  FeedParentEvent,
} from './feed.events';

export const reason = (text: string) => ({ type: 'tellDown', params: { reason: text } }) as const;
export const reasonFromEvent = {
  type: 'tellDown',
  params: ({ event }: { event: { reason?: string } }) => ({ reason: event.reason ?? 'unknown' }),
} as const;
export const noteGap = {
  type: 'noteSubscriptionGap',
  params: ({ event }: { event: { reason?: string } }) => ({ gap: event.reason ?? '' }),
} as const;

export const feedSetup = setup({
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
    storeMarkets: assign({ markets: (_, params: { markets: string[] }) => [...params.markets] }),
    setSocketMarkets: sendTo('socket', (_, params: { markets: string[] }) => ({
      type: 'SOCKET.SET_MARKETS' as const,
      markets: params.markets,
    })),
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

/** MARKETS.SET: the next socket subscribes these; a live one changes its subscriptions in place. */
export const storeMarkets = {
  type: 'storeMarkets',
  params: ({ event }: { event: { markets?: string[] } }) => ({ markets: event.markets ?? [] }),
} as const;
export const setSocketMarkets = {
  type: 'setSocketMarkets',
  params: ({ event }: { event: { markets?: string[] } }) => ({ markets: event.markets ?? [] }),
} as const;
