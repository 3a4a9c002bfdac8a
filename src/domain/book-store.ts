// All books of one WS connection: ticker → book, sid → markets, seq checks, staleness, counters,
// and a dirty set so the orderbook actor publishes each changed market at most once per drain.
//
// Ownership by subscription: a book exists only for a market the daemon subscribed, and belongs to
// the sid the daemon's own subscribe was acknowledged with (`subscribe`). A frame from any other sid
// is foreign and a frame for any other market is unsubscribed: both are counted and dropped, so a
// forged or misrouted frame can neither create a book nor take one over. A book that is stale or
// invalid drops deltas until a snapshot replaces it, and the store says once per episode what to request.
import {
  type BookAction,
  type BookStoreCounters,
  type DeltaFrameLike,
  NO_ACTION as NONE,
  newBookStoreCounters,
  type SnapshotFrameLike,
} from './book-frames';
import { DirtyList } from './dirty-list';
import { Orderbook, type OrderbookView } from './orderbook';
import { SidSequencer } from './sid-sequencer';

// Hot-path bindings read once: under tsx (how the daemon runs) each use of an imported binding is a
// getter call.
const NO_ACTION = NONE;

export type { BookAction, BookStoreCounters, DeltaFrameLike, SnapshotFrameLike } from './book-frames';
export { NO_ACTION } from './book-frames';

export interface BookStoreOptions {
  /** Receive clock for last-message times and snapshot timestamps. */
  now?: () => number;
}

class MarketEntry {
  readonly book = new Orderbook();
  sid = -1; // -1: owned by no live subscription (before its ack, after unsubscribe or reset)
  dirty = false;
  /** A snapshot is requested or expected; suppresses repeated requests. */
  awaiting = false;
  lastMsgMs = 0;
  /** lastMsgMs was stamped by a delta since the last drain (see handleDelta). */
  heard = false;
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

  /** A snapshot of an owned market replaces its book and rebases its sid (see SidSequencer.rebase). */
  handleSnapshot(frame: SnapshotFrameLike): BookAction {
    const verdict = this.sequencer.rebase(frame.sid, frame.seq);
    if (verdict === 'foreign' || verdict === 'duplicate') {
      if (verdict === 'foreign') this.counters.foreign++;
      else this.counters.duplicates++; // an old snapshot would roll the book back
      return NO_ACTION;
    }
    if (verdict === 'gap') this.staleAll(frame.sid);
    const entry = this.owned(frame.ticker, frame.sid);
    if (entry === undefined) return verdict === 'gap' ? this.resync(frame.sid) : NO_ACTION;
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
    switch (this.sequencer.observe(frame.sid, frame.seq)) {
      case 'foreign':
        this.counters.foreign++;
        return NO_ACTION;
      case 'duplicate':
        this.counters.duplicates++;
        return NO_ACTION;
      case 'broken':
        this.counters.dropped++;
        return NO_ACTION;
      case 'gap':
        this.counters.dropped++;
        this.staleAll(frame.sid);
        return this.resync(frame.sid);
    }
    const entry = this.owned(frame.ticker, frame.sid);
    if (entry === undefined) return NO_ACTION;
    const book = entry.book;
    if (!book.fresh) {
      this.counters.dropped++;
      return entry.awaiting ? NO_ACTION : this.requestSnapshot(entry);
    }
    const result = book.applyDelta(frame.side, frame.price, frame.delta);
    // The clock is read once per market per drain, not per delta (a clock read costs as much as the
    // apply): the receive time is the first delta's since the market was last published, at most
    // one publish interval older than the latest.
    if (!entry.heard) {
      entry.heard = true;
      entry.lastMsgMs = this.now();
    }
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

  /**
   * A frame whose ticker the parser refused before building anything from it (too long): its seq
   * is still part of the sid's stream, so it is consumed, and the frame counts as unsubscribed.
   */
  handleUnusableTicker(sid: number, seq: number): BookAction {
    const verdict = this.sequencer.observe(sid, seq);
    if (verdict === 'foreign') this.counters.foreign++;
    else if (verdict === 'gap') {
      this.staleAll(sid);
      return this.resync(sid);
    } else this.counters.unsubscribed++;
    return NO_ACTION;
  }

  /** The markets to follow: each gets a (stale) book now, owned by no sid until its subscribe ack. */
  follow(tickers: readonly string[]): void {
    for (const ticker of tickers) {
      if (this.byTicker.has(ticker)) continue;
      const entry = new MarketEntry(ticker);
      this.byTicker.set(ticker, entry);
      this.markEntryDirty(entry);
    }
  }

  /** Declares the daemon's own subscription (its ack): the sid is ours, its books wait for snapshots. */
  subscribe(sid: number, tickers: readonly string[]): void {
    this.sequencer.open(sid);
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

  /** After unsubscribe: the sid is no longer ours; its books go stale and belong to no sid. */
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

  /** On reconnect sids change: no old sid is ours, every book is stale until re-subscribed. */
  reset(): void {
    this.sequencer.reset();
    for (const entry of this.byTicker.values()) this.orphan(entry);
    this.bySid.clear();
  }

  /**
   * The book was found wrong by other means (the REST audit): it stops being fresh at once and
   * asks for its snapshot, or returns null when no live sid owns it.
   */
  invalidate(ticker: string): BookAction | null {
    const entry = this.byTicker.get(ticker);
    if (entry === undefined || entry.sid === -1) return null;
    entry.book.invalidate();
    this.markEntryDirty(entry);
    return this.requestSnapshot(entry);
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
    return this.dirty.drain((entry) => {
      entry.heard = false;
      visit(entry.ticker, entry.book);
    });
  }

  get(ticker: string): OrderbookView | undefined {
    return this.byTicker.get(ticker)?.book;
  }

  /** True unless the market's book is valid and current; unknown markets count as stale. */
  isStale(ticker: string): boolean {
    return this.byTicker.get(ticker)?.book.fresh !== true;
  }

  /** The sid that owns the market's book, if a live subscription does. */
  sidOf(ticker: string): number | undefined {
    const sid = this.byTicker.get(ticker)?.sid;
    return sid === undefined || sid < 0 ? undefined : sid;
  }

  /** Every followed market's book is fresh (vacuously true when none is followed). */
  allFresh(): boolean {
    for (const entry of this.byTicker.values()) if (!entry.book.fresh) return false;
    return true;
  }

  /** Receive time of the market's last frame, or of the first delta since its last drain (see handleDelta). */
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

  /** The market's entry when `sid` owns it; otherwise counts the frame as unsubscribed or foreign. */
  private owned(ticker: string, sid: number): MarketEntry | undefined {
    const entry = this.byTicker.get(ticker);
    if (entry === undefined) this.counters.unsubscribed++;
    else if (entry.sid !== sid) this.counters.foreign++;
    else return entry;
    return undefined;
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
