// The publisher coalesces: however many deltas hit a market within an interval, listeners hear of it
// once, with the latest book; a throwing listener is counted and changes nothing for the others.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookPublisher } from '../../../src/actors/orderbook/book-publisher';
import type { BookUpdate } from '../../../src/actors/orderbook/orderbook-types';
import { BookStore, NO_ACTION } from '../../../src/domain/book-store';
import { recordingLog } from './recording-log';

const INTERVAL = 100;

function setup() {
  const store = new BookStore({ now: () => Date.now() });
  const counters = { publications: 0, listenerErrors: 0 };
  let ticks = 0;
  const publisher = new BookPublisher(store, {
    intervalMs: INTERVAL,
    now: () => Date.now(),
    log: recordingLog(),
    counters,
    onTick: () => {
      ticks++;
    },
  });
  store.subscribe(1, ['A', 'B', 'C']);
  let seq = 0;
  const snapshot = (ticker: string) =>
    store.handleSnapshot({
      kind: 'snapshot',
      sid: 1,
      seq: ++seq,
      ticker,
      yes: [4_000, 1_000],
      no: [5_000, 500],
    });
  const delta = (ticker: string, size: number) =>
    store.handleDelta({
      kind: 'delta',
      sid: 1,
      seq: ++seq,
      ticker,
      side: 'yes',
      price: 3_000,
      delta: size,
      tsMs: 1,
    });
  return { store, counters, publisher, snapshot, delta, ticks: () => ticks };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BookPublisher', () => {
  it('publishes 1,000 deltas to one market within an interval as one update with the final book', () => {
    const t = setup();
    t.snapshot('A');
    const updates: Array<{ ticker: string; size: number; seq: number | null }> = [];
    t.publisher.subscribe((u) =>
      updates.push({ ticker: u.ticker, size: u.book.yes.sizeOf(3_000), seq: u.meta.seq }),
    );
    t.publisher.start();
    for (let i = 0; i < 1_000; i++) expect(t.delta('A', 100)).toBe(NO_ACTION);
    expect(updates).toHaveLength(0); // nothing is published from the ingest path itself
    vi.advanceTimersByTime(INTERVAL);
    expect(updates).toEqual([{ ticker: 'A', size: 100_000, seq: 1_001 }]);
    expect(t.counters.publications).toBe(1);
    expect(t.ticks()).toBe(1);

    vi.advanceTimersByTime(INTERVAL * 3);
    expect(updates).toHaveLength(1); // nothing changed, nothing published
  });

  it('publishes each changed market at most once per interval', () => {
    const t = setup();
    t.snapshot('A');
    t.snapshot('B');
    const seen: string[] = [];
    t.publisher.subscribe((u) => seen.push(u.ticker));
    t.publisher.start();
    vi.advanceTimersByTime(INTERVAL);
    expect(seen.sort()).toEqual(['A', 'B']);
    seen.length = 0;
    t.delta('B', 100);
    t.delta('B', 100);
    vi.advanceTimersByTime(INTERVAL);
    expect(seen).toEqual(['B']);
  });

  it('counts a throwing listener and still serves the others and later intervals', () => {
    const t = setup();
    t.snapshot('A');
    const good: BookUpdate[] = [];
    t.publisher.subscribe(() => {
      throw new Error('listener bug');
    });
    t.publisher.subscribe((u) => good.push(u));
    t.publisher.start();
    vi.advanceTimersByTime(INTERVAL);
    t.delta('A', 100);
    vi.advanceTimersByTime(INTERVAL);
    expect(good).toHaveLength(2);
    expect(t.counters.listenerErrors).toBe(2);
    expect(good[1]?.meta.stale).toBe(false);
  });

  it('stops publishing after unsubscribe and stop()', () => {
    const t = setup();
    t.snapshot('A');
    const seen: string[] = [];
    const off = t.publisher.subscribe((u) => seen.push(u.ticker));
    t.publisher.start();
    off();
    vi.advanceTimersByTime(INTERVAL);
    expect(seen).toEqual([]);
    t.publisher.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('BookPublisher with interval 0', () => {
  function immediate() {
    const t = setup();
    const publisher = new BookPublisher(t.store, {
      intervalMs: 0,
      now: () => Date.now(),
      log: recordingLog(),
      counters: t.counters,
    });
    return { ...t, publisher };
  }

  it('publishes the changes of one I/O turn right after it, once per market, without a timer tick', () => {
    const t = immediate();
    t.snapshot('A');
    const seen: Array<{ ticker: string; size: number }> = [];
    t.publisher.subscribe((u) => seen.push({ ticker: u.ticker, size: u.book.yes.sizeOf(3_000) }));
    t.publisher.start();
    t.delta('A', 100);
    t.publisher.changed();
    t.delta('A', 100);
    t.publisher.changed();
    expect(seen).toEqual([]); // never from inside ingestion
    vi.advanceTimersByTime(0); // the setImmediate runs; no interval is due yet
    expect(seen).toEqual([{ ticker: 'A', size: 200 }]);
    t.delta('A', 100);
    t.publisher.changed();
    vi.advanceTimersByTime(0);
    expect(seen.at(-1)).toEqual({ ticker: 'A', size: 300 });
  });

  it('schedules nothing before start() or after stop()', () => {
    const t = immediate();
    t.publisher.changed();
    expect(vi.getTimerCount()).toBe(0);
    t.publisher.start();
    t.publisher.changed();
    t.publisher.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
