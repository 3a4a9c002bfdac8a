// The `acting` state: a parallel region over ready/degraded, entered while a decision executes, under a
// simulated clock. The statechart records every transition; repeated round trips are counted, not listed.
import { describe, expect, it } from 'vitest';
import { MAX_TRANSITIONS } from '../../src/machines/trader.actions';
import { createHarness } from './trader-harness';

async function ready() {
  const h = createHarness();
  await h.toReady();
  expect(h.state()).toBe('ready');
  return h;
}

const history = (h: Awaited<ReturnType<typeof ready>>) =>
  h.actor.getSnapshot().context.transitions.map((t) => `${t.from}→${t.to}${t.count ? `×${t.count}` : ''}`);

describe('trader machine acting', () => {
  it('ready → acting while a decision executes, then back, with times from the clock', async () => {
    const h = await ready();
    h.advance(1_000);
    const atMs = h.clock.now();
    h.send({ type: 'DECISION.START' });
    expect(h.state()).toBe('acting');
    expect(
      h.actor.getSnapshot().matches({ running: { operating: { feed: 'ready', orders: 'acting' } } }),
    ).toBe(true);
    h.advance(250);
    h.send({ type: 'DECISION.END' });
    expect(h.state()).toBe('ready');
    expect(h.actor.getSnapshot().context.transitions.slice(-2)).toEqual([
      { from: 'ready', to: 'acting', atMs, severity: 'info' },
      { from: 'acting', to: 'ready', atMs: atMs + 250, severity: 'info' },
    ]);
    expect(h.errors).toEqual([]);
  });

  it('many decisions never push other transitions out of the history, and every one is emitted', async () => {
    const h = await ready();
    const before = history(h);
    for (let i = 0; i < 3 * MAX_TRANSITIONS; i++) {
      h.send({ type: 'DECISION.START' });
      h.advance(10);
      h.send({ type: 'DECISION.END' });
    }
    expect(history(h)).toEqual([...before, `ready→acting×${3 * MAX_TRANSITIONS}`, 'acting→ready']);
    expect(h.actor.getSnapshot().context.transitions.at(-2)?.atMs).toBe(h.clock.now() - 10);
    const emitted = h.emitted.filter(
      (e) => e.type === 'transition' && (e.to === 'acting' || e.from === 'acting'),
    );
    expect(emitted).toHaveLength(2 * 3 * MAX_TRANSITIONS);
    // A different transition starts a new record: the round trips after it count from one again.
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'DECISION.END' });
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'DECISION.END' });
    expect(history(h).slice(-3)).toEqual(['ready→degraded', 'degraded→acting×2', 'acting→degraded']);
  });

  it('the feed going down while acting keeps the public state acting, then returns to degraded', async () => {
    const h = await ready();
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    expect(h.state()).toBe('acting');
    expect(h.actor.getSnapshot().context.feedUp).toBe(false);
    // The strategy hears the feed's verdicts, to pull its quotes.
    expect(h.received.strategy).toEqual(['FEED.DOWN']);
    h.send({ type: 'DECISION.END' });
    expect(h.state()).toBe('degraded');
    expect(h.actor.getSnapshot().context.transitions.at(-1)).toMatchObject({
      from: 'acting',
      to: 'degraded',
      reason: 'feed down: socket closed',
    });
    h.send({ type: 'FEED.UP' });
    expect(h.received.strategy).toEqual(['FEED.DOWN', 'FEED.UP']);
  });

  it('a failure while acting is recorded from acting, and recovery starts idle', async () => {
    const h = await ready();
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'TRADING.FAILED', error: new Error('boom') });
    expect(h.state()).toBe('error');
    expect(h.actor.getSnapshot().context.transitions.at(-1)).toMatchObject({ from: 'acting', to: 'error' });
    h.advance(1_000);
    expect(h.state()).toBe('initializing');
    expect(h.actor.getSnapshot().context.acting).toBe(false);
    // A late end of the interrupted decision changes nothing.
    h.send({ type: 'DECISION.END' });
    expect(h.state()).toBe('initializing');
  });

  it('ignores decisions outside operation', async () => {
    const h = createHarness();
    h.send({ type: 'DECISION.START' });
    expect(h.state()).toBe('initializing');
    expect(h.actor.getSnapshot().context.acting).toBe(false);
  });
});
