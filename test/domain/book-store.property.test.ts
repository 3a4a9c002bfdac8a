import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BookAction,
  BookStore,
  type DeltaFrameLike,
  type SnapshotFrameLike,
} from '../../src/domain/book-store';
import { PRICE_ONE } from '../../src/domain/fixed-point';

// A toy exchange emits a truthful stream (snapshots + signed deltas, per-sid seq); a hostile channel
// drops, duplicates and reorders it and forges frames (foreign sids, seq jumps, unsubscribed markets);
// the store must never hold a silently wrong book, nor make a book for a market it did not subscribe. The reference
// model is a Map per side, recorded after every frame so "the truth as of seq L" can be looked up.

type Frame = SnapshotFrameLike | DeltaFrameLike;
type Side = Map<number, number>;
interface Truth {
  yes: Side;
  no: Side;
}
const PRICES = [1, 15, 99, 100, 450, 2500, 4500, 4505, 5000, 5400, 9000, 9900, 9985, 9999];
const TICKERS = ['A', 'B', 'C', 'D'];

const render = (side: Side) => [...side.entries()].sort((a, b) => a[0] - b[0]);
const flat = (side: Side) => render(side).flat();
const best = (side: Side) => (side.size === 0 ? 0 : Math.max(...side.keys()));

class ToyExchange {
  readonly truth = new Map<string, Truth>(TICKERS.map((t) => [t, { yes: new Map(), no: new Map() }]));
  readonly queue: Frame[] = [];
  /** sid → (seq, ticker, rendered truth after that frame), for lookups of "truth as of seq". */
  readonly history = new Map<number, Array<{ seq: number; ticker: string; state: string }>>();
  private sidBase = 0;
  private readonly seq = new Map<number, number>();

  constructor(readonly nSids: number) {}

  sidOf(ticker: string): number {
    return this.sidBase + (TICKERS.indexOf(ticker) % this.nSids) + 1;
  }

  connect(store: BookStore): void {
    this.sidBase += 10; // Kalshi assigns new sids on a new connection
    this.queue.length = 0;
    for (let s = 1; s <= this.nSids; s++) {
      const sid = this.sidBase + s;
      store.subscribe(
        sid,
        TICKERS.filter((t) => this.sidOf(t) === sid),
      );
    }
    for (const ticker of TICKERS) this.snapshot(ticker);
  }

  snapshot(ticker: string): void {
    const t = this.truth.get(ticker)!;
    const sid = this.sidOf(ticker);
    this.emit({ kind: 'snapshot', sid, seq: this.nextSeq(sid), ticker, yes: flat(t.yes), no: flat(t.no) });
  }

  /** A random truthful change: never negative, never locking or crossing the book. */
  change(pick: number, priceIndex: number, amount: number): void {
    const ticker = TICKERS[pick % TICKERS.length]!;
    const t = this.truth.get(ticker)!;
    const side = pick % 2 === 0 ? 'yes' : 'no';
    const ladder = t[side];
    const price = PRICES[priceIndex % PRICES.length]!;
    const size = ladder.get(price) ?? 0;
    let delta: number;
    if (size > 0 && amount % 3 === 0) delta = -size;
    else if (size > 0 && amount % 3 === 1) delta = -Math.min(size, 1 + (amount % size));
    else delta = 1 + (amount % 500);
    const other = side === 'yes' ? t.no : t.yes;
    if (delta > 0 && other.size > 0 && price + best(other) >= PRICE_ONE) return;
    if (size + delta === 0) ladder.delete(price);
    else ladder.set(price, size + delta);
    const sid = this.sidOf(ticker);
    this.emit({ kind: 'delta', sid, seq: this.nextSeq(sid), ticker, side, price, delta, tsMs: 0 });
  }

  /** A hostile frame: under a sid nobody subscribed, with a seq far ahead, or for a market not followed. */
  forge(kind: number, pick: number): Frame {
    const ticker = TICKERS[pick % TICKERS.length]!;
    const sid = this.sidOf(ticker);
    const last = this.seq.get(sid) ?? 0;
    if (kind % 3 === 0) return { kind: 'snapshot', sid: 999, seq: last + 1, ticker, yes: [100, 5], no: [] };
    if (kind % 3 === 1) {
      return { kind: 'delta', sid, seq: last + 1e9, ticker, side: 'yes', price: 100, delta: 5, tsMs: 0 };
    }
    // An unsubscribed market inside the sid's own stream: it consumes a seq like any frame of the sid.
    const frame: Frame = {
      kind: 'delta',
      sid,
      seq: this.nextSeq(sid),
      ticker: 'ZZ',
      side: 'no',
      price: 100,
      delta: 5,
      tsMs: 0,
    };
    this.queue.push(frame);
    return frame;
  }

  respond(action: BookAction): void {
    if (action.kind === 'resync') for (const ticker of action.tickers) this.snapshot(ticker);
    if (action.kind === 'resnapshot') this.snapshot(action.ticker);
  }

  /** The truth for a market as of the last seq its sid's consumer has seen. */
  truthAt(ticker: string, lastSeq: number | undefined): string | undefined {
    if (lastSeq === undefined) return undefined;
    const frames = this.history.get(this.sidOf(ticker)) ?? [];
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i]!;
      if (f.seq <= lastSeq && f.ticker === ticker) return f.state;
    }
    return undefined;
  }

  private nextSeq(sid: number): number {
    const next = (this.seq.get(sid) ?? 0) + 1;
    this.seq.set(sid, next);
    return next;
  }

  private emit(frame: Frame): void {
    const t = this.truth.get(frame.ticker)!;
    const list = this.history.get(frame.sid) ?? [];
    list.push({ seq: frame.seq, ticker: frame.ticker, state: JSON.stringify([render(t.yes), render(t.no)]) });
    this.history.set(frame.sid, list);
    this.queue.push(frame);
  }
}

const deliver = (store: BookStore, frame: Frame): BookAction =>
  frame.kind === 'snapshot' ? store.handleSnapshot(frame) : store.handleDelta(frame);

const storeState = (store: BookStore, ticker: string) => {
  const book = store.get(ticker)!;
  return JSON.stringify([book.levelsAscending('yes'), book.levelsAscending('no')]);
};

function checkNeverSilentlyWrong(store: BookStore, exchange: ToyExchange): void {
  for (const ticker of TICKERS) {
    if (store.isStale(ticker)) continue;
    const expected = exchange.truthAt(ticker, store.lastSeq(exchange.sidOf(ticker)));
    expect(storeState(store, ticker)).toBe(expected);
  }
}

const op = fc.record({
  kind: fc.constantFrom(
    'change',
    'change',
    'change',
    'deliver',
    'deliver',
    'deliver',
    'drop',
    'dup',
    'swap',
    'snap',
    'reconnect',
    'forge',
  ),
  a: fc.nat(1_000),
  b: fc.nat(1_000),
  c: fc.nat(1_000),
});

describe('BookStore under drops, duplicates and reorders', () => {
  it('always equals the reference book or says it is stale, and heals after fresh snapshots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.array(op, { maxLength: 250 }), (nSids, ops) => {
        const store = new BookStore({ now: () => 0 });
        const exchange = new ToyExchange(nSids);
        exchange.connect(store);
        for (const { kind, a, b, c } of ops) {
          const q = exchange.queue;
          if (kind === 'change') exchange.change(a, b, c);
          else if (kind === 'forge') {
            const forged = exchange.forge(a, b);
            if (forged.ticker !== 'ZZ') exchange.respond(deliver(store, forged));
          } else if (kind === 'snap') exchange.snapshot(TICKERS[a % TICKERS.length]!);
          else if (kind === 'reconnect' && a % 4 === 0) {
            store.reset();
            exchange.connect(store);
          } else if (q.length === 0) continue;
          else if (kind === 'drop') q.shift();
          else if (kind === 'swap' && q.length > 1) q.splice(0, 2, q[1]!, q[0]!);
          else if (kind === 'dup') exchange.respond(deliver(store, q[0]!));
          else exchange.respond(deliver(store, q.shift()!));
          checkNeverSilentlyWrong(store, exchange);
        }
        // A clean channel from here. A lost last frame only shows as a gap when the sid's next frame
        // arrives, so every sid gets one more; what the store still waits for is re-requested, as
        // the orderbook actor does when a resync times out.
        for (let s = 0; s < nSids; s++) exchange.snapshot(TICKERS[s]!);
        for (let round = 0; round < 3; round++) {
          while (exchange.queue.length > 0) {
            exchange.respond(deliver(store, exchange.queue.shift()!));
            checkNeverSilentlyWrong(store, exchange);
          }
          for (let s = 1; s <= nSids; s++) {
            const sid = exchange.sidOf(TICKERS[s - 1]!);
            for (const ticker of store.staleTickers(sid)) exchange.snapshot(ticker);
          }
        }
        expect(store.tickers().sort()).toEqual(TICKERS);
        for (const ticker of TICKERS) {
          expect(store.isStale(ticker)).toBe(false);
          const t = exchange.truth.get(ticker)!;
          expect(storeState(store, ticker)).toBe(JSON.stringify([render(t.yes), render(t.no)]));
        }
        // A truthful stream never makes a correctly maintained book negative or crossed.
        expect(store.counters.invalid).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
