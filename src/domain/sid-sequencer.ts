// Per-subscription (sid) seq tracking for Kalshi's WS channels, per kalshi-protocol.md §6.6, for the
// sids the daemon subscribed itself: a frame on any other sid is foreign, whatever its seq says.
//
// Kalshi numbers messages per sid, not per market: one counter is shared by every market of a sid,
// so a gap cannot be attributed to one market. This class only classifies seqs; what a gap means
// for the books (all markets of the sid stale until their snapshots) is the book store's job.

/**
 * - foreign: the sid is not one of ours (never opened, or forgotten); nothing about it is kept.
 * - baseline: first seq seen for an opened sid; becomes the reference.
 * - apply: exactly last + 1.
 * - duplicate: <= last, within REWIND_WINDOW; drop it (a replay or a late reordered frame).
 * - gap: > last + 1 (messages were lost), or a rewind further back than any replay. The reference
 *   does NOT move: a forged or corrupted seq must not become the yardstick for the real stream.
 * - broken: the sid had a gap and waits for a snapshot; every delta until then is dropped.
 */
export type SeqVerdict = 'foreign' | 'baseline' | 'apply' | 'duplicate' | 'gap' | 'broken';

/** A rewind this far back is no replay or reorder: the stream is not the one we were following. */
export const REWIND_WINDOW = 1_024;

interface SidState {
  /** Last accepted seq; -1 before the baseline. */
  last: number;
  broken: boolean;
}

export class SidSequencer {
  private readonly states = new Map<number, SidState>();
  // One connection usually carries one busy orderbook sid: remembering the last state skips the map
  // lookup, and updating a field in place keeps the apply path free of allocation.
  private hotSid = -1;
  private hot: SidState | undefined;

  /** The daemon subscribed `sid` (its ack arrived): frames on it are ours from now on. */
  open(sid: number): void {
    if (!this.states.has(sid)) this.states.set(sid, { last: -1, broken: false });
  }

  owns(sid: number): boolean {
    return this.states.has(sid);
  }

  /** Classifies a delta's seq and moves the reference when it is accepted. */
  observe(sid: number, seq: number): SeqVerdict {
    const state = this.stateOf(sid);
    if (state === undefined) return 'foreign';
    if (state.broken) return 'broken';
    const last = state.last;
    if (seq === last + 1 || last < 0) {
      state.last = seq;
      return last < 0 ? 'baseline' : 'apply';
    }
    if (seq <= last && last - seq <= REWIND_WINDOW) return 'duplicate';
    state.broken = true;
    return 'gap';
  }

  /**
   * A snapshot becomes the sid's reference: it replaces its market's book whatever came before, and
   * it is how a broken sid recovers, so it is never dropped while the sid waits for its resync.
   * Only a replay of the recent past (within REWIND_WINDOW at or below the reference) is a duplicate:
   * taking it would roll its book back. Returns 'gap' when it skipped (or rewound) past frames the
   * other markets of the sid may have missed.
   */
  rebase(sid: number, seq: number): SeqVerdict {
    const state = this.stateOf(sid);
    if (state === undefined) return 'foreign';
    const last = state.last;
    let verdict: SeqVerdict = 'apply';
    if (last < 0) verdict = 'baseline';
    else if (state.broken) verdict = 'apply';
    else if (seq <= last && last - seq <= REWIND_WINDOW) return 'duplicate';
    else if (seq !== last + 1) verdict = 'gap';
    state.last = seq;
    state.broken = false;
    return verdict;
  }

  /** Last accepted seq for a sid, or undefined before its baseline or when it is not ours. */
  lastSeq(sid: number): number | undefined {
    const last = this.states.get(sid)?.last;
    return last === undefined || last < 0 ? undefined : last;
  }

  /** After unsubscribe: the sid is no longer ours. */
  forget(sid: number): void {
    this.states.delete(sid);
    if (sid === this.hotSid) this.dropHot();
  }

  /** On reconnect sids are reassigned: none of the old ones is ours any more. */
  reset(): void {
    this.states.clear();
    this.dropHot();
  }

  private stateOf(sid: number): SidState | undefined {
    if (sid === this.hotSid) return this.hot;
    const state = this.states.get(sid);
    if (state !== undefined) {
      this.hotSid = sid;
      this.hot = state;
    }
    return state;
  }

  private dropHot(): void {
    this.hotSid = -1;
    this.hot = undefined;
  }
}
