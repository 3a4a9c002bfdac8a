import { getStateNodes } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { StateValue } from 'xstate';
import { PUBLIC_STATES } from '../../src/machines/trader.events';
import { traderMachine } from '../../src/machines/trader.machine';
import { publicStateOf } from '../../src/machines/trader.view';
import { createHarness } from './trader-harness';

const context = createHarness({}, { start: false }).actor.getSnapshot().context;
const toValue = (path: readonly string[]): StateValue =>
  path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), path.at(-1) as string);

describe('publicStateOf', () => {
  // Every leaf the machine can rest in is one public state: its own name, `shutdown` for `stopping`;
  // the orders region's `idle` is the feed region's state (ready, its initial one here), and `acting`
  // is tagged over it and wins.
  const leaves = getStateNodes(traderMachine.root).filter((node) => Object.keys(node.states).length === 0);
  const publicName: Record<string, string> = { stopping: 'shutdown', idle: 'ready' };
  it.each(leaves.map((node) => [node.path.join('.'), node] as const))(
    '%s carries its public tag',
    (_, node) => {
      const key = node.path.at(-1) as string;
      const expected = publicName[key] ?? key;
      const snapshot = traderMachine.resolveState({ value: toValue(node.path), context });
      expect(PUBLIC_STATES).toContain(expected);
      expect(publicStateOf(snapshot)).toBe(expected);
      const tags = PUBLIC_STATES.filter((s) => snapshot.hasTag(s));
      expect(tags).toEqual(expected === 'acting' ? ['ready', 'acting'] : [expected]);
    },
  );

  it('follows the running actor', async () => {
    const h = createHarness();
    expect(publicStateOf(h.actor.getSnapshot())).toBe('initializing');
    await h.toReady();
    expect(publicStateOf(h.actor.getSnapshot())).toBe('ready');
    h.send({ type: 'SHUTDOWN', reason: 'SIGINT' });
    expect(publicStateOf(h.actor.getSnapshot())).toBe('shutdown');
    await h.resolve('shutdownProcedure');
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(publicStateOf(h.actor.getSnapshot())).toBe('shutdown');
  });
});
