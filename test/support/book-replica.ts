// A /v3/ws `orderbook_delta` client's own copy of the books: snapshots replace a market's book, deltas
// set the sizes they carry (0 removes), and a delta whose prev_publish_seq is not the last one applied
// is a gap the client would have to resubscribe for (counted; the tests expect none).

type Pair = [string, string];

interface ReplicaBook {
  publishSeq: number;
  stale: boolean;
  seq: number | null;
  yes: Map<string, string>;
  no: Map<string, string>;
}

/** Kalshi's REST shape: [price, size] pairs ascending by price, as strings. */
export interface Levels {
  yes_dollars: Pair[];
  no_dollars: Pair[];
}

const ascending = (side: Map<string, string>): Pair[] =>
  [...side].sort((a, b) => Number(a[0]) - Number(b[0]));

export class BookReplica {
  readonly books = new Map<string, ReplicaBook>();
  snapshots = 0;
  deltas = 0;
  gaps = 0;
  /** Deltas for a market the client never had a snapshot of. */
  orphans = 0;

  /** Applies one server frame; frames of other types are ignored. Returns whether it was a book frame. */
  // biome-ignore lint/suspicious/noExplicitAny: frames are read ad hoc
  apply(frame: { type: string; data: any }): boolean {
    const d = frame.data;
    if (frame.type === 'orderbook_snapshot') {
      this.snapshots++;
      this.books.set(d.ticker, {
        publishSeq: d.publish_seq,
        stale: d.stale,
        seq: d.seq,
        yes: new Map(d.levels.yes_dollars),
        no: new Map(d.levels.no_dollars),
      });
      return true;
    }
    if (frame.type !== 'orderbook_delta') return false;
    this.deltas++;
    const book = this.books.get(d.ticker);
    if (book === undefined) {
      this.orphans++;
      return true;
    }
    if (d.prev_publish_seq !== book.publishSeq) this.gaps++;
    book.publishSeq = d.publish_seq;
    book.seq = d.seq;
    for (const [side, changes] of [
      [book.yes, d.yes_dollars as Pair[]],
      [book.no, d.no_dollars as Pair[]],
    ] as const) {
      for (const [price, size] of changes) {
        if (Number(size) === 0) side.delete(price);
        else side.set(price, size);
      }
    }
    return true;
  }

  levels(ticker: string): Levels | undefined {
    const book = this.books.get(ticker);
    if (book === undefined) return undefined;
    return { yes_dollars: ascending(book.yes), no_dollars: ascending(book.no) };
  }

  stale(ticker: string): boolean | undefined {
    return this.books.get(ticker)?.stale;
  }
}
