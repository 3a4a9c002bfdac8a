// The book store's vocabulary: the parsed-frame shapes it accepts, the actions it asks of its caller
// and its counters. Structural types, so the domain never imports the WS adapter's parser.

/** Structural twin of the WS parser's snapshot frame. */
export interface SnapshotFrameLike {
  kind: 'snapshot';
  sid: number;
  seq: number;
  ticker: string;
  /** Flat [price ticks, size centi, ...], any order. */
  yes: readonly number[];
  no: readonly number[];
}

/** Structural twin of the WS parser's delta frame. */
export interface DeltaFrameLike {
  kind: 'delta';
  sid: number;
  seq: number;
  ticker: string;
  side: 'yes' | 'no';
  price: number; // ticks
  delta: number; // centi, signed
  tsMs: number;
}

/**
 * What the caller must do next: nothing; after a gap, re-snapshot the listed markets of the sid
 * (update_subscription get_snapshot); or re-snapshot one market whose book went wrong.
 */
export type BookAction =
  | { kind: 'none' }
  | { kind: 'resync'; sid: number; tickers: string[] }
  | { kind: 'resnapshot'; sid: number; ticker: string };

/** The common answer, shared so the hot path allocates nothing. */
export const NO_ACTION: BookAction = Object.freeze({ kind: 'none' });

export interface BookStoreCounters {
  snapshots: number;
  deltas: number;
  duplicates: number;
  gaps: number;
  resyncs: number;
  resnapshots: number;
  /** Frames with bad data: counted by the store, or reported by the parser via noteMalformed. */
  malformed: number;
  /** Books found negative or crossed. */
  invalid: number;
  /** Deltas dropped because their book was stale or invalid. */
  dropped: number;
  /** Frames from a sid the daemon did not subscribe, or that does not own the market's book. */
  foreign: number;
  /** Frames for a market the daemon did not subscribe (no book is ever made for one). */
  unsubscribed: number;
}

export const newBookStoreCounters = (): BookStoreCounters => ({
  snapshots: 0,
  deltas: 0,
  duplicates: 0,
  gaps: 0,
  resyncs: 0,
  resnapshots: 0,
  malformed: 0,
  invalid: 0,
  dropped: 0,
  foreign: 0,
  unsubscribed: 0,
});
