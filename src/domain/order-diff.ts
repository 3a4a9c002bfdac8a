// The desired-orders diff: from the orders a strategy wants resting in one market and the orders that
// are there, the fewest steps that make the second equal the first: keep exact matches, reprice or
// resize the rest (a decrease when only the size shrinks at the same price, so the order keeps its
// place in the queue; an amend otherwise), cancel what is left over, place what is missing.
//
// Orders in flight (a create without an answer, an unknown outcome, a change not yet answered) are
// never touched and never duplicated: one with the shape of a desired order satisfies it, and any
// other one holds back a place on its side until it has settled and the next diff can see it.
import type { BookSide } from './trading-types';

/** An order a strategy wants resting: `count` is the resting (remaining) count, centi-contracts. */
export interface DesiredOrder {
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
}

export interface LiveOrder {
  /** The tracked order's key (its client_order_id). */
  key: string;
  side: BookSide;
  price: number;
  remainingCount: number;
  /** Pending, unknown, or a change sent without an answer yet. */
  inFlight: boolean;
}

export type DiffStep =
  | { kind: 'cancel'; key: string }
  | { kind: 'decrease'; key: string; remainingCount: number }
  | { kind: 'amend'; key: string; price: number; remainingCount: number }
  | { kind: 'place'; side: BookSide; price: number; count: number };

/** Best first: the highest bid, the lowest ask (an ask's price is the YES price it sells at). */
const better = (side: BookSide) => (a: { price: number }, b: { price: number }) =>
  side === 'bid' ? b.price - a.price : a.price - b.price;

function diffSide(side: BookSide, desired: DesiredOrder[], live: LiveOrder[]) {
  const wanted = desired.filter((d) => d.side === side).sort(better(side));
  const present = live.filter((o) => o.side === side).sort(better(side));
  const unmatched: DesiredOrder[] = [];
  for (const d of wanted) {
    // An exact match is kept as it is, settled or not: resting ones first, they are certain.
    const exact = (o: LiveOrder) => o.price === d.price && o.remainingCount === d.count;
    const i = present.findIndex((o) => exact(o) && !o.inFlight);
    const j = i >= 0 ? i : present.findIndex(exact);
    if (j >= 0) present.splice(j, 1);
    else unmatched.push(d);
  }
  const resting = present.filter((o) => !o.inFlight);
  const blocking = present.length - resting.length;
  const reduce: DiffStep[] = [];
  const amend: DiffStep[] = [];
  const place: DiffStep[] = [];
  unmatched.forEach((d, i) => {
    const o = resting[i];
    if (o === undefined) {
      // Each unsettled order on this side may be the one that fills this slot: wait for it.
      if (i - resting.length >= blocking) place.push({ kind: 'place', side, price: d.price, count: d.count });
    } else if (o.price === d.price && d.count < o.remainingCount) {
      reduce.push({ kind: 'decrease', key: o.key, remainingCount: d.count });
    } else {
      amend.push({ kind: 'amend', key: o.key, price: d.price, remainingCount: d.count });
    }
  });
  for (const o of resting.slice(unmatched.length)) reduce.push({ kind: 'cancel', key: o.key });
  return { reduce, amend, place };
}

/**
 * The steps, risk-reducing first: cancels and decreases free room under the limits before amends and
 * places use it.
 */
export function diffOrders(desired: readonly DesiredOrder[], live: readonly LiveOrder[]): DiffStep[] {
  const bid = diffSide('bid', [...desired], [...live]);
  const ask = diffSide('ask', [...desired], [...live]);
  return [...bid.reduce, ...ask.reduce, ...bid.amend, ...ask.amend, ...bid.place, ...ask.place];
}
