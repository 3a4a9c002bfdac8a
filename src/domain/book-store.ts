// All books of one WS connection: ticker → book, sid → markets, seq checks, staleness, counters,
// and a dirty set so the orderbook actor publishes each changed market at most once per drain.
//
// Every book belongs to the sid of its last snapshot; deltas from any other sid are ignored, so a
// market subscribed twice is never updated twice. A book that is stale or invalid drops deltas
// until a snapshot replaces it, and the store says once per episode what to request.
import {
  type BookAction,
  type BookStoreCounters,
  type DeltaFrameLike,
  NO_ACTION,
  newBookStoreCounters,
  type SnapshotFrameLike,
} from './book-frames';
import { DirtyList } from './dirty-list';
import { Orderbook, type OrderbookView } from './orderbook';
import { SidSequencer } from './sid-sequencer';

export type { BookAction, BookStoreCounters, DeltaFrameLike, SnapshotFrameLike } from './book-frames';
export { NO_ACTION } from './book-frames';

export interface BookStoreOptions {
  /** Receive clock for last-message times and snapshot timestamps. */
  now?: () => number;
}

class MarketEntry {
  readonly book = new Orderbook();
  sid = -1; // -1: owned by no live subscription (before subscribe, after unsubscribe or reset)
  dirty = false;
  /** A snapshot is requested or expected; suppresses repeated requests. */
  awaiting = false;
  lastMsgMs = 0;
  constructor(readonly ticker: string) {}
}

export class BookStore {
  readonly counters: BookStoreCounters = newBookStoreCounters();
  private readonly now: () => number;
  private readonly sequencer = new SidSequencer();
  private readonly byTicker = new Map<string, MarketEntry>();
  private readonly bySid = new Map<number, MarketEntry[]>();
  private readonly dirty = new DirtyList<MarketEntry>();

  constructor(options: BookStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** A snapshot replaces its market's book, takes it over for its sid and ends its staleness. */
  handleSnapshot(frame: SnapshotFrameLike): BookAction {
    const verdict = this.sequencer.observe(frame.sid, frame.seq);
    if (verdict === 'duplicate') {
      this.counters.duplicates++; // an old snapshot would roll the book back
      return NO_ACTION;
    }
    const entry = this.entryFor(frame.ticker, frame.sid);
    if (entry.sid !== frame.sid) this.assign(entry, frame.sid); // a snapshot takes ownership
    if (verdict === 'gap') this.staleAll(frame.sid);
    const book = entry.book;
    const result = book.applySnapshot(frame.yes, frame.no);
    const nowMs = this.now();
    book.seq = frame.seq;
    book.updatedTsMs = nowMs;
    entry.lastMsgMs = nowMs;
    this.markEntryDirty(entry);
    if (result === 'ok') {
      entry.awaiting = false;
      this.counters.snapshots++;
    } else if (result === 'malformed') this.counters.malformed++;
    else this.counters.invalid++;
    if (verdict === 'gap') return this.resync(frame.sid);
    return result === 'ok' ? NO_ACTION : this.requestSnapshot(entry);
  }

  /** The hot path: seq check, apply in place, mark dirty. Allocates only when it returns an action. */
  handleDelta(frame: DeltaFrameLike): BookAction {
    const verdict = this.sequencer.observe(frame.sid, frame.seq);
    if (verdict === 'duplicate') {
      this.counters.duplicates++;
      return NO_ACTION;
    }
    const entry = this.entryFor(frame.ticker, frame.sid);
    if (verdict === 'gap') {
      this.counters.dropped++;
      this.staleAll(frame.sid);
      return this.resync(frame.sid);
    }
    if (entry.sid !== frame.sid) {
      this.counters.foreign++;
      return NO_ACTION;
    }
    const book = entry.book;
    if (!book.fresh) {
      this.counters.dropped++;
      return entry.awaiting ? NO_ACTION : this.requestSnapshot(entry);
    }
    const result = book.applyDelta(frame.side, frame.price, frame.delta);
    entry.lastMsgMs = this.now();
    this.markEntryDirty(entry);
    if (result === 'ok') {
      book.seq = frame.seq;
      book.updatedTsMs = frame.tsMs;
      this.counters.deltas++;
      return NO_ACTION;
    }
    if (result === 'malformed') this.counters.malformed++;
    else this.counters.invalid++;
    return this.requestSnapshot(entry);
  }

  /** Declares a subscription's markets (subscribe ack, add_markets): their snapshots are due. */
  subscribe(sid: number, tickers: readonly string[]): void {
    for (const ticker of tickers) {
      const entry = this.entryFor(ticker, sid);
      if (entry.sid !== sid) {
        // Its content came from another sid's stream; only this sid's snapshot can vouch for it.
        this.assign(entry, sid);
        entry.book.markStale();
        this.markEntryDirty(entry);
      }
      if (!entry.book.fresh) entry.awaiting = true;
    }
  }

  /** After unsubscribe: its books go stale and belong to no sid until a snapshot arrives. */
  unsubscribe(sid: number): void {
    this.sequencer.forget(sid);
    for (const entry of this.bySid.get(sid) ?? []) this.orphan(entry);
    this.bySid.delete(sid);
  }

  /** delete_markets: forget these books (a publication still due shows them stale). */
  removeMarkets(tickers: readonly string[]): void {
    for (const ticker of tickers) {
      const entry = this.byTicker.get(ticker);
      if (entry === undefined) continue;
      entry.book.markStale();
      this.detach(entry);
      this.byTicker.delete(ticker);
    }
  }

  /** On reconnect sids change: every seq restarts and every book is stale until re-snapshotted. */
  reset(): void {
    this.sequencer.reset();
    for (const entry of this.byTicker.values()) this.orphan(entry);
    this.bySid.clear();
  }

  /** Counts a frame the parser rejected; its lost seq shows up as a gap on the next frame. */
  noteMalformed(): void {
    this.counters.malformed++;
  }

  markDirty(ticker: string): void {
    const entry = this.byTicker.get(ticker);
    if (entry !== undefined) this.markEntryDirty(entry);
  }

  /** Visits each market changed since the last drain exactly once; returns how many. */
  drainDirty(visit: (ticker: string, book: OrderbookView) => void): number {
    return this.dirty.drain((entry) => visit(entry.ticker, entry.book));
  }

  get(ticker: string): OrderbookView | undefined {
    return this.byTicker.get(ticker)?.book;
  }

  /** True unless the market's book is valid and current; unknown markets count as stale. */
  isStale(ticker: string): boolean {
    return this.byTicker.get(ticker)?.book.fresh !== true;
  }

  lastMessageMs(ticker: string): number | undefined {
    return this.byTicker.get(ticker)?.lastMsgMs;
  }

  lastSeq(sid: number): number | undefined {
    return this.sequencer.lastSeq(sid);
  }

  tickers(): string[] {
    return [...this.byTicker.keys()];
  }

  tickersOf(sid: number): string[] {
    return (this.bySid.get(sid) ?? []).map((entry) => entry.ticker);
  }

  /** Markets of a sid still waiting for a snapshot: what to request again after a timeout. */
  staleTickers(sid: number): string[] {
    return (this.bySid.get(sid) ?? []).filter((entry) => !entry.book.fresh).map((entry) => entry.ticker);
  }

  private entryFor(ticker: string, sid: number): MarketEntry {
    let entry = this.byTicker.get(ticker);
    if (entry === undefined) {
      entry = new MarketEntry(ticker);
      this.byTicker.set(ticker, entry);
    }
    if (entry.sid === -1) this.assign(entry, sid);
    return entry;
  }

  private assign(entry: MarketEntry, sid: number): void {
    this.detach(entry);
    entry.sid = sid;
    const list = this.bySid.get(sid);
    if (list === undefined) this.bySid.set(sid, [entry]);
    else list.push(entry);
  }

  private detach(entry: MarketEntry): void {
    const list = this.bySid.get(entry.sid);
    if (list === undefined) return;
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
  }

  private orphan(entry: MarketEntry): void {
    entry.sid = -1;
    entry.awaiting = false;
    entry.book.markStale();
    this.markEntryDirty(entry);
  }

  // A gap cannot be attributed to one market: every book of the sid may have missed a delta.
  private staleAll(sid: number): void {
    this.counters.gaps++;
    for (const entry of this.bySid.get(sid) ?? []) {
      entry.book.markStale();
      entry.awaiting = true;
      this.markEntryDirty(entry);
    }
  }

  private resync(sid: number): BookAction {
    const tickers = this.staleTickers(sid);
    if (tickers.length === 0) return NO_ACTION;
    this.counters.resyncs++;
    return { kind: 'resync', sid, tickers };
  }

  private requestSnapshot(entry: MarketEntry): BookAction {
    entry.awaiting = true;
    this.counters.resnapshots++;
    return { kind: 'resnapshot', sid: entry.sid, ticker: entry.ticker };
  }

  private markEntryDirty(entry: MarketEntry): void {
    this.dirty.mark(entry);
  }
}
