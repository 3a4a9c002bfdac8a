// Level-by-level comparison of a book with the exchange's REST view of it, and the rule that makes a
// difference count: REST is not sequenced, so one fetch can catch the exchange a few deltas ahead of the
// feed; a level that differs by the same amount on two fetches a moment apart is really wrong.
import type { Level, OrderbookSide, OrderbookView } from './orderbook';

/** Both sides' bid ladders ascending by price, as Kalshi's REST orderbook has them. */
export interface LevelsBySide {
  yes: readonly Level[];
  no: readonly Level[];
}

export interface LevelDiff {
  side: OrderbookSide;
  price: number;
  /** Size at this price on the exchange (0: no level). */
  exchange: number;
  /** Size at this price in our book (0: no level). */
  ours: number;
}

/** Every (side, price) where the sizes differ, ascending by price within each side. */
export function diffBook(exchange: LevelsBySide, ours: OrderbookView): LevelDiff[] {
  const out: LevelDiff[] = [];
  for (const side of ['yes', 'no'] as const) diffSide(side, exchange[side], ours.levelsAscending(side), out);
  return out;
}

function diffSide(
  side: OrderbookSide,
  theirs: readonly Level[],
  ours: readonly Level[],
  out: LevelDiff[],
): void {
  let i = 0;
  let j = 0;
  while (i < theirs.length || j < ours.length) {
    const a = theirs[i];
    const b = ours[j];
    if (b === undefined || (a !== undefined && a[0] < b[0])) {
      out.push({ side, price: a![0], exchange: a![1], ours: 0 });
      i++;
    } else if (a === undefined || b[0] < a[0]) {
      out.push({ side, price: b[0], exchange: 0, ours: b[1] });
      j++;
    } else {
      if (a[1] !== b[1]) out.push({ side, price: a[0], exchange: a[1], ours: b[1] });
      i++;
      j++;
    }
  }
}

/**
 * The differences of `second` that `first` already had, off by the same amount: those held while
 * the feed had time to catch up with whatever REST showed the first time.
 */
export function confirmedDiffs(first: readonly LevelDiff[], second: readonly LevelDiff[]): LevelDiff[] {
  const offsets = new Map(first.map((d) => [`${d.side}:${d.price}`, d.exchange - d.ours]));
  return second.filter((d) => offsets.get(`${d.side}:${d.price}`) === d.exchange - d.ours);
}
