// One side's bid ladder at full depth: sorted typed arrays of (price ticks, size centi-contracts).
//
// Why sorted arrays and not a dense tick-indexed array: 1,000 markets × 2 sides × 10,001 slots would
// cost 80–160 MB; a ladder of 100 levels here is about 1 KB. Prices are stored ascending (Kalshi's
// REST order) so the best bid is the last element: activity clusters near the top of the book, so an
// insert or removal there shifts only a few elements. Prices fit a Uint16Array (1..9999); sizes live
// in a Float64Array so any safe integer is exact.
import { PRICE_ONE as ONE } from './fixed-point';

// Hot-path bindings read once: under tsx (how the daemon runs) each use of an imported binding is a
// getter call.
const PRICE_ONE = ONE;

/** Outcome codes of PriceLadder.add (numbers, so the hot path allocates nothing). */
export const LADDER_OK = 0;
export const LADDER_NEGATIVE = 1;
export const LADDER_BAD_INPUT = 2;

const INITIAL_CAPACITY = 8;
/** Levels from the best bid down that `locate` checks before searching (its code is unrolled for 8). */
const NEAR_TOP = 8;

/** True for a price a resting bid can have: an integer tick strictly between $0 and $1. */
export const isBookPrice = (price: number): boolean =>
  Number.isInteger(price) && price > 0 && price < PRICE_ONE;

/** Read-only, copy-free view of a ladder: index 0 is the best (highest) bid. */
export interface LadderView {
  readonly count: number;
  /** Sum of all level sizes, centi-contracts. */
  readonly total: number;
  /** Best bid in ticks, or -1 when the side is empty. */
  readonly best: number;
  priceAt(i: number): number;
  sizeAt(i: number): number;
  /** Size resting at an exact price, 0 if there is no level. */
  sizeOf(price: number): number;
}

export class PriceLadder implements LadderView {
  count = 0;
  total = 0;
  /** Best bid in ticks, or -1 when the side is empty: a field, so reading it touches no array. */
  best = -1;
  private prices = new Uint16Array(INITIAL_CAPACITY);
  private sizes = new Float64Array(INITIAL_CAPACITY);

  priceAt(i: number): number {
    return this.prices[this.count - 1 - i]!;
  }

  sizeAt(i: number): number {
    return this.sizes[this.count - 1 - i]!;
  }

  /** Ascending order (index 0 = lowest price), as Kalshi's REST orderbook lists levels. */
  priceAscending(i: number): number {
    return this.prices[i]!;
  }

  sizeAscending(i: number): number {
    return this.sizes[i]!;
  }

  sizeOf(price: number): number {
    const i = this.find(price);
    return i >= 0 ? this.sizes[i]! : 0;
  }

  clear(): void {
    this.count = 0;
    this.total = 0;
    this.best = -1;
  }

  /**
   * Adds a signed change at a price. A level reaching 0 is removed; a level that would go below 0
   * is left untouched and reported, since the book no longer matches the exchange.
   */
  add(price: number, delta: number): number {
    if (!isBookPrice(price) || !Number.isSafeInteger(delta)) return LADDER_BAD_INPUT;
    const i = this.locate(price);
    if (i >= 0) {
      const next = this.sizes[i]! + delta;
      if (next < 0) return LADDER_NEGATIVE;
      if (next > Number.MAX_SAFE_INTEGER) return LADDER_BAD_INPUT;
      this.total += delta;
      if (next === 0) this.removeAt(i);
      else this.sizes[i] = next;
      return LADDER_OK;
    }
    if (delta < 0) return LADDER_NEGATIVE;
    if (delta > 0) {
      this.insertAt(-1 - i, price, delta);
      this.total += delta;
    }
    return LADDER_OK;
  }

  /**
   * Replaces the ladder from a flat [price, size, price, size, ...] array in any order. Zero sizes
   * are skipped; odd length, bad prices, negative or non-integer sizes and repeated prices are bad
   * input (the ladder is left empty).
   */
  load(flat: ArrayLike<number>): number {
    this.clear();
    const n = flat.length;
    if (n % 2 !== 0) return LADDER_BAD_INPUT;
    this.reserve(n / 2);
    let sorted = true;
    let last = 0;
    for (let k = 0; k < n; k += 2) {
      const price = flat[k]!;
      const size = flat[k + 1]!;
      if (!isBookPrice(price) || !Number.isSafeInteger(size) || size < 0) return this.fail();
      if (size === 0) continue;
      if (price <= last) sorted = false;
      last = price;
      this.prices[this.count] = price;
      this.sizes[this.count] = size;
      this.count++;
      this.total += size;
    }
    if (!sorted) this.sortLevels();
    for (let i = 1; i < this.count; i++) {
      if (this.prices[i] === this.prices[i - 1]) return this.fail();
    }
    if (!Number.isSafeInteger(this.total)) return this.fail();
    this.best = this.count === 0 ? -1 : this.prices[this.count - 1]!;
    return LADDER_OK;
  }

  /**
   * find, looking at the top of the book first: changes cluster there, where eight comparisons that
   * always run beat both a binary search and a walk that stops at the price (each mispredicts where
   * it stops); deeper prices, and ladders shorter than eight, fall back to the search.
   */
  private locate(price: number): number {
    const prices = this.prices;
    const count = this.count;
    if (count >= NEAR_TOP) {
      // Counts the top eight levels priced above `price` with no data-dependent branch (unrolled:
      // a loop's own bookkeeping cost as much as the comparisons), so nothing here is mispredicted.
      const t = count - 1;
      const above =
        ((price - prices[t]!) >>> 31) +
        ((price - prices[t - 1]!) >>> 31) +
        ((price - prices[t - 2]!) >>> 31) +
        ((price - prices[t - 3]!) >>> 31) +
        ((price - prices[t - 4]!) >>> 31) +
        ((price - prices[t - 5]!) >>> 31) +
        ((price - prices[t - 6]!) >>> 31) +
        ((price - prices[t - 7]!) >>> 31);
      const at = t - above; // the highest level at or below `price`, if it is among the eight
      if (at > t - NEAR_TOP) return prices[at] === price ? at : -(at + 2);
      if (count === NEAR_TOP) return -1;
    }
    // One call site, so the optimiser inlines the search once.
    return this.find(price);
  }

  /**
   * Index of the price, or -(insertion point) - 1 when absent. A branch-free binary search: which
   * way each step goes is unpredictable, so a mispredicted branch per step would cost more than
   * the few dependent loads it saves. `(price - p) >> 31` is -1 when p > price, else 0.
   */
  private find(price: number): number {
    const prices = this.prices;
    let n = this.count;
    if (n === 0) return -1;
    let base = 0;
    while (n > 1) {
      const half = n >>> 1;
      base += half & ~((price - prices[base + half]!) >> 31);
      n -= half;
    }
    const p = prices[base]!;
    if (p === price) return base;
    // Negated sums, never -base: -0 would send V8's integer code back to doubles.
    return p < price ? -(base + 2) : -(base + 1);
  }

  // Plain loops, not copyWithin: moves here are a few elements near the top of the book, and a
  // typed-array builtin call costs more than the copy itself at that size.
  private insertAt(i: number, price: number, size: number): void {
    if (this.count === this.prices.length) this.reserve(this.count * 2);
    const prices = this.prices;
    const sizes = this.sizes;
    for (let k = this.count; k > i; k--) {
      prices[k] = prices[k - 1]!;
      sizes[k] = sizes[k - 1]!;
    }
    prices[i] = price;
    sizes[i] = size;
    if (i === this.count) this.best = price;
    this.count++;
  }

  private removeAt(i: number): void {
    const prices = this.prices;
    const sizes = this.sizes;
    const last = --this.count;
    for (let k = i; k < last; k++) {
      prices[k] = prices[k + 1]!;
      sizes[k] = sizes[k + 1]!;
    }
    if (i === last) this.best = last === 0 ? -1 : prices[last - 1]!;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.prices.length) return;
    let next = this.prices.length;
    while (next < capacity) next *= 2;
    const prices = new Uint16Array(next);
    const sizes = new Float64Array(next);
    prices.set(this.prices.subarray(0, this.count));
    sizes.set(this.sizes.subarray(0, this.count));
    this.prices = prices;
    this.sizes = sizes;
  }

  // Snapshots off the hot path only: WS snapshot order is unspecified, so sort by price here.
  private sortLevels(): void {
    const n = this.count;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.prices[a]! - this.prices[b]!);
    const prices = Uint16Array.from(order, (i) => this.prices[i]!);
    const sizes = Float64Array.from(order, (i) => this.sizes[i]!);
    this.prices.set(prices);
    this.sizes.set(sizes);
  }

  private fail(): number {
    this.clear();
    return LADDER_BAD_INPUT;
  }
}
