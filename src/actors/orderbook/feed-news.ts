// Decides which FEED.* news the parent hears: each kind once per episode, so the root statechart sees
// "connected", "down", "stale", "gap", "up" transitions and never a stream of repeats.
import type { FeedEvent } from './orderbook-types';

export class FeedNews {
  private connectedSent = false;
  private snapshotSent = false;
  /** First snapshot of a connection seen before every subscription was acknowledged: told after CONNECTED. */
  private earlySnapshot: string | null = null;
  /** FEED.UP is owed: at start, and after every FEED.DOWN or FEED.STALE. */
  private upOwed = true;
  private down = false;
  private staleSent = false;
  /** Sids with a gap episode open (FEED.GAP already sent, resync not finished). */
  private readonly gapSids = new Set<number>();

  constructor(private readonly send: (event: FeedEvent) => void) {}

  /** True while the feed is down or stale (or not yet up): the caller checks whether books are back. */
  get upPending(): boolean {
    return this.upOwed;
  }

  get isDown(): boolean {
    return this.down;
  }

  /** A socket opened: FEED.CONNECTED and FEED.SNAPSHOT are due again for this connection. */
  opened(): void {
    this.connectedSent = false;
    this.snapshotSent = false;
    this.earlySnapshot = null;
  }

  /** The socket is open and every orderbook subscription has its sid. */
  subscribed(): void {
    if (this.connectedSent) return;
    this.connectedSent = true;
    this.send({ type: 'FEED.CONNECTED' });
    if (this.earlySnapshot !== null) this.snapshot(this.earlySnapshot);
  }

  /** A snapshot was applied; only the first one after each (re)connect is news. */
  snapshot(ticker: string): void {
    if (this.snapshotSent) return;
    if (!this.connectedSent) {
      this.earlySnapshot ??= ticker;
      return;
    }
    this.snapshotSent = true;
    this.earlySnapshot = null;
    this.send({ type: 'FEED.SNAPSHOT', ticker });
  }

  /** The socket went away (or never came): one FEED.DOWN until the books are back. */
  dropped(reason: string): void {
    this.gapSids.clear();
    this.opened();
    if (this.down) return;
    this.down = true;
    this.upOwed = true;
    this.send({ type: 'FEED.DOWN', reason });
  }

  gap(sid: number, ticker: string): void {
    if (this.gapSids.has(sid)) return;
    this.gapSids.add(sid);
    this.send({ type: 'FEED.GAP', ticker });
  }

  /** The sid's books were re-snapshotted (or the sid is gone): the next gap is a new episode. */
  gapClosed(sid: number): void {
    this.gapSids.delete(sid);
  }

  /** Every market went stale while connected. A drop already said more, so it is not repeated. */
  stale(reason: string): void {
    if (this.staleSent || this.down) return;
    this.staleSent = true;
    this.upOwed = true;
    this.send({ type: 'FEED.STALE', reason });
  }

  /** The caller found every book fresh and at least one market alive: ends a down/stale episode. */
  booksBack(): void {
    if (!this.upOwed) return;
    this.upOwed = false;
    this.down = false;
    this.staleSent = false;
    this.send({ type: 'FEED.UP' });
  }
}
