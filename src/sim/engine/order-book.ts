// One market's resting orders: a YES-bid ladder and a NO-bid ladder, each a set of price levels with a FIFO
// queue (price-time priority). An ask to sell YES at p rests on the NO ladder at $1 − p.
import { PRICE_ONE } from '../../domain/fixed-point';
import type { BookSide } from '../../domain/trading-types';
import type { SimBook, SimLadder } from './types';

export type LadderSide = 'yes' | 'no';

/** What the book needs to know about an order; the engine's order records satisfy it. */
export interface BookEntry {
  side: BookSide;
  price: number; // YES ticks
  remainingCount: number;
}

export interface Level<T> {
  price: number; // in the ladder's own pricing
  total: number;
  queue: T[];
}

/** A change of resting size at one level, in the ladder's own pricing (what Kalshi's deltas carry). */
export interface LevelChange {
  side: LadderSide;
  price: number;
  delta: number;
}

export const ladderOf = (side: BookSide): LadderSide => (side === 'bid' ? 'yes' : 'no');
/** The price at which an order sits on its ladder: YES price for bids, NO price for asks. */
export const ladderPrice = (side: BookSide, yesPrice: number): number =>
  side === 'bid' ? yesPrice : PRICE_ONE - yesPrice;

class Ladder<T extends BookEntry> {
  private readonly levels = new Map<number, Level<T>>();
  /** Ascending; the best bid is last. */
  private readonly prices: number[] = [];

  best(): Level<T> | undefined {
    const price = this.prices[this.prices.length - 1];
    return price === undefined ? undefined : this.levels.get(price);
  }

  /** Levels from the best price down. */
  *bestFirst(): Generator<Level<T>> {
    for (let i = this.prices.length - 1; i >= 0; i--) {
      const level = this.levels.get(this.prices[i] as number);
      if (level) yield level;
    }
  }

  push(price: number, entry: T): void {
    let level = this.levels.get(price);
    if (!level) {
      level = { price, total: 0, queue: [] };
      this.levels.set(price, level);
      this.prices.splice(this.insertionIndex(price), 0, price);
    }
    level.queue.push(entry);
    level.total += entry.remainingCount;
  }

  /** Takes `by` off the level; drops the entry from the queue when `removeEntry`, and the level when empty. */
  take(price: number, entry: T, by: number, removeEntry: boolean): void {
    const level = this.levels.get(price);
    if (!level) throw new Error(`no level at ${price}`);
    level.total -= by;
    if (removeEntry) {
      const index = level.queue.indexOf(entry);
      if (index !== -1) level.queue.splice(index, 1);
    }
    if (level.queue.length === 0) {
      this.levels.delete(price);
      this.prices.splice(this.insertionIndex(price), 1);
    }
  }

  *entries(): Generator<T> {
    for (const level of this.levels.values()) yield* level.queue;
  }

  snapshot(): SimLadder {
    const out: SimLadder = [];
    for (const price of this.prices) out.push([price, this.levels.get(price)?.total ?? 0]);
    return out;
  }

  private insertionIndex(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.prices[mid] as number) < price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class OrderBook<T extends BookEntry> {
  readonly yes = new Ladder<T>();
  readonly no = new Ladder<T>();

  ladder(side: LadderSide): Ladder<T> {
    return side === 'yes' ? this.yes : this.no;
  }

  /** Queues an order at the back of its level with its whole remaining count. */
  rest(order: T): LevelChange {
    const side = ladderOf(order.side);
    const price = ladderPrice(order.side, order.price);
    this.ladder(side).push(price, order);
    return { side, price, delta: order.remainingCount };
  }

  /** Shrinks a resting order by `by` (keeping its place); removes it when nothing would remain. */
  reduce(order: T, by: number): LevelChange {
    const side = ladderOf(order.side);
    const price = ladderPrice(order.side, order.price);
    this.ladder(side).take(price, order, by, by >= order.remainingCount);
    return { side, price, delta: -by };
  }

  /** Every resting order (a copy of the list, so callers may cancel while iterating). */
  restingOrders(): T[] {
    return [...this.yes.entries(), ...this.no.entries()];
  }

  snapshot(): SimBook {
    return { yes: this.yes.snapshot(), no: this.no.snapshot() };
  }
}
