// Test harness for the root machine: fake actors whose outcomes the test decides, and a simulated clock.

import {
  type AnyEventObject,
  createActor,
  fromCallback,
  fromPromise,
  type NonReducibleUnknown,
  SimulatedClock,
  waitFor,
} from 'xstate';
import { clockActions } from '../../src/machines/trader.actions';
import type {
  ConnectTradingOutput,
  InitializeOutput,
  InitialSyncOutput,
  ShutdownInput,
  TraderEmitted,
  TraderEvent,
  TraderInput,
} from '../../src/machines/trader.events';
import { traderMachine } from '../../src/machines/trader.machine';
import { publicStateOf } from '../../src/machines/trader.view';

export type PromiseActorName = 'initialize' | 'connectTrading' | 'initialSync' | 'shutdownProcedure';
export type CallbackActorName = 'orderbookStream' | 'syncLoop' | 'healthLoop' | 'strategy' | 'marketRotation';

interface Deferred {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export const MARKETS = ['KXTEST-A', 'KXTEST-B'];
export const ACTIVE: ConnectTradingOutput = { exchangeActive: true, tradingActive: true };
export const SYNCED: InitialSyncOutput = { atMs: 1_000, changes: 2 };

/** Sends CRASH to a fake callback actor to make it throw, as a real actor's bug would. */
export const CRASH = { type: 'CRASH' } as const;

type ProvidedActors = NonNullable<Parameters<typeof traderMachine.provide>[0]['actors']>;

export function createHarness(
  input: Partial<TraderInput> = {},
  options: { start?: boolean; actors?: Pick<ProvidedActors, 'syncLoop' | 'healthLoop'> } = {},
) {
  const clock = new SimulatedClock();
  const pending = new Map<PromiseActorName, Deferred>();
  const calls: Record<PromiseActorName | CallbackActorName, number> = {
    initialize: 0,
    connectTrading: 0,
    initialSync: 0,
    shutdownProcedure: 0,
    orderbookStream: 0,
    syncLoop: 0,
    healthLoop: 0,
    strategy: 0,
    marketRotation: 0,
  };
  const stops: Record<CallbackActorName, number> = {
    orderbookStream: 0,
    syncLoop: 0,
    healthLoop: 0,
    strategy: 0,
    marketRotation: 0,
  };
  const inputs: Partial<Record<PromiseActorName | CallbackActorName, unknown>> = {};
  /** Events the machine sent each fake callback child, in order. */
  const received: Record<CallbackActorName, string[]> = {
    orderbookStream: [],
    syncLoop: [],
    healthLoop: [],
    strategy: [],
    marketRotation: [],
  };

  const deferred = <T, I = NonReducibleUnknown>(name: PromiseActorName) =>
    fromPromise<T, I>(({ input: actorInput }) => {
      calls[name] += 1;
      inputs[name] = actorInput;
      return new Promise<T>((resolve, reject) => {
        pending.set(name, { resolve: resolve as (value: unknown) => void, reject });
      });
    });
  const callback = <I>(name: CallbackActorName) =>
    fromCallback<AnyEventObject, I>(({ input: actorInput, receive }) => {
      calls[name] += 1;
      inputs[name] = actorInput;
      receive((event) => {
        if (event.type === CRASH.type) throw new Error(`${name} crashed`);
        received[name].push(event.type);
      });
      return () => {
        stops[name] += 1;
      };
    });

  const machine = traderMachine.provide({
    actors: {
      initialize: deferred<InitializeOutput>('initialize'),
      connectTrading: deferred<ConnectTradingOutput>('connectTrading'),
      initialSync: deferred<InitialSyncOutput>('initialSync'),
      shutdownProcedure: deferred<void, ShutdownInput>('shutdownProcedure'),
      orderbookStream: callback('orderbookStream'),
      syncLoop: callback('syncLoop'),
      healthLoop: callback('healthLoop'),
      strategy: callback('strategy'),
      marketRotation: callback('marketRotation'),
      ...options.actors,
    },
    actions: clockActions(() => clock.now()),
  });
  const actor = createActor(machine, { clock, input: { sessionId: 'session-1', ...input } });
  const errors: unknown[] = [];
  const emitted: TraderEmitted[] = [];
  actor.subscribe({ error: (error) => errors.push(error) });
  actor.on('transition', (event) => emitted.push(event));
  actor.on('notice', (event) => emitted.push(event));
  if (options.start !== false) actor.start();

  const state = () => publicStateOf(actor.getSnapshot());

  /** Settles a pending promise actor and waits until the machine has processed its done/error event. */
  async function settle(name: PromiseActorName, outcome: { value?: unknown; error?: unknown }) {
    const entry = pending.get(name);
    if (!entry) throw new Error(`no pending ${name} (state ${state()})`);
    pending.delete(name);
    const before = actor.getSnapshot();
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value);
    await waitFor(actor, (snapshot) => snapshot !== before, { timeout: 1_000 });
  }

  return {
    actor,
    clock,
    calls,
    stops,
    inputs,
    received,
    errors,
    emitted,
    state,
    hasPending: (name: PromiseActorName) => pending.has(name),
    resolve: (name: PromiseActorName, value?: unknown) => settle(name, { value }),
    reject: (name: PromiseActorName, error: unknown = new Error(`${name} failed`)) => settle(name, { error }),
    send: (event: TraderEvent) => actor.send(event),
    /** Sends to a fake child: CRASH makes it throw. */
    poke: (systemIdOrId: string) => {
      const child = actor.getSnapshot().children[systemIdOrId];
      if (!child) throw new Error(`no child ${systemIdOrId}`);
      child.send(CRASH);
    },
    advance: (ms: number) => clock.increment(ms),
    /** Drives the happy path from `initializing` to `ready`. */
    async toReady() {
      await settle('initialize', { value: { markets: MARKETS } });
      actor.send({ type: 'FEED.UP' });
      await settle('connectTrading', { value: ACTIVE });
      await settle('initialSync', { value: SYNCED });
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;
