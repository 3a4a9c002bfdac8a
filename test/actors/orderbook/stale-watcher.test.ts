// The stale watcher under fake timers: markets go stale after staleMs without a usable message or
// while their book waits for a snapshot; "every market silent" is reported once per episode.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type StaleReport, StaleWatcher } from '../../../src/actors/orderbook/stale-watcher';

const STALE_MS = 60_000;
const CHECK_MS = 1_000;

function setup(markets: string[]) {
  const fresh = new Map(markets.map((t) => [t, true]));
  const last = new Map<string, number>();
  const stale: string[] = [];
  const reports: StaleReport[] = [];
  const watcher = new StaleWatcher(
    {
      markets: () => markets,
      isFresh: (t) => fresh.get(t) === true,
      lastMessageMs: (t) => last.get(t),
    },
    {
      intervalMs: CHECK_MS,
      staleMs: STALE_MS,
      now: () => Date.now(),
      onStale: (reason) => stale.push(reason),
      onReport: (r) => reports.push(r),
    },
  );
  const hear = (t: string) => last.set(t, Date.now());
  return { watcher, fresh, hear, stale, reports, latest: () => reports[reports.length - 1] };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StaleWatcher', () => {
  it('reports FEED-level staleness once when every market has been silent for staleMs', () => {
    const t = setup(['A', 'B']);
    t.watcher.start();
    t.hear('A');
    t.hear('B');
    vi.advanceTimersByTime(STALE_MS - CHECK_MS);
    expect(t.stale).toEqual([]);
    expect(t.latest()?.liveMarkets).toBe(2);

    t.hear('B');
    vi.advanceTimersByTime(CHECK_MS);
    expect(t.latest()?.staleMarkets).toEqual(['A']); // A is silent, B is not
    expect(t.stale).toEqual([]);

    vi.advanceTimersByTime(STALE_MS);
    expect(t.latest()?.allSilent).toBe(true);
    expect(t.stale).toHaveLength(1);
    expect(t.stale[0]).toContain('2 markets');
    vi.advanceTimersByTime(STALE_MS * 3);
    expect(t.stale).toHaveLength(1); // once per episode
  });

  it('starts a new episode after a market is heard again', () => {
    const t = setup(['A']);
    t.watcher.start();
    vi.advanceTimersByTime(STALE_MS);
    expect(t.stale).toHaveLength(1); // never heard at all counts from the start of the watch
    t.hear('A');
    vi.advanceTimersByTime(CHECK_MS);
    expect(t.latest()?.allSilent).toBe(false);
    expect(t.latest()?.liveMarkets).toBe(1);
    vi.advanceTimersByTime(STALE_MS);
    expect(t.stale).toHaveLength(2);
  });

  it('counts a book waiting for its snapshot as stale at once, without calling the feed stale', () => {
    const t = setup(['A', 'B']);
    t.watcher.start();
    t.hear('A');
    t.hear('B');
    t.fresh.set('B', false);
    vi.advanceTimersByTime(CHECK_MS);
    expect(t.latest()).toMatchObject({
      staleMarkets: ['B'],
      liveMarkets: 1,
      allFresh: false,
      allSilent: false,
    });
    expect(t.stale).toEqual([]);
  });

  it('never calls an empty market list stale, and stop() clears its timer', () => {
    const t = setup([]);
    t.watcher.start();
    vi.advanceTimersByTime(STALE_MS * 2);
    expect(t.stale).toEqual([]);
    expect(t.latest()).toMatchObject({ allFresh: true, allSilent: false, liveMarkets: 0 });
    t.watcher.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
