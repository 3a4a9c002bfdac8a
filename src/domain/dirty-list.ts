// A set of changed items for coalesced publication: each item is queued at most once until the next
// drain, through a flag on the item itself and a reused array, so marking never allocates.

export interface Flagged {
  dirty: boolean;
}

export class DirtyList<T extends Flagged> {
  private readonly items: T[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  mark(item: T): void {
    if (item.dirty) return;
    item.dirty = true;
    this.items[this.count++] = item;
  }

  /** Visits every marked item once, clearing its flag first; returns how many were due. */
  drain(visit: (item: T) => void): number {
    const items = this.items;
    const n = this.count;
    let i = 0;
    try {
      for (; i < n; i++) {
        const item = items[i]!;
        item.dirty = false;
        visit(item);
      }
    } finally {
      // Keep what is still due: items a throwing visitor did not reach, and items marked again
      // during the visit (appended after n). Both are still flagged.
      const done = Math.min(i + 1, n);
      items.copyWithin(0, done, this.count);
      this.count -= done;
    }
    return n;
  }
}
