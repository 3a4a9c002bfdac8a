// The stale watcher on an injected clock: markets go stale after staleMs without a usable message or
// while their book waits for a snapshot; "every market silent" and "heard again" are said once per edge.
import { describe, expect, it } from 'vitest';
import { StaleWatcher } from '../../../src/actors/orderbook/stale-watcher';

const STALE_MS = 60_000;
const CHECK_MS = 1_000;

function setup(markets: string[]) {
  let now = 1_000;
  const fresh = new Map(markets.map((t) => [t, true]));
  const last = new Map<string, number>();
  const said: string[] = [];
  const watcher = new StaleWatcher(
    { markets: () => markets, isFresh: (t) => fresh.get(t) === true, lastMessageMs: (t) => last.get(t) },
    {
      staleMs: STALE_MS,
      now: () => now,
      onSilent: (reason) => said.push(`silent: ${reason}`),
      onHeard: () => said.push('heard'),
    },
  );
  const advance = (ms: number) => {
    now += ms;
    return watcher.check();
  };
  const hear = (t: string) => last.set(t, now);
  return { watcher, fresh, hear, said, advance };
}

describe('StaleWatcher', () => {
  it('says silent once when every market has been silent for staleMs', () => {
    const t = setup(['A', 'B']);
    t.hear('A');
    t.hear('B');
    expect(t.advance(STALE_MS - CHECK_MS).liveMarkets).toBe(2);
    t.hear('B');
    expect(t.advance(CHECK_MS).staleMarkets).toEqual(['A']); // A is silent, B is not
    expect(t.said).toEqual([]);
    expect(t.advance(STALE_MS).allSilent).toBe(true);
    expect(t.said).toEqual(['silent: no usable message for 60000 ms on any of 2 markets']);
    t.advance(STALE_MS * 3);
    expect(t.said).toHaveLength(1); // once per episode
  });

  it('says heard when a market speaks again, and measures silence from a restart', () => {
    const t = setup(['A']);
    t.advance(STALE_MS);
    expect(t.said).toHaveLength(1); // never heard at all counts from the start of the watch
    t.hear('A');
    expect(t.advance(CHECK_MS)).toMatchObject({ allSilent: false, liveMarkets: 1 });
    expect(t.said.at(-1)).toBe('heard');
    t.watcher.restart();
    t.advance(STALE_MS - 1);
    expect(t.said).toHaveLength(2);
    t.advance(1);
    expect(t.said).toHaveLength(3);
  });

  it('counts a book waiting for its snapshot as stale at once, without calling the feed silent', () => {
    const t = setup(['A', 'B']);
    t.hear('A');
    t.hear('B');
    t.fresh.set('B', false);
    expect(t.advance(CHECK_MS)).toMatchObject({
      staleMarkets: ['B'],
      liveMarkets: 1,
      allFresh: false,
      allSilent: false,
    });
    expect(t.said).toEqual([]);
  });

  it('never calls an empty market list silent', () => {
    const t = setup([]);
    expect(t.advance(STALE_MS * 2)).toMatchObject({ allFresh: true, allSilent: false, liveMarkets: 0 });
    expect(t.said).toEqual([]);
  });
});
