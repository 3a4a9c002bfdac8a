// The orderbook stream end to end against the simulator: FEED.UP / FEED.DOWN on the verdict's edges,
// exact books under seq gaps, duplicates and malformed frames, and recovery after the exchange drops
// every socket.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookUpdate } from '../../../src/actors/orderbook/orderbook-types';
import { KEY_ID, type StreamOnSim, startStreamOnSim } from './stream-harness';

const WAIT = { timeout: 15_000, interval: 20 };

let h: StreamOnSim | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every market's book, level by level, against the simulator's REST orderbook. */
async function expectBooksMatchRest(s: StreamOnSim): Promise<void> {
  for (const ticker of s.markets) {
    const rest = await s.rest.getOrderbook(ticker);
    const book = s.stream.books.getBook(ticker);
    expect(book, ticker).toBeDefined();
    expect(book!.levelsAscending('yes'), `${ticker} yes`).toEqual(rest.yes);
    expect(book!.levelsAscending('no'), `${ticker} no`).toEqual(rest.no);
    expect(s.stream.books.meta(ticker)?.stale, `${ticker} stale`).toBe(false);
  }
}

function booksMatchEngine(s: StreamOnSim): boolean {
  return s.markets.every((ticker) => {
    const book = s.stream.books.getBook(ticker);
    const truth = s.sim.exchange.getBook(ticker);
    if (book === undefined || truth === undefined || !book.fresh) return false;
    return (
      JSON.stringify(book.levelsAscending('yes')) === JSON.stringify(truth.yes) &&
      JSON.stringify(book.levelsAscending('no')) === JSON.stringify(truth.no)
    );
  });
}

/** Stops the flow, then waits until nothing is stale, no resync runs and every book equals the engine's. */
async function settle(s: StreamOnSim): Promise<void> {
  await s.admin('/flow', 'POST', { running: false });
  await vi.waitFor(() => {
    const stats = s.stream.stats();
    expect(stats.staleMarkets).toEqual([]);
    expect(stats.resyncsInFlight).toBe(0);
    expect(booksMatchEngine(s)).toBe(true);
  }, WAIT);
}

describe('orderbook stream against the simulator', () => {
  it('comes up once every book has its snapshot and keeps every book equal to the exchange', async () => {
    h = await startStreamOnSim();
    const s = h;
    await vi.waitFor(() => expect(s.types()).toContain('FEED.UP'), WAIT);
    expect(s.types()).toEqual(['FEED.UP']);
    expect(s.stream.stats().snapshots).toBeGreaterThanOrEqual(s.markets.length);
    expect(s.stream.stats()).toMatchObject({ staleMarkets: [], privateChannels: 'subscribed' });
    expect(s.stream.stats().feed).toEqual({ state: 'live', up: true, reason: null });

    const updates: BookUpdate[] = [];
    s.stream.subscribe((u) => updates.push(u));
    const start = s.stream.stats().deltas;
    await vi.waitFor(() => expect(s.stream.stats().deltas).toBeGreaterThan(start + 200), WAIT);
    await settle(s);
    await expectBooksMatchRest(s);

    const stats = s.stream.stats();
    expect(stats.connected).toBe(true);
    expect(stats.snapshots).toBeGreaterThanOrEqual(s.markets.length);
    expect(stats.gaps).toBe(0);
    expect(stats.liveMarkets).toBe(s.markets.length);
    expect(s.stream.books.health().healthy).toBe(true);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => s.markets.includes(u.ticker))).toBe(true);
    // Coarse news only: the books changed hundreds of times, the parent heard one thing.
    expect(s.types()).toEqual(['FEED.UP']);
  });

  it('recovers exact books through seq gaps, duplicates and malformed frames', async () => {
    h = await startStreamOnSim({ rate: 400 });
    const s = h;
    await vi.waitFor(() => expect(s.types()).toContain('FEED.UP'), WAIT);
    await s.admin('/faults', 'POST', { seqSkipRate: 0.05, duplicateRate: 0.05, malformedRate: 0.02 });
    const start = s.stream.stats().deltas;
    await vi.waitFor(() => {
      const stats = s.stream.stats();
      expect(stats.deltas).toBeGreaterThan(start + 300);
      expect(stats.gaps).toBeGreaterThan(0);
      expect(stats.duplicates).toBeGreaterThan(0);
      expect(stats.malformed).toBeGreaterThan(0);
    }, WAIT);
    await s.admin('/faults', 'DELETE');
    // Frames after the faults end expose any gap the last faulty frames left behind.
    const clean = s.stream.stats().deltas;
    await vi.waitFor(() => expect(s.stream.stats().deltas).toBeGreaterThan(clean + 200), WAIT);
    await settle(s);
    await expectBooksMatchRest(s);

    const stats = s.stream.stats();
    expect(stats.resyncs).toBeGreaterThan(0);
    // Gaps repaired by get_snapshot are not the root's business: the feed stayed up throughout.
    expect(s.types()).toEqual(['FEED.UP']);
    expect(s.log.lines.some((l) => l.msg.includes('seq gap'))).toBe(true);
  });

  it('goes down when the exchange drops the sockets, reconnects with fresh auth and comes back up', async () => {
    h = await startStreamOnSim();
    const s = h;
    await vi.waitFor(() => expect(s.types()).toContain('FEED.UP'), WAIT);
    const handshakesBefore = s.sim.ws.counters.connectionsAccepted;
    await s.admin('/faults', 'POST', { dropConnections: true });
    await vi.waitFor(() => expect(s.types()).toContain('FEED.DOWN'), WAIT);
    const down = s.received().find((e) => e.type === 'FEED.DOWN');
    expect(typeof down?.reason).toBe('string');
    expect(s.stream.books.health().healthy).toBe(false);
    expect(s.markets.every((t) => s.stream.books.meta(t)?.stale)).toBe(true);

    const afterDown = s.received().length;
    await s.admin('/faults', 'DELETE');
    await vi.waitFor(() => expect(s.types().slice(afterDown)).toContain('FEED.UP'), WAIT);
    const later = s.types().slice(afterDown);
    expect(s.types().filter((t) => t === 'FEED.DOWN')).toHaveLength(1); // one per outage, not per attempt
    expect(later).toEqual(['FEED.UP']);
    expect(s.sim.ws.counters.connectionsAccepted).toBeGreaterThan(handshakesBefore);
    expect(s.stream.stats().reconnects).toBeGreaterThan(0);

    await settle(s);
    await expectBooksMatchRest(s);
    expect(s.stream.books.health().healthy).toBe(true);
    // Secrets never reach the logs.
    expect(s.log.text()).not.toContain(KEY_ID);
  });
});
