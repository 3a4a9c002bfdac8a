// One market's book as its /v3/ws delta subscribers have it: the levels of its last publication, its
// publish sequence, and the `orderbook_snapshot` / `orderbook_delta` frames that move a client to it.
import { formatCount, formatPrice, PRICE_ONE } from '../domain/fixed-point';
import type { LadderView } from '../domain/price-ladder';
import { LevelCopy } from './book-level-copy';
import { type SharedFrame, sharedFrame } from './ws-shared-frame';

/** What the delta form reads of the daemon's live book (the domain's OrderbookView has it all). */
export interface LiveBookView {
  readonly seq: number;
  readonly generation: number;
  readonly fresh: boolean;
  readonly updatedTsMs: number;
  readonly yes: LadderView;
  readonly no: LadderView;
}

/** The daemon's book of a market, read in place during the call, and the market's last trade. */
export interface LiveBook {
  book: LiveBookView;
  trade: { lastPrice: number | null; volume: number | null } | undefined;
}

/** What a publication asks of the subscribers: nothing changed, follow a delta, or start over. */
export type TrackStep = 'none' | 'delta' | 'snapshot';

const text = (v: string | null): string => (v === null ? 'null' : `"${v}"`);
const price = (ticks: number): string | null => (ticks < 0 ? null : formatPrice(ticks));

export class BookTrack {
  /** Daemon-wide publish number of the state the copy holds; 0 before the first. */
  publishSeq = 0;
  private prevSeq = 0;
  private readonly yes = new LevelCopy();
  private readonly no = new LevelCopy();
  private book: LiveBookView | null = null;
  private generation = -1;
  private fresh = false;
  private seq = -1;
  private updatedMs = 0;
  private lastPrice: number | null = null;
  private volume: number | null = null;
  private yesChanges = '';
  private noChanges = '';
  /** The snapshot frame of the current publication, built once per send time for whoever needs it. */
  private snapshotFrame: SharedFrame | null = null;
  private snapshotAtMs = Number.NaN;
  private readonly tickerJson: string;

  constructor(readonly ticker: string) {
    this.tickerJson = JSON.stringify(ticker);
  }

  /**
   * Brings the copy up to the live book under publish number `next` (taken only when something
   * changed). A new book object, a snapshot applied since (its generation) or a change of trust
   * (fresh ↔ stale or invalid) is a rebuild: subscribers start over from a snapshot.
   */
  advance(live: LiveBook, next: () => number): TrackStep {
    const b = live.book;
    const rebuilt = this.book !== b || this.generation !== b.generation || this.fresh !== b.fresh;
    const yes = this.yes.diff(b.yes);
    const no = this.no.diff(b.no);
    const lastPrice = live.trade?.lastPrice ?? null;
    const volume = live.trade?.volume ?? null;
    if (
      !rebuilt &&
      yes === '' &&
      no === '' &&
      b.seq === this.seq &&
      lastPrice === this.lastPrice &&
      volume === this.volume
    )
      return 'none';
    this.book = b;
    this.generation = b.generation;
    this.fresh = b.fresh;
    this.seq = b.seq;
    this.updatedMs = b.updatedTsMs;
    this.lastPrice = lastPrice;
    this.volume = volume;
    this.yesChanges = yes;
    this.noChanges = no;
    this.prevSeq = this.publishSeq;
    this.publishSeq = next();
    this.snapshotFrame = null;
    return rebuilt ? 'snapshot' : 'delta';
  }

  /** The `orderbook_delta` frame of the last publication: the levels it changed, with their new size. */
  deltaFrame(nowMs: number): string {
    return (
      `{"type":"orderbook_delta","data":{"ticker":${this.tickerJson},"publish_seq":${this.publishSeq},` +
      `"prev_publish_seq":${this.prevSeq},${this.metaJson()},` +
      `"yes_dollars":[${this.yesChanges}],"no_dollars":[${this.noChanges}],${this.tradeJson()}},` +
      `"timestamp":${nowMs / 1000}}`
    );
  }

  /**
   * The `orderbook_snapshot` frame of the copy (the book as of `publishSeq`), stamped `nowMs`: encoded
   * once for every recipient of a publication, again for a subscriber or a catch-up later on (its
   * `timestamp` says when it was sent, as every frame's does).
   */
  snapshot(nowMs: number): SharedFrame {
    if (this.snapshotFrame === null || this.snapshotAtMs !== nowMs) {
      this.snapshotFrame = sharedFrame(this.snapshotJson(nowMs));
      this.snapshotAtMs = nowMs;
    }
    return this.snapshotFrame;
  }

  // The `orderbook` frame's fields, in its order, plus the publish number.
  private snapshotJson(nowMs: number): string {
    const bid = this.yes.best;
    const noBid = this.no.best;
    const ask = noBid < 0 ? -1 : PRICE_ONE - noBid;
    const spread = bid < 0 || ask < 0 ? null : formatPrice(Math.max(0, ask - bid));
    return (
      `{"type":"orderbook_snapshot","data":{"ticker":${this.tickerJson},"publish_seq":${this.publishSeq},` +
      `"yes_bid_dollars":${text(price(bid))},"yes_ask_dollars":${text(price(ask))},` +
      `"spread_dollars":${text(spread)},` +
      `"levels":{"yes_dollars":[${this.yes.json()}],"no_dollars":[${this.no.json()}]},` +
      `${this.metaJson()},"stale":${!this.fresh},${this.tradeJson()}},"timestamp":${nowMs / 1000}}`
    );
  }

  private metaJson(): string {
    const seq = this.seq < 0 ? null : this.seq;
    const updated = this.updatedMs > 0 ? this.updatedMs : null;
    return `"seq":${seq},"updated_ts_ms":${updated}`;
  }

  private tradeJson(): string {
    const last = this.lastPrice === null ? null : formatPrice(this.lastPrice);
    const volume = this.volume === null ? null : formatCount(this.volume);
    return `"last_price_dollars":${text(last)},"volume_fp":${text(volume)}`;
  }
}
