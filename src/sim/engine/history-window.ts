// One user's retained orders or fills: ascending by seq, capped, with the oldest evictable entries dropped
// first and newest-first walks that stay exact over whatever is still retained.

export interface Sequenced {
  seq: number;
}

/** Dropped entries are compacted away once they make up this much of the array (and at least this many). */
const COMPACT_MIN = 1_024;

export class HistoryWindow<T extends Sequenced> {
  /** Ascending by seq from `head`; slots before `head` are evicted (cleared, so they can be collected). */
  private items: Array<T | undefined> = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    /** Whether an entry may go (a resting order may not: it is still live). */
    private readonly evictable: (item: T) => boolean,
    private readonly onEvict: (item: T) => void,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Appends an entry whose seq is above every retained one, then trims back to the limit. */
  push(item: T): void {
    this.items.push(item);
    this.trim();
  }

  /**
   * Evicts the oldest evictable entries while over the limit. Live entries are skipped, so a user with
   * more live entries than the limit keeps them all until they end (the owner calls trim again then).
   */
  trim(): void {
    while (this.size > this.limit) {
      const index = this.oldestEvictable();
      if (index === -1) return;
      const item = this.items[index] as T;
      if (index === this.head) this.items[this.head++] = undefined;
      else this.items.splice(index, 1);
      this.onEvict(item);
    }
    if (this.head >= COMPACT_MIN && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Retained entries with seq < `below` (all when null), newest first. */
  *newestFirst(below: number | null): Generator<T> {
    for (let i = this.indexBelow(below); i >= this.head; i--) yield this.items[i] as T;
  }

  private oldestEvictable(): number {
    for (let i = this.head; i < this.items.length; i++) if (this.evictable(this.items[i] as T)) return i;
    return -1;
  }

  /** Index of the last entry with seq < `below`; head − 1 when there is none. */
  private indexBelow(below: number | null): number {
    if (below === null) return this.items.length - 1;
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as T).seq < below) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
