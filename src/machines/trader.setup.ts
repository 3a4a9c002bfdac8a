// The root statechart's setup: named actors (with defaults), actions, guards, delays, and references to them.
//
// Defaults are harmless (idle loops, a no-op shutdown) or throwing (initialize, connectTrading,
// initialSync): an unprovided machine cycles through `error` with backoff instead of pretending to trade.

import { type ActorLogic, type EventObject, fromCallback, fromPromise, setup } from 'xstate';
import { clockActions, type RecordFailureParams, traderActions } from './trader.actions';
import { traderDelays } from './trader.delays';
import type {
  ComponentsHealth,
  ConnectTradingOutput,
  FailureKind,
  InitializeOutput,
  InitialSyncOutput,
  LoopInput,
  PublicState,
  ShutdownInput,
  StreamInput,
  TraderContext,
  TraderEmitted,
  TraderEvent,
  TraderInput,
} from './trader.events';
import { componentDetail, traderGuards } from './trader.guards';

const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`actor '${name}' was not provided`);
};
const idle = () => undefined;

/**
 * The orderbook stream's logic: the feed machine (src/machines/feed.machine.ts) in the daemon, any fake
 * in tests. Whatever its snapshot, it takes StreamInput and sends FEED.UP / FEED.DOWN back.
 */
// biome-ignore lint/suspicious/noExplicitAny: the child's snapshot and events are its own business
type StreamLogic = ActorLogic<any, any, StreamInput>;

export const traderSetup = setup({
  types: {
    context: {} as TraderContext,
    events: {} as TraderEvent,
    input: {} as TraderInput,
    emitted: {} as TraderEmitted,
  },
  actors: {
    initialize: fromPromise<InitializeOutput>(notProvided('initialize')),
    orderbookStream: fromCallback<EventObject, StreamInput>(idle) as unknown as StreamLogic,
    connectTrading: fromPromise<ConnectTradingOutput>(notProvided('connectTrading')),
    initialSync: fromPromise<InitialSyncOutput>(notProvided('initialSync')),
    syncLoop: fromCallback<EventObject, LoopInput>(idle),
    healthLoop: fromCallback<EventObject, LoopInput>(idle),
    strategy: fromCallback<EventObject, StreamInput>(idle),
    shutdownProcedure: fromPromise<void, ShutdownInput>(async () => undefined),
  },
  actions: { ...traderActions, ...clockActions(() => 0) },
  guards: traderGuards,
  delays: traderDelays,
});

// Action references shared by the state configs.

/** Entry action of a public state. */
export const enter = (to: PublicState) => ({ type: 'recordTransition', params: { to } }) as const;

/** Failure recorded from an actor's error event (or a TRADING.FAILED), prefixed with what failed. */
export const fail = (kind: FailureKind, message?: string) =>
  ({
    type: 'recordFailure',
    params: ({ event }: { event: { error?: unknown } }): RecordFailureParams => ({
      kind,
      error: event.error,
      message,
    }),
  }) as const;

export const feedDown = (detail: string) => ({ type: 'markFeedDown', params: { detail } }) as const;

/** FEED.DOWN / FEED.STALE with the stream's own reason. */
export const feedDownFrom = {
  type: 'markFeedDown',
  params: ({ event }: { event: { type: string; reason?: string } }) => ({
    detail: `feed ${event.type === 'FEED.STALE' ? 'stale' : 'down'}${event.reason ? `: ${event.reason}` : ''}`,
  }),
} as const;

type HealthEvent = { event: { at: number; components: ComponentsHealth } };
export const healthParams = ({ event }: HealthEvent) => ({ components: event.components });
export const storeHealth = { type: 'storeHealth', params: ({ event }: HealthEvent) => event } as const;

/** Health reports only report: the machine decides that unhealthy REST trading is critical. */
export const tradingUnhealthy = {
  guard: { type: 'tradingUnhealthy', params: healthParams },
  target: '#trader.error',
  actions: [
    storeHealth,
    {
      type: 'recordFailure',
      params: ({ event }: HealthEvent): RecordFailureParams => ({
        kind: 'trading_unhealthy',
        message: componentDetail(event.components, 'trading'),
      }),
    },
  ],
} as const;
