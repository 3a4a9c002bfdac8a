// The daemon's stopStrategy and closeSockets steps, against the real root machine (fake actors): done when
// the strategy or the feed ran and the machine's exit stopped it, skipped with the state when it never ran,
// failed when the stream still runs.
import { describe, expect, it } from 'vitest';
import { skip } from '../../src/actors/shutdown-steps';
import { createShutdownChecks } from '../../src/app/shutdown-checks';
import { createHarness } from '../machines/trader-harness';

function start(feedRunning = () => false) {
  const h = createHarness({}, { start: false });
  const checks = createShutdownChecks({ stats: () => ({ running: feedRunning() }) });
  checks.watch(h.actor);
  h.actor.start();
  return { h, checks };
}

describe('shutdown checks', () => {
  it('are done when the shutdown came in operation and the machine stopped both', async () => {
    const { h, checks } = start();
    await h.toReady();
    expect([h.stops.strategy, h.stops.orderbookStream]).toEqual([0, 0]);
    h.send({ type: 'SHUTDOWN', reason: 'SIGTERM' });
    expect(h.state()).toBe('shutdown');
    expect([h.stops.strategy, h.stops.orderbookStream]).toEqual([1, 1]);
    expect(checks.stopStrategy()).toBeUndefined();
    expect(checks.closeSockets()).toBeUndefined();
  });

  it('skip, saying the state, what was not running when the shutdown came', async () => {
    const { h, checks } = start();
    h.send({ type: 'SHUTDOWN', reason: 'SIGTERM' });
    expect(checks.stopStrategy()).toEqual(skip('the strategy was not running (initializing)'));
    expect(checks.closeSockets()).toEqual(skip('the orderbook feed was not running (initializing)'));
  });

  it('skip only the strategy when the feed was connecting', async () => {
    const { h, checks } = start();
    await h.resolve('initialize', { markets: ['KXTEST-A'] });
    expect(h.state()).toBe('orderbook_connect');
    h.send({ type: 'SHUTDOWN', reason: 'SIGTERM' });
    expect(checks.stopStrategy()).toEqual(skip('the strategy was not running (orderbook_connect)'));
    expect(checks.closeSockets()).toBeUndefined();
  });

  it('are done when the root was stopped before the shutdown (as a crash does): that stopped both', async () => {
    const { h, checks } = start();
    await h.toReady();
    h.actor.stop();
    expect([h.stops.strategy, h.stops.orderbookStream]).toEqual([1, 1]);
    expect(checks.stopStrategy()).toBeUndefined();
    expect(checks.closeSockets()).toBeUndefined();
  });

  it('fail closeSockets when the orderbook stream still runs after its actor stopped', async () => {
    const { h, checks } = start(() => true);
    await h.toReady();
    h.send({ type: 'SHUTDOWN', reason: 'SIGTERM' });
    expect(() => checks.closeSockets()).toThrow('the orderbook stream still runs');
  });

  it('say so when the root never started', () => {
    const checks = createShutdownChecks({ stats: () => ({ running: false }) });
    expect(checks.stopStrategy()).toEqual(skip('the strategy was not running (never started)'));
  });
});
