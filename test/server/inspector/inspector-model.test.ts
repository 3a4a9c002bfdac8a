// The inspector page's model folding the frames the relay really sends for running actors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AnyStateMachine, createActor, createMachine, fromCallback, setup } from 'xstate';
import {
  activeStateIds,
  actorTree,
  applyInspection,
  createModel,
  type InspectorModel,
  nameOf,
  selectActor,
} from '../../../src/server/inspector/assets/inspector-model.js';
import type { RelayedInspectionEvent } from '../../../src/server/inspector/inspection-frame';
import { createInspectionRelay, type InspectionRelay } from '../../../src/server/inspector/inspection-relay';

const big = setup({ actors: { feed: fromCallback(() => () => {}) } }).createMachine({
  id: 'big',
  initial: 'idle',
  states: {
    idle: { on: { GO: 'running' } },
    running: {
      invoke: { id: 'feed', src: 'feed' },
      initial: 'ready',
      states: { ready: { on: { DOWN: 'degraded' } }, degraded: {} },
    },
  },
});
const small = createMachine({ id: 'small', initial: 'off', states: { off: {}, on: {} } });

let relay: InspectionRelay;
let model: InspectorModel;
beforeEach(() => {
  // Stately hands events to the relay from a timer.
  vi.useFakeTimers();
  relay = createInspectionRelay({ pingIntervalMs: 0 });
  model = createModel();
});
afterEach(async () => {
  await relay.close();
  vi.useRealTimers();
});

/** Folds what a viewer connecting now would be sent. */
function viewNow(): void {
  vi.runAllTimers();
  for (const json of relay.replay()) applyInspection(model, JSON.parse(json) as RelayedInspectionEvent);
}

const start = (machine: AnyStateMachine) =>
  createActor(machine, { inspect: relay.inspector.inspect }).start();

describe('inspector model', () => {
  it('draws the root machine, follows its state, and lists its invoked child under it', () => {
    const actor = start(big);
    actor.send({ type: 'GO' });
    actor.send({ type: 'DOWN' });
    viewNow();
    const root = model.actors.get(actor.sessionId);
    expect(model.selected).toBe(actor.sessionId);
    expect(root).toMatchObject({ name: 'big', status: 'active', value: { running: 'degraded' } });
    expect(root?.graph?.id).toBe('big');
    expect(actorTree(model).map(({ actor: a, depth }) => [a.name, depth])).toEqual([
      ['big', 0],
      ['feed', 1],
    ]);
    expect(model.events.map((e) => e.type)).toEqual(expect.arrayContaining(['GO', 'DOWN']));
    expect(nameOf(model, model.events.at(-1)?.sessionId)).toBe('big');
    actor.stop();
  });

  it('marks a stopped actor and its state as the relay reports them', () => {
    const actor = start(big);
    actor.stop();
    viewNow();
    expect(model.actors.get(actor.sessionId)?.status).toBe('stopped');
  });

  it('prefers the larger root machine, and keeps the one the user picked', () => {
    const trader = start(big);
    const side = start(small);
    viewNow();
    expect(model.selected).toBe(trader.sessionId);
    selectActor(model, side.sessionId);
    const later = start(big);
    viewNow();
    expect(model.selected).toBe(side.sessionId);
    for (const a of [trader, side, later]) a.stop();
  });

  it('prefers a live root over a stopped one of any size', () => {
    const trader = start(big);
    trader.stop();
    const side = start(small);
    viewNow();
    expect(model.selected).toBe(side.sessionId);
    side.stop();
  });

  it('keeps an actor whose graph was cut from an oversized frame, without drawing it', () => {
    const frame = {
      type: '@xstate.actor',
      sessionId: 'x:1',
      name: 'cut',
      snapshot: { status: 'active', value: 'a' },
    } as unknown as RelayedInspectionEvent;
    expect(applyInspection(model, frame)).toBe('actors');
    expect(model.actors.get('x:1')).toMatchObject({ name: 'cut', graph: null, value: 'a' });
    expect(model.selected).toBeNull();
  });

  it('creates a placeholder for a snapshot that arrives before its actor', () => {
    const frame = { type: '@xstate.snapshot', sessionId: 'x:9', snapshot: { status: 'done', value: 'end' } };
    expect(applyInspection(model, frame as unknown as RelayedInspectionEvent)).toBe('snapshot');
    expect(model.actors.get('x:9')).toMatchObject({ name: 'x:9', status: 'done', value: 'end' });
    expect(nameOf(model, 'gone:1')).toBe('gone:1');
    expect(nameOf(model, undefined)).toBeNull();
  });

  it('keeps the newest 500 events, timed by their creation', () => {
    for (let i = 0; i < 505; i++) {
      const ev = { type: '@xstate.event', sessionId: 's', createdAt: String(i), event: { type: `E${i}` } };
      applyInspection(model, ev as unknown as RelayedInspectionEvent);
    }
    expect(model.events).toHaveLength(500);
    expect(model.events[0]).toMatchObject({ type: 'E5', time: 5 });
    expect(applyInspection(model, { type: 'other' } as unknown as RelayedInspectionEvent)).toBeNull();
  });

  it('names the active state nodes in the graph’s id scheme', () => {
    expect([...activeStateIds('trader', { running: { operating: 'ready' } })]).toEqual([
      'trader',
      'trader.running',
      'trader.running.operating',
      'trader.running.operating.ready',
    ]);
    expect([...activeStateIds('m', 'idle')]).toEqual(['m', 'm.idle']);
  });
});
