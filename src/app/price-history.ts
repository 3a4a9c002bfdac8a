// Each market's top of book over time, kept by the daemon (a ring per market) so the console's price chart
// does not start over on a reload: sampled on the stream's coalesced book news, kept only when it moved,
// and only for the markets followed now (rolling discovery replaces markets for weeks).
import type { DaemonEvent } from '../server/events';
import type { MarkSource } from './pnl-view';
import { RingBuffer } from './ring-buffer';

/** [unix ms, best YES bid ticks, best NO bid ticks]; null when that side is empty. */
export type PriceSample = readonly [number, number | null, number | null];

/** At one coalesced update per market every few hundred ms, enough for a session's worth of moves. */
export const PRICE_HISTORY_SIZE = 600;

export function createPriceHistory(
  subscribe: (listener: (e: DaemonEvent) => void) => unknown,
  marks: MarkSource,
  now: () => number,
  /** The markets followed now: a ring outlives its market's removal only until the next market joins. */
  followed: () => readonly string[],
  size = PRICE_HISTORY_SIZE,
) {
  const rings = new Map<string, RingBuffer<PriceSample>>();
  // The followed list last pruned against: the machine replaces the array when markets roll, so the same
  // array means nothing left since. Without this, the first book of each of 10,000 markets at start-up
  // scanned every ring (10^8 steps and a 10,000-entry Set per market).
  let prunedFor: readonly string[] | null = null;
  subscribe((e) => {
    if (e.type !== 'book') return;
    const mark = marks(e.ticker);
    if (mark === undefined) return;
    let ring = rings.get(e.ticker);
    if (ring === undefined) {
      // A new market is the moment markets were rolled: the rings of the ones that left go then.
      const current = followed();
      if (current !== prunedFor) {
        prunedFor = current;
        const following = new Set(current);
        for (const ticker of rings.keys()) if (!following.has(ticker)) rings.delete(ticker);
      }
      ring = new RingBuffer<PriceSample>(size);
      rings.set(e.ticker, ring);
    }
    const last = ring.last;
    // Depth changes behind the touch are news to the book, not to a top-of-book chart.
    if (last !== undefined && last[1] === mark.yesBid && last[2] === mark.noBid) return;
    ring.push([now(), mark.yesBid, mark.noBid]);
  });
  return {
    /** Oldest first; empty for a market never seen. */
    samples: (ticker: string): PriceSample[] => rings.get(ticker)?.toArray() ?? [],
  };
}
