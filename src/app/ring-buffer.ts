// A fixed-size ring: the newest item overwrites the oldest, nothing is ever shifted (the session histories
// a console replays are kept with it).
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  /** The newest item, if any. */
  last: T | undefined;

  constructor(private readonly size: number) {
    this.items = new Array(size);
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
    this.last = item;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) {
      const item = this.items[(this.next + i) % this.size];
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}
