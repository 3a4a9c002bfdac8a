// A market's price grid from its `price_ranges`: which prices are on a tick, and walking from tick to
// tick (a tapered market has finer ticks in its tails). Prices in ticks of $0.0001, exclusive of 0 and $1.
import { PRICE_ONE } from './fixed-point';
import type { PriceRange } from './trading-types';

export function isOnGrid(ranges: readonly PriceRange[], price: number): boolean {
  if (!Number.isSafeInteger(price) || price <= 0 || price >= PRICE_ONE) return false;
  return ranges.some(
    (r) => price >= r.start && price <= r.end && r.step > 0 && (price - r.start) % r.step === 0,
  );
}

/** The lowest price on the grid strictly above `price`, null at the top. */
export function tickAbove(ranges: readonly PriceRange[], price: number): number | null {
  let best: number | null = null;
  for (const r of ranges) {
    if (r.step <= 0) continue;
    const from = Math.max(price + 1, r.start);
    const candidate = r.start + Math.ceil((from - r.start) / r.step) * r.step;
    if (candidate <= r.end && candidate > 0 && candidate < PRICE_ONE && (best === null || candidate < best))
      best = candidate;
  }
  return best;
}

/** The highest price on the grid strictly below `price`, null at the bottom. */
export function tickBelow(ranges: readonly PriceRange[], price: number): number | null {
  let best: number | null = null;
  for (const r of ranges) {
    if (r.step <= 0) continue;
    const to = Math.min(price - 1, r.end);
    if (to < r.start) continue;
    const candidate = r.start + Math.floor((to - r.start) / r.step) * r.step;
    if (candidate > 0 && candidate < PRICE_ONE && (best === null || candidate > best)) best = candidate;
  }
  return best;
}

/** `price` if on the grid, else the nearest tick below it (null if none). */
export const atOrBelow = (ranges: readonly PriceRange[], price: number): number | null =>
  isOnGrid(ranges, price) ? price : tickBelow(ranges, price);

/** `price` if on the grid, else the nearest tick above it (null if none). */
export const atOrAbove = (ranges: readonly PriceRange[], price: number): number | null =>
  isOnGrid(ranges, price) ? price : tickAbove(ranges, price);

/** Moves `n` ticks (up if positive), stopping at the last tick on the way. */
export function moveTicks(ranges: readonly PriceRange[], price: number, n: number): number {
  let current = price;
  for (let i = 0; i < Math.abs(n); i++) {
    const next = n > 0 ? tickAbove(ranges, current) : tickBelow(ranges, current);
    if (next === null) break;
    current = next;
  }
  return current;
}

/** Ticks from `low` up to `high` on the grid (0 if high ≤ low), counted up to `limit`. */
export function ticksBetween(
  ranges: readonly PriceRange[],
  low: number,
  high: number,
  limit = 1_000,
): number {
  let n = 0;
  for (let p = tickAbove(ranges, low); p !== null && p <= high && n < limit; p = tickAbove(ranges, p)) n++;
  return n;
}
