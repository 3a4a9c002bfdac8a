// Kalshi's per-market price grids: the ranges of each price level structure, tick checks and tick walking.
import { PRICE_ONE } from '../../domain/fixed-point';
import type { PriceRange } from '../../domain/trading-types';

export type PriceLevelStructure = 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';

export const PRICE_LEVEL_STRUCTURES: readonly PriceLevelStructure[] = [
  'linear_cent',
  'deci_cent',
  'tapered_deci_cent',
];

const CENT = 100; // ticks
const DECI_CENT = 10; // ticks

/** The documented ranges (ticks of $0.0001) for each structure; a price is valid if any range admits it. */
export function priceRangesFor(structure: PriceLevelStructure): PriceRange[] {
  switch (structure) {
    case 'linear_cent':
      return [{ start: 0, end: PRICE_ONE, step: CENT }];
    case 'deci_cent':
      return [{ start: 0, end: PRICE_ONE, step: DECI_CENT }];
    case 'tapered_deci_cent':
      // $0.001 ticks in the tails, $0.01 in the middle.
      return [
        { start: 0, end: 1_000, step: DECI_CENT },
        { start: 1_000, end: 9_000, step: CENT },
        { start: 9_000, end: PRICE_ONE, step: DECI_CENT },
      ];
  }
}

/** A tradable price: strictly inside (0, $1) and on the tick of one of the ranges. */
export function isValidPrice(ranges: readonly PriceRange[], price: number): boolean {
  if (!Number.isSafeInteger(price) || price <= 0 || price >= PRICE_ONE) return false;
  for (const r of ranges) {
    if (price >= r.start && price <= r.end && (price - r.start) % r.step === 0) return true;
  }
  return false;
}

/** The smallest valid price strictly above `price`, or null at the top of the grid. */
export function tickAbove(ranges: readonly PriceRange[], price: number): number | null {
  let best: number | null = null;
  for (const r of ranges) {
    const from = Math.max(price + 1, r.start);
    const candidate = r.start + Math.ceil((from - r.start) / r.step) * r.step;
    if (candidate <= r.end && candidate < PRICE_ONE && (best === null || candidate < best)) best = candidate;
  }
  return best;
}

/** The largest valid price strictly below `price`, or null at the bottom of the grid. */
export function tickBelow(ranges: readonly PriceRange[], price: number): number | null {
  let best: number | null = null;
  for (const r of ranges) {
    const to = Math.min(price - 1, r.end);
    if (to < r.start) continue;
    const candidate = r.start + Math.floor((to - r.start) / r.step) * r.step;
    if (candidate > 0 && (best === null || candidate > best)) best = candidate;
  }
  return best;
}

/** The valid price nearest at or below `price` (falls back to the lowest valid price). */
export function snapDown(ranges: readonly PriceRange[], price: number): number {
  if (isValidPrice(ranges, price)) return price;
  const below = tickBelow(ranges, price);
  if (below !== null) return below;
  const above = tickAbove(ranges, 0);
  if (above === null) throw new Error('price grid has no valid price');
  return above;
}
