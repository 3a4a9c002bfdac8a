// Per-subscription (sid) seq tracking for Kalshi's WS channels, per kalshi-protocol.md §6.6.
//
// Kalshi numbers messages per sid, not per market: one counter is shared by every market of a sid,
// so a gap cannot be attributed to one market. This class only classifies seqs; what a gap means
// for the books (all markets of the sid stale until their snapshots) is the book store's job.

/**
 * - baseline: first seq seen for this sid (after subscribe or reset); becomes the reference.
 * - apply: exactly last + 1.
 * - duplicate: <= last; drop it (a replay or a late reordered frame).
 * - gap: > last + 1; messages were lost. The new seq becomes the reference so later frames of
 *   the sid can be applied to markets that get a fresh snapshot.
 */
export type SeqVerdict = 'baseline' | 'apply' | 'duplicate' | 'gap';

export interface SequencerCounters {
  baselines: number;
  applied: number;
  duplicates: number;
  gaps: number;
  /** Messages known lost: the sum of (seq − last − 1) over all gaps. */
  missed: number;
}

interface SidState {
  last: number;
}

export class SidSequencer {
  readonly counters: SequencerCounters = { baselines: 0, applied: 0, duplicates: 0, gaps: 0, missed: 0 };
  private readonly states = new Map<number, SidState>();
  // One connection usually carries one busy orderbook sid: remembering the last state skips the map
  // lookup, and updating a field in place keeps the apply path free of allocation.
  private hotSid = -1;
  private hot: SidState | undefined;

  observe(sid: number, seq: number): SeqVerdict {
    let state = sid === this.hotSid ? this.hot : this.states.get(sid);
    if (state === undefined) {
      state = { last: seq };
      this.states.set(sid, state);
      this.hotSid = sid;
      this.hot = state;
      this.counters.baselines++;
      return 'baseline';
    }
    this.hotSid = sid;
    this.hot = state;
    const last = state.last;
    if (seq === last + 1) {
      state.last = seq;
      this.counters.applied++;
      return 'apply';
    }
    if (seq <= last) {
      this.counters.duplicates++;
      return 'duplicate';
    }
    this.counters.gaps++;
    this.counters.missed += seq - last - 1;
    state.last = seq;
    return 'gap';
  }

  /** Last seq accepted for a sid, or undefined before its baseline. */
  lastSeq(sid: number): number | undefined {
    return this.states.get(sid)?.last;
  }

  /** After unsubscribe: the sid's next message, if any, is a new baseline. */
  forget(sid: number): void {
    this.states.delete(sid);
    if (sid === this.hotSid) this.dropHot();
  }

  /** On reconnect sids are reassigned, so every sid restarts (cumulative counters are kept). */
  reset(): void {
    this.states.clear();
    this.dropHot();
  }

  private dropHot(): void {
    this.hotSid = -1;
    this.hot = undefined;
  }
}
