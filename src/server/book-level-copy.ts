// One side of a book as a delta subscriber last saw it: its levels in typed arrays, and the diff that
// brings it up to the live ladder while writing the changed levels as JSON, allocating only that text.
import { formatCount, formatPrice } from '../domain/fixed-point';
import type { LadderView } from '../domain/price-ladder';

/** Above every price (prices are 1..9999): the exhausted side of a merge walk. */
const PAST_END = 1 << 30;

/** `"0.4500"` per book price (1..9999), made on first use: each publication formats its changed levels. */
const PRICE_TEXT: string[] = [];
const priceText = (price: number): string => {
  const text = PRICE_TEXT[price];
  if (text !== undefined) return text;
  const made = formatPrice(price);
  PRICE_TEXT[price] = made;
  return made;
};

/** `["0.4500","12.00"]`: formatted prices and counts are digits and a dot, so they need no escaping. */
const levelJson = (price: number, size: number): string => `["${priceText(price)}","${formatCount(size)}"]`;

export class LevelCopy {
  count = 0;
  private prices = new Uint16Array(16);
  private sizes = new Float64Array(16);
  // Double-buffered: a diff writes the new copy beside the old one, then they swap.
  private nextPrices = new Uint16Array(16);
  private nextSizes = new Float64Array(16);

  /** Best (highest) price, or -1 when the side is empty. */
  get best(): number {
    return this.count === 0 ? -1 : this.prices[this.count - 1]!;
  }

  /**
   * Becomes a copy of `ladder` and returns the levels that changed as comma-separated JSON pairs (new
   * size, `"0.00"` for a level that went away), or '' when none did. One merge walk of two sorted
   * sides: the work is the book's depth, and the text is the only allocation.
   */
  diff(ladder: LadderView): string {
    const n = ladder.count;
    if (n > this.prices.length) this.grow(n);
    const old = this.prices;
    const oldSizes = this.sizes;
    const prices = this.nextPrices;
    const sizes = this.nextSizes;
    const m = this.count;
    let out = '';
    let i = 0;
    let j = 0;
    // The ladder indexes from its best bid down; the copy ascends, as Kalshi's REST book does.
    while (i < m || j < n) {
      const a = i < m ? old[i]! : PAST_END;
      const b = j < n ? ladder.priceAt(n - 1 - j) : PAST_END;
      if (a < b) {
        out = out === '' ? levelJson(a, 0) : `${out},${levelJson(a, 0)}`;
        i++;
        continue;
      }
      const size = ladder.sizeAt(n - 1 - j);
      prices[j] = b;
      sizes[j] = size;
      if (b < a || size !== oldSizes[i])
        out = out === '' ? levelJson(b, size) : `${out},${levelJson(b, size)}`;
      if (a === b) i++;
      j++;
    }
    this.nextPrices = old;
    this.nextSizes = oldSizes;
    this.prices = prices;
    this.sizes = sizes;
    this.count = n;
    return out;
  }

  /** Every level, ascending, as comma-separated JSON pairs: a snapshot's side. */
  json(): string {
    let out = '';
    for (let i = 0; i < this.count; i++) {
      const level = levelJson(this.prices[i]!, this.sizes[i]!);
      out = i === 0 ? level : `${out},${level}`;
    }
    return out;
  }

  private grow(n: number): void {
    let capacity = this.prices.length;
    while (capacity < n) capacity *= 2;
    const prices = new Uint16Array(capacity);
    const sizes = new Float64Array(capacity);
    prices.set(this.prices.subarray(0, this.count));
    sizes.set(this.sizes.subarray(0, this.count));
    this.prices = prices;
    this.sizes = sizes;
    // The spare pair is written from index 0 by the next diff: nothing to keep.
    this.nextPrices = new Uint16Array(capacity);
    this.nextSizes = new Float64Array(capacity);
  }
}
