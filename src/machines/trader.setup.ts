// The root statechart's setup: named actors (with defaults), actions, guards, delays, and references to them.
//
// Defaults are harmless (a feed that never connects, an idle strategy, a silent health loop, a no-op
// shutdown) or throwing (initialize, connectTrading, initialSync, the sync loop's sync): an unprovided
// machine cycles through `error` with backoff instead of pretending to trade.

import { type ActorLogic, type EventObject, fromCallback, fromPromise, setup } from 'xstate';
import { feedMachine } from './feed.machine';
import { healthLoopMachine } from './health-loop.machine';
import { syncLoopMachine } from './sync-loop.machine';
import { clockActions, type RecordFailureParams, traderActions } from './trader.actions';
import { traderDelays } from './trader.delays';
import type {
  ConnectTradingOutput,
  FailureKind,
  HealthReport,
  InitializeOutput,
  InitialSyncOutput,
  LoopInput,
  PublicState,
  ShutdownInput,
  StrategyInput,
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
 * A long-lived child: any logic taking `TInput` (its machine in production, a fake in tests). Only the
 * input and the events it sends back are a contract; its snapshot and the events it takes are its own.
 * The loops and the feed keep their timers as named delays, so the system clock (`SimulatedClock` in
 * tests) drives them.
 */
// biome-ignore lint/suspicious/noExplicitAny: any snapshot and event: only the input is a contract.
type ChildLogic<TInput> = ActorLogic<any, any, TInput, any, any>;

export const traderSetup = setup({
  types: {
    context: {} as TraderContext,
    events: {} as TraderEvent,
    input: {} as TraderInput,
    emitted: {} as TraderEmitted,
    tags: {} as PublicState,
  },
  actors: {
    initialize: fromPromise<InitializeOutput>(notProvided('initialize')),
    orderbookStream: feedMachine as ChildLogic<StreamInput>,
    connectTrading: fromPromise<ConnectTradingOutput>(notProvided('connectTrading')),
    initialSync: fromPromise<InitialSyncOutput>(notProvided('initialSync')),
    syncLoop: syncLoopMachine as ChildLogic<LoopInput>,
    healthLoop: healthLoopMachine as ChildLogic<LoopInput>,
    strategy: fromCallback<EventObject, StrategyInput>(idle),
    /** Keeps the market set current (rolling discovery); by default it never changes. */
    marketRotation: fromCallback<EventObject, StreamInput>(idle),
    shutdownProcedure: fromPromise<void, ShutdownInput>(async () => undefined),
  },
  actions: { ...traderActions, ...clockActions(() => 0) },
  guards: traderGuards,
  delays: traderDelays,
});

// Action references shared by the state configs.

/**
 * What makes a state node public: its tag (how `publicStateOf` finds it) and the entry action that
 * records the transition into it.
 */
export const publicNode = <S extends PublicState>(
  name: S,
  ...then: ('resetForInitialize' | 'beginRecovery')[]
) =>
  ({ tags: [name], entry: [{ type: 'recordTransition', params: { to: name } } as const, ...then] }) as const;

/**
 * A state of the feed region (ready, degraded): while a decision executes the public state stays
 * `acting`, so the change is recorded when acting ends (`acting → degraded`).
 */
export const feedNode = <S extends 'ready' | 'degraded'>(name: S) =>
  ({
    tags: [name],
    entry: [{ type: 'recordTransition', params: { to: name, unlessActing: true } } as const],
  }) as const;

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

/** FEED.DOWN with the stream's own reason. */
export const feedDownFrom = {
  type: 'markFeedDown',
  params: ({ event }: { event: { reason: string } }) => ({ detail: `feed down: ${event.reason}` }),
} as const;

type HealthEvent = { event: HealthReport };
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
