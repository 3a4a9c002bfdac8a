import { describe, expect, it } from 'vitest';
import { fromCallback, fromPromise, setup } from 'xstate';
import { traderMachine } from '../../../src/machines/trader.machine';
import { type GraphNode, isStateMachine, toMachineGraph } from '../../../src/server/inspector/machine-graph';

const machine = setup({
  actors: { load: fromPromise(async () => 1), tick: fromCallback(() => () => {}) },
  guards: { isReady: () => true },
  delays: { BACKOFF: 1_000 },
}).createMachine({
  id: 'job',
  initial: 'idle',
  states: {
    idle: { always: { guard: 'isReady', target: 'working' } },
    working: {
      invoke: [
        { id: 'load', src: 'load', onDone: 'done', onError: 'failed' },
        { id: 'ticker', src: 'tick' },
      ],
      type: 'parallel',
      states: { a: { on: { PING: { actions: [] } } }, b: { tags: ['busy'] } },
    },
    failed: { after: { BACKOFF: 'idle', 500: 'working' } },
    done: { type: 'final' },
  },
});

const find = (node: GraphNode, id: string): GraphNode | undefined =>
  node.id === id ? node : node.children.map((c) => find(c, id)).find((n) => n !== undefined);

describe('toMachineGraph', () => {
  const graph = toMachineGraph(machine);

  it('nests states with path ids, types, initial keys and tags', () => {
    expect(graph.id).toBe('job');
    expect(graph.nodeCount).toBe(7);
    expect(graph.root.initial).toBe('idle');
    expect(graph.root.children.map((c) => [c.id, c.type])).toEqual([
      ['job.idle', 'atomic'],
      ['job.working', 'parallel'],
      ['job.failed', 'atomic'],
      ['job.done', 'final'],
    ]);
    expect(find(graph.root, 'job.working.b')?.tags).toEqual(['busy']);
  });

  it('labels delays, actor outcomes, eventless and action-only transitions readably', () => {
    expect(find(graph.root, 'job.idle')?.transitions).toEqual([
      { kind: 'always', label: 'always', guard: 'isReady', targets: ['job.working'] },
    ]);
    expect(find(graph.root, 'job.working')?.transitions).toEqual([
      { kind: 'done', label: 'done: load', targets: ['job.done'] },
      { kind: 'error', label: 'error: load', targets: ['job.failed'] },
    ]);
    expect(find(graph.root, 'job.failed')?.transitions.map((t) => [t.label, t.targets])).toEqual(
      expect.arrayContaining([
        ['after BACKOFF', ['job.idle']],
        ['after 500 ms', ['job.working']],
      ]),
    );
    expect(find(graph.root, 'job.working.a')?.transitions).toEqual([
      { kind: 'event', label: 'PING', targets: [] },
    ]);
    expect(find(graph.root, 'job.working')?.invokes).toEqual(['load', 'ticker (tick)']);
  });

  it('stops at maxNodes and says so', () => {
    const small = toMachineGraph(machine, 3);
    expect(small.truncated).toBe(true);
    expect(small.nodeCount).toBe(3);
  });

  it('draws the trader: ready leads to degraded on FEED.DOWN', () => {
    const trader = toMachineGraph(traderMachine);
    const ready = find(trader.root, 'trader.running.operating.feed.ready');
    expect(ready?.transitions).toContainEqual({
      kind: 'event',
      label: 'FEED.DOWN',
      targets: ['trader.running.operating.feed.degraded'],
    });
    expect(JSON.parse(JSON.stringify(trader))).toEqual(trader);
  });

  it('tells machines from other logic', () => {
    expect(isStateMachine(machine)).toBe(true);
    expect(isStateMachine(fromPromise(async () => 1))).toBe(false);
    expect(isStateMachine(null)).toBe(false);
  });
});
