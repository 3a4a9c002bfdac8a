// Model-based test: @xstate/graph explores the machine's pure transitions; every reachable state and
// every transition is then replayed on a running actor with fake actors and a simulated clock.
//
// createTestModel() refuses machines with invoke/after, so the traversal runs over the machine's pure
// `transition()`. That function gives each step a fresh inert actor scope: one shared mock scope (what
// @xstate/graph would use) collides on the `orderbook`/`strategy` systemIds across explored branches.
// The events to try come from public APIs only: every event type of the machine's graph
// (`toDirectedGraph`), kept in a state when `snapshot.can(event)` says it does something there.

import {
  type AdjacencyMap,
  adjacencyMapToArray,
  type DirectedGraphNode,
  getAdjacencyMap,
  getShortestPaths,
  getStateNodes,
  toDirectedGraph,
} from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  type ActorLogic,
  type AnyEventObject,
  initialTransition,
  type SnapshotFrom,
  type StateValue,
  transition,
} from 'xstate';
import { traderDelays } from '../../src/machines/trader.delays';
import { traderMachine } from '../../src/machines/trader.machine';
import { publicStateOf } from '../../src/machines/trader.view';
import {
  ACTIVE,
  createHarness,
  type Harness,
  MARKETS,
  type PromiseActorName,
  SYNCED,
} from './trader-harness';

type Snap = SnapshotFrom<typeof traderMachine>;
const INPUT = { sessionId: 'model' };

const logic = {
  transition: (snapshot: Snap, event: AnyEventObject) =>
    transition(traderMachine, snapshot, event as never)[0],
  getInitialSnapshot: () => initialTransition(traderMachine, INPUT)[0],
  getPersistedSnapshot: (snapshot: Snap) => snapshot,
} as unknown as ActorLogic<Snap, AnyEventObject, typeof INPUT>;

const components = (orderbook: boolean, trading: boolean) => ({
  orderbook: { healthy: orderbook },
  trading: { healthy: trading },
});
/** Concrete events for descriptors whose payload changes the outcome. */
const CASES: Record<string, AnyEventObject[]> = {
  'HEALTH.REPORT': [
    { type: 'HEALTH.REPORT', atMs: 1, components: components(true, true) },
    { type: 'HEALTH.REPORT', atMs: 1, components: components(false, true) },
    { type: 'HEALTH.REPORT', atMs: 1, components: components(true, false) },
  ],
  'FEED.DOWN': [{ type: 'FEED.DOWN', reason: 'model' }],
  'SYNC.DONE': [{ type: 'SYNC.DONE', atMs: 1, changes: 0 }],
  'SYNC.FAILED': [{ type: 'SYNC.FAILED', error: 'model failure' }],
  'TRADING.FAILED': [{ type: 'TRADING.FAILED', error: 'model failure' }],
  SHUTDOWN: [{ type: 'SHUTDOWN', reason: 'model' }],
  // The same markets back: the set's contents are not state the graph explores.
  'MARKETS.CHANGED': [{ type: 'MARKETS.CHANGED', markets: MARKETS, added: [], removed: [] }],
  'MARKETS.ENDED': [{ type: 'MARKETS.ENDED', tickers: ['KXMODEL'] }],
  'xstate.done.actor.initialize': [{ type: 'xstate.done.actor.initialize', output: { markets: MARKETS } }],
  'xstate.done.actor.connectTrading': [
    { type: 'xstate.done.actor.connectTrading', output: ACTIVE },
    { type: 'xstate.done.actor.connectTrading', output: { exchangeActive: false, tradingActive: false } },
  ],
  'xstate.done.actor.initialSync': [{ type: 'xstate.done.actor.initialSync', output: SYNCED }],
};
/** Every event type some transition of the machine names, from its directed graph. */
function eventTypes(node: DirectedGraphNode): string[] {
  return [...node.edges.map((edge) => edge.label.text), ...node.children.flatMap(eventTypes)];
}
const ALL_EVENTS: AnyEventObject[] = [...new Set(eventTypes(toDirectedGraph(traderMachine)))].flatMap(
  (type) => {
    if (CASES[type]) return CASES[type];
    if (type.startsWith('xstate.error.actor.')) return [{ type, error: new Error('model failure') }];
    return [{ type }];
  },
);
const eventsFor = (snapshot: Snap): AnyEventObject[] =>
  ALL_EVENTS.filter((event) => snapshot.can(event as never));
/** What can change future behaviour: the state, and the context the guards read. */
const serialize = (snapshot: Snap) =>
  JSON.stringify({
    value: snapshot.value,
    status: snapshot.status,
    feedUp: snapshot.context.feedUp,
    syncFailures: snapshot.context.syncFailures,
  });
const options = {
  events: eventsFor,
  serializeState: serialize,
  stopWhen: (snapshot: Snap) => snapshot.status === 'done',
};

const PROMISE_ACTORS = new Set<string>(['initialize', 'connectTrading', 'initialSync', 'shutdownProcedure']);

/** Makes the running actor experience `event` the way production would: settle, crash, time, or send. */
async function perform(h: Harness, event: AnyEventObject) {
  const [, outcome, id = ''] = event.type.match(/^xstate\.(done|error)\.actor\.(.+)$/) ?? [];
  if (outcome === 'done') return h.resolve(id as PromiseActorName, event.output);
  if (outcome === 'error') {
    return PROMISE_ACTORS.has(id) ? h.reject(id as PromiseActorName, event.error) : h.poke(id);
  }
  if (event.type.startsWith('xstate.after.')) {
    const delay = event.type.split('.')[2] as keyof typeof traderDelays;
    const ms = traderDelays[delay]({ context: h.actor.getSnapshot().context });
    const before = serialize(h.actor.getSnapshot());
    h.advance(ms - 1);
    expect(serialize(h.actor.getSnapshot()), `${delay} fired early`).toBe(before);
    return h.advance(1);
  }
  h.send(event as never);
}

const adjacency: AdjacencyMap<Snap, AnyEventObject> = getAdjacencyMap(logic, options);
const edges = adjacencyMapToArray(adjacency);
const paths = new Map(getShortestPaths(logic, options).map((path) => [serialize(path.state), path]));

async function replay(h: Harness, steps: { event: AnyEventObject; state: Snap }[]) {
  for (const step of steps) {
    if (step.event.type !== 'xstate.init') await perform(h, step.event);
    expect(serialize(h.actor.getSnapshot()), `after ${step.event.type}`).toBe(serialize(step.state));
    expect(h.actor.getSnapshot().matches(step.state.value as never)).toBe(true);
  }
}

/** The specification: every change of public state, by event (payload variants named in brackets). */
const SPEC = `
initializing      done:initialize              orderbook_connect
initializing      error:initialize             error
orderbook_connect FEED.UP                      trading_client_connect
orderbook_connect FEED.DOWN                    trading_client_connect
orderbook_connect after:ORDERBOOK_CONNECT_TIMEOUT trading_client_connect
orderbook_connect TRADING.FAILED               error
orderbook_connect error:orderbook              error
trading_client_connect done:connectTrading     kalshi_data_sync
trading_client_connect error:connectTrading    error
trading_client_connect after:TRADING_CONNECT_TIMEOUT error
trading_client_connect TRADING.FAILED          error
trading_client_connect error:orderbook         error
kalshi_data_sync  done:initialSync             ready
kalshi_data_sync  done:initialSync             degraded
kalshi_data_sync  error:initialSync            error
kalshi_data_sync  after:DATA_SYNC_TIMEOUT      error
kalshi_data_sync  TRADING.FAILED               error
kalshi_data_sync  error:orderbook              error
ready             FEED.DOWN                    degraded
ready             HEALTH.REPORT[trading-down]  error
ready             SYNC.FAILED                  error
ready             TRADING.FAILED               error
degraded          FEED.UP                      ready
degraded          HEALTH.REPORT[trading-down]  error
degraded          SYNC.FAILED                  error
degraded          TRADING.FAILED               error
ready             DECISION.START               acting
degraded          DECISION.START               acting
acting            DECISION.END                 ready
acting            DECISION.END                 degraded
acting            HEALTH.REPORT[trading-down]  error
acting            SYNC.FAILED                  error
acting            TRADING.FAILED               error
error             after:RECOVERY_BACKOFF       initializing
${['ready', 'degraded', 'acting'].flatMap((s) => ['orderbook', 'sync', 'health', 'strategy', 'markets'].map((a) => `${s} error:${a} error`)).join('\n')}
${['initializing', 'orderbook_connect', 'trading_client_connect', 'kalshi_data_sync', 'ready', 'degraded', 'acting', 'error'].map((s) => `${s} SHUTDOWN shutdown`).join('\n')}
`;

function label(event: AnyEventObject): string {
  const name = event.type
    .replace(/^xstate\.after\.([A-Z_]+)\..*$/, 'after:$1')
    .replace(/^xstate\.(done|error)\.actor\./, '$1:');
  if (event.type !== 'HEALTH.REPORT') return name;
  const { orderbook, trading } = event.components as ReturnType<typeof components>;
  return `${name}[${!trading.healthy ? 'trading-down' : orderbook.healthy ? 'ok' : 'orderbook-down'}]`;
}

const toValue = (path: string[]): StateValue =>
  path.reduceRight<StateValue | undefined>(
    (inner, key) => (inner === undefined ? key : { [key]: inner }),
    undefined,
  ) ?? {};

describe('trader machine model', () => {
  it('reaches every state node except the transient startup', () => {
    const leaves = getStateNodes(traderMachine.root).filter((node) => Object.keys(node.states).length === 0);
    const reached = leaves.filter((node) =>
      [...paths.values()].some((path) => path.state.matches(toValue(node.path) as never)),
    );
    expect(leaves.filter((node) => !reached.includes(node)).map((node) => node.path.join('.'))).toEqual([
      'startup',
    ]);
    expect(paths.size).toBeGreaterThan(15);
  });

  it('changes public state exactly as specified', () => {
    const actual = new Set<string>();
    for (const { state, event, nextState } of edges) {
      const from = publicStateOf(state);
      const to = publicStateOf(nextState);
      if (from !== to) actual.add(`${from} ${label(event)} ${to}`);
    }
    const spec = SPEC.trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).join(' '));
    expect([...actual].sort()).toEqual([...new Set(spec)].sort());
  });

  it.each([...paths.entries()])('the running actor reaches %s by the shortest path', async (_, path) => {
    const h = createHarness(INPUT);
    await replay(h, path.steps);
    expect(h.errors).toEqual([]);
  });

  it.each(
    edges.map(
      (edge) =>
        [`${serialize(edge.state)} --${edge.event.type}--> ${serialize(edge.nextState)}`, edge] as const,
    ),
  )('transition %s holds on the running actor', async (_, edge) => {
    const path = paths.get(serialize(edge.state));
    expect(path).toBeDefined();
    const h = createHarness(INPUT);
    await replay(h, [...(path?.steps ?? []), { event: edge.event, state: edge.nextState }]);
    expect(h.errors).toEqual([]);
  });
});
