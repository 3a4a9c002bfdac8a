// The market maker's view of a book: the best bid and ask *others* show (its own resting quotes taken
// out, or it would chase itself), and a fair value from them: the mid, or the microprice (the touch
// weighted by the size on the other side: a thin ask pulls the value up).
import { PRICE_ONE } from '../../domain/fixed-point';
import type { OrderbookView } from '../../domain/orderbook';
import type { LadderView } from '../../domain/price-ladder';
import type { BookSide } from '../../domain/trading-types';

export interface Touch {
  bid: number; // YES ticks
  bidSize: number; // centi
  ask: number; // YES ticks
  askSize: number; // centi
}

interface Own {
  side: BookSide;
  price: number;
  remainingCount: number;
}

/** The best level of a ladder once `ownAt(price)` is taken out of each level. */
function best(ladder: LadderView, ownAt: (price: number) => number): [number, number] | null {
  for (let i = 0; i < ladder.count; i++) {
    const price = ladder.priceAt(i);
    const size = ladder.sizeAt(i) - ownAt(price);
    if (size > 0) return [price, size];
  }
  return null;
}

/** Null when either side has nothing but our own quotes. */
export function othersTouch(book: OrderbookView, own: readonly Own[]): Touch | null {
  const sum = (side: BookSide, price: number) =>
    own.reduce((n, o) => (o.side === side && o.price === price ? n + o.remainingCount : n), 0);
  const bid = best(book.yes, (price) => sum('bid', price));
  // An ask at YES price p rests in the NO ladder as a bid at $1 − p.
  const noBid = best(book.no, (price) => sum('ask', PRICE_ONE - price));
  if (bid === null || noBid === null) return null;
  return { bid: bid[0], bidSize: bid[1], ask: PRICE_ONE - noBid[0], askSize: noBid[1] };
}

/** Rounded half up, in exact integers: (2n + d) / 2d floored. */
const divRound = (n: number, d: number): number => Math.floor((2 * n + d) / (2 * d));

export function fairValue(touch: Touch, kind: 'mid' | 'microprice'): number {
  if (kind === 'mid') return divRound(touch.bid + touch.ask, 2);
  return divRound(touch.bid * touch.askSize + touch.ask * touch.bidSize, touch.bidSize + touch.askSize);
}
