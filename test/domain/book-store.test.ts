import { describe, expect, it } from 'vitest';
import { BookStore, type DeltaFrameLike, type SnapshotFrameLike } from '../../src/domain/book-store';

const snap = (
  sid: number,
  seq: number,
  ticker: string,
  yes: number[] = [4000, 100],
  no: number[] = [5000, 100],
) => ({ kind: 'snapshot', sid, seq, ticker, yes, no }) satisfies SnapshotFrameLike;

const delta = (
  sid: number,
  seq: number,
  ticker: string,
  price: number,
  size: number,
  side: 'yes' | 'no' = 'yes',
) =>
  ({ kind: 'delta', sid, seq, ticker, side, price, delta: size, tsMs: 1_000 + seq }) satisfies DeltaFrameLike;

function drained(store: BookStore): string[] {
  const seen: string[] = [];
  store.drainDirty((ticker) => seen.push(ticker));
  return seen;
}

/** A store with markets A and B on sid 1 at seq 1..2, dirty set drained. */
function twoMarkets(now = () => 42): BookStore {
  const store = new BookStore({ now });
  store.subscribe(1, ['A', 'B']);
  expect(store.handleSnapshot(snap(1, 1, 'A'))).toEqual({ kind: 'none' });
  expect(store.handleSnapshot(snap(1, 2, 'B'))).toEqual({ kind: 'none' });
  drained(store);
  return store;
}

describe('BookStore', () => {
  it('applies in-sequence deltas and records seq, exchange time and receive time', () => {
    let now = 100;
    const store = twoMarkets(() => now);
    now = 200;
    expect(store.handleDelta(delta(1, 3, 'A', 4100, 50))).toEqual({ kind: 'none' });
    const book = store.get('A')!;
    expect(book.bestYesBid()).toBe(4100);
    expect(book.seq).toBe(3);
    expect(book.updatedTsMs).toBe(1003);
    expect(store.lastMessageMs('A')).toBe(200);
    expect(store.counters).toMatchObject({ snapshots: 2, deltas: 1, gaps: 0 });
  });

  it('reads the receive clock once per market per drain: the first delta since the last drain', () => {
    let now = 100;
    let reads = 0;
    const store = twoMarkets(() => {
      reads++;
      return now;
    });
    reads = 0;
    now = 200;
    store.handleDelta(delta(1, 3, 'A', 4100, 50));
    now = 300;
    store.handleDelta(delta(1, 4, 'A', 4100, 50));
    expect(store.lastMessageMs('A')).toBe(200);
    expect(reads).toBe(1);
    expect(drained(store)).toEqual(['A']);
    now = 400;
    store.handleDelta(delta(1, 5, 'A', 4100, -20));
    expect(store.lastMessageMs('A')).toBe(400);
    expect(reads).toBe(2);
    expect(store.get('A')!.yes.sizeOf(4100)).toBe(80);
  });

  it('publishes each changed market once per drain however many deltas it got', () => {
    const store = twoMarkets();
    store.handleDelta(delta(1, 3, 'A', 4100, 50));
    store.handleDelta(delta(1, 4, 'A', 4100, 50));
    store.handleDelta(delta(1, 5, 'B', 4100, 50));
    store.handleDelta(delta(1, 6, 'A', 4100, -20));
    expect(drained(store)).toEqual(['A', 'B']);
    expect(drained(store)).toEqual([]);
    store.markDirty('B');
    expect(drained(store)).toEqual(['B']);
  });

  it('keeps markets due when a visitor throws, and markets marked again during a drain', () => {
    const store = twoMarkets();
    store.markDirty('A');
    store.markDirty('B');
    expect(() =>
      store.drainDirty(() => {
        throw new Error('subscriber failed');
      }),
    ).toThrow('subscriber failed');
    expect(drained(store)).toEqual(['B']);
    store.markDirty('A');
    const seen: string[] = [];
    store.drainDirty((ticker) => {
      seen.push(ticker);
      store.markDirty('A'); // a change that lands while publishing is published next time
    });
    expect(seen).toEqual(['A']);
    expect(drained(store)).toEqual(['A']);
  });

  it('drops duplicates, old snapshots included (they would roll the book back)', () => {
    const store = twoMarkets();
    store.handleDelta(delta(1, 3, 'A', 4100, 50));
    expect(store.handleDelta(delta(1, 3, 'A', 4100, 50))).toEqual({ kind: 'none' });
    expect(store.handleSnapshot(snap(1, 2, 'A', [100, 1]))).toEqual({ kind: 'none' });
    expect(store.get('A')!.yes.sizeOf(4100)).toBe(50);
    expect(store.get('A')!.bestYesBid()).toBe(4100);
    expect(store.counters.duplicates).toBe(2);
  });

  it('takes a forward seq jump as a gap, never as the reference, and recovers on the resync snapshots', () => {
    const store = twoMarkets();
    expect(store.handleDelta(delta(1, 2 + 1e9, 'A', 4100, 50))).toEqual({
      kind: 'resync',
      sid: 1,
      tickers: ['A', 'B'],
    });
    expect(store.handleDelta(delta(1, 3, 'A', 4100, 50))).toEqual({ kind: 'none' }); // dropped: broken
    expect(store.handleSnapshot(snap(1, 4, 'A'))).toEqual({ kind: 'none' });
    expect(store.handleSnapshot(snap(1, 5, 'B'))).toEqual({ kind: 'none' });
    expect(store.handleDelta(delta(1, 6, 'B', 4100, 7))).toEqual({ kind: 'none' });
    expect(store.get('B')!.yes.sizeOf(4100)).toBe(7);
    expect(store.staleTickers(1)).toEqual([]);
    expect(store.counters).toMatchObject({ gaps: 1, dropped: 2 });
  });

  it('on a gap marks every market of the sid stale and asks for all of them once', () => {
    const store = twoMarkets();
    expect(store.handleDelta(delta(1, 5, 'A', 4100, 50))).toEqual({
      kind: 'resync',
      sid: 1,
      tickers: ['A', 'B'],
    });
    expect(store.isStale('A')).toBe(true);
    expect(store.isStale('B')).toBe(true);
    expect(store.get('A')!.bestYesBid()).toBe(4000); // the delta after the gap was not applied
    expect(drained(store).sort()).toEqual(['A', 'B']); // subscribers learn about staleness
    // deltas while waiting are dropped without asking again
    expect(store.handleDelta(delta(1, 6, 'B', 4100, 50))).toEqual({ kind: 'none' });
    expect(store.handleSnapshot(snap(1, 7, 'B'))).toEqual({ kind: 'none' });
    expect(store.isStale('B')).toBe(false);
    expect(store.staleTickers(1)).toEqual(['A']);
    expect(store.handleDelta(delta(1, 8, 'B', 4100, 50))).toEqual({ kind: 'none' });
    expect(store.get('B')!.bestYesBid()).toBe(4100);
    expect(store.counters).toMatchObject({ gaps: 1, resyncs: 1, dropped: 2 });
  });

  it('a snapshot that arrives after a gap fixes its market and resyncs the others', () => {
    const store = twoMarkets();
    expect(store.handleSnapshot(snap(1, 9, 'A', [3000, 7]))).toEqual({
      kind: 'resync',
      sid: 1,
      tickers: ['B'],
    });
    expect(store.isStale('A')).toBe(false);
    expect(store.get('A')!.bestYesBid()).toBe(3000);
  });

  it('includes declared markets that never got their first snapshot in a resync', () => {
    const store = new BookStore();
    store.subscribe(3, ['A', 'B', 'C']);
    store.handleSnapshot(snap(3, 1, 'A'));
    expect(store.handleSnapshot(snap(3, 3, 'C'))).toEqual({ kind: 'resync', sid: 3, tickers: ['A', 'B'] });
  });

  it('asks for one snapshot when a book goes negative or crossed, then waits for it', () => {
    const store = twoMarkets();
    expect(store.handleDelta(delta(1, 3, 'A', 4000, -101))).toEqual({
      kind: 'resnapshot',
      sid: 1,
      ticker: 'A',
    });
    expect(store.handleDelta(delta(1, 4, 'A', 4000, -1))).toEqual({ kind: 'none' });
    expect(store.handleDelta(delta(1, 5, 'B', 5000, 1))).toEqual({ kind: 'resnapshot', sid: 1, ticker: 'B' });
    expect(store.isStale('A')).toBe(true);
    expect(store.isStale('B')).toBe(true);
    expect(store.counters).toMatchObject({ invalid: 2, resnapshots: 2, dropped: 1 });
    store.handleSnapshot(snap(1, 6, 'A'));
    expect(store.isStale('A')).toBe(false);
  });

  it('counts a malformed delta and re-snapshots its market', () => {
    const store = twoMarkets();
    expect(store.handleDelta(delta(1, 3, 'A', 0, 5))).toEqual({ kind: 'resnapshot', sid: 1, ticker: 'A' });
    expect(store.handleSnapshot(snap(1, 4, 'B', [1, 2, 3]))).toEqual({
      kind: 'resnapshot',
      sid: 1,
      ticker: 'B',
    });
    store.noteMalformed();
    expect(store.counters.malformed).toBe(3);
  });

  it('never makes a book for a market it did not subscribe: such frames are counted and dropped', () => {
    const store = twoMarkets();
    expect(store.handleDelta(delta(1, 3, 'Z', 4100, 5))).toEqual({ kind: 'none' });
    expect(store.handleSnapshot(snap(1, 4, 'Y'))).toEqual({ kind: 'none' });
    expect(store.handleUnusableTicker(1, 5)).toEqual({ kind: 'none' });
    expect(store.get('Z')).toBeUndefined();
    expect(store.tickers()).toEqual(['A', 'B']);
    expect(store.counters.unsubscribed).toBe(3);
    // their seqs were part of the sid's stream: the next real frame applies, no gap
    expect(store.handleDelta(delta(1, 6, 'A', 4100, 5))).toEqual({ kind: 'none' });
    expect(store.counters.gaps).toBe(0);
  });

  it('applies frames only from the sid its own subscription owns a market with', () => {
    const store = twoMarkets();
    // a snapshot under a sid the daemon never subscribed cannot take a book over
    expect(store.handleSnapshot(snap(77, 1_000, 'A', [100, 1]))).toEqual({ kind: 'none' });
    expect(store.handleDelta(delta(77, 1_001, 'A', 4000, 10))).toEqual({ kind: 'none' });
    expect(store.handleUnusableTicker(77, 1_002)).toEqual({ kind: 'none' });
    expect(store.get('A')!.bestYesBid()).toBe(4000);
    expect(store.counters.foreign).toBe(3);
    // our own second subscription (C on sid 2) does not own A: its frames for A are foreign too
    store.subscribe(2, ['C']);
    expect(store.handleSnapshot(snap(2, 1, 'A', [100, 1]))).toEqual({ kind: 'none' });
    expect(store.handleDelta(delta(2, 2, 'A', 4000, 10))).toEqual({ kind: 'none' });
    expect(store.get('A')!.yes.sizeOf(4000)).toBe(100);
    expect(store.counters.foreign).toBe(5);
    expect(store.handleDelta(delta(1, 3, 'A', 4000, 5))).toEqual({ kind: 'none' });
    expect(store.get('A')!.yes.sizeOf(4000)).toBe(105);
  });

  it('invalidates a book found wrong elsewhere and asks for its snapshot', () => {
    const store = twoMarkets();
    expect(store.invalidate('A')).toEqual({ kind: 'resnapshot', sid: 1, ticker: 'A' });
    expect(store.isStale('A')).toBe(true);
    expect(store.invalidate('Z')).toBeNull();
    store.handleSnapshot(snap(1, 3, 'A'));
    expect(store.isStale('A')).toBe(false);
  });

  it('on reconnect (reset) makes every book stale until the new sids snapshot it', () => {
    const store = twoMarkets();
    store.reset();
    expect(store.isStale('A')).toBe(true);
    expect(store.tickersOf(1)).toEqual([]);
    store.subscribe(5, ['A', 'B']);
    // the new sid's seq restarts; a delta before A's snapshot is dropped
    expect(store.handleDelta(delta(5, 1, 'A', 4000, 1))).toEqual({ kind: 'none' });
    store.handleSnapshot(snap(5, 2, 'A'));
    expect(store.handleDelta(delta(5, 3, 'A', 4000, 1))).toEqual({ kind: 'none' });
    expect(store.get('A')!.yes.sizeOf(4000)).toBe(101);
    expect(store.staleTickers(5)).toEqual(['B']);
  });

  it('moving a market to another sid by subscribe makes it stale until that sid snapshots it', () => {
    const store = twoMarkets();
    store.subscribe(9, ['A']);
    expect(store.isStale('A')).toBe(true);
    expect(store.tickersOf(9)).toEqual(['A']);
  });

  it('unsubscribe orphans its books; removeMarkets forgets them', () => {
    const store = twoMarkets();
    store.unsubscribe(1);
    expect(store.isStale('A')).toBe(true);
    expect(store.lastSeq(1)).toBeUndefined();
    store.removeMarkets(['A']);
    expect(store.get('A')).toBeUndefined();
    expect(store.tickers()).toEqual(['B']);
  });
});
