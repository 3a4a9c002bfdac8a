// Decides which feed news the parent hears: FEED.DOWN {reason} once per outage or stale episode, FEED.UP
// once the books are back. Connections, first snapshots and gaps are the stream's own business, so the
// hooks for them tell the root nothing.
import type { FeedEvent } from './orderbook-types';

export class FeedNews {
  /** FEED.UP is owed: at start, and after every FEED.DOWN. */
  private upOwed = true;
  private down = false;
  private staleSent = false;

  constructor(private readonly send: (event: FeedEvent) => void) {}

  /** True while the feed is down or stale (or not yet up): the caller checks whether books are back. */
  get upPending(): boolean {
    return this.upOwed;
  }

  get isDown(): boolean {
    return this.down;
  }

  /** A socket opened. */
  opened(): void {}

  /** The socket is open and every orderbook subscription has its sid. */
  subscribed(): void {}

  /** A snapshot was applied. */
  snapshot(_ticker: string): void {}

  /** The socket went away (or never came): one FEED.DOWN until the books are back. */
  dropped(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.upOwed = true;
    this.send({ type: 'FEED.DOWN', reason });
  }

  /** A gap opened on a sid; the stream resyncs it itself. */
  gap(_sid: number, _ticker: string): void {}

  /** The sid's books were re-snapshotted (or the sid is gone). */
  gapClosed(_sid: number): void {}

  /** Every market went stale while connected. A drop already said more, so it is not repeated. */
  stale(reason: string): void {
    if (this.staleSent || this.down) return;
    this.staleSent = true;
    this.upOwed = true;
    this.send({ type: 'FEED.DOWN', reason });
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
