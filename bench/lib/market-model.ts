// A plausible Kalshi market for benchmarks: two bid ladders on the market's tick grid (linear_cent,
// deci_cent or tapered_deci_cent) and random changes that stay truthful (never negative, never
// crossed), clustered near the top of the book as real order flow is.
import { PRICE_ONE } from '../../src/domain/fixed-point';
import { createSeededRandom } from '../../src/domain/seeded-random';

export type Rng = () => number;
type Side = 'yes' | 'no';
type Structure = 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';

/** Seedable, reproducible. */
export const seededRng = (seed: number): Rng => createSeededRandom(seed);

export interface Change {
  side: Side;
  price: number;
  delta: number;
  /** Level size after the change (0 = removed). */
  size: number;
}

interface Ladder {
  prices: number[]; // descending: index 0 is the best bid
  sizes: Map<number, number>;
}

const STRUCTURES: Structure[] = ['linear_cent', 'deci_cent', 'tapered_deci_cent'];
const geometric = (rng: Rng, mean: number) => Math.floor(-Math.log(1 - rng()) * mean);
const randomSize = (rng: Rng) => 100 * (1 + Math.floor(rng() * 500)) + (rng() < 0.1 ? 50 : 0);

export class MarketModel {
  private readonly sides: Record<Side, Ladder> = {
    yes: { prices: [], sizes: new Map() },
    no: { prices: [], sizes: new Map() },
  };

  constructor(readonly structure: Structure) {}

  /** A market with `minLevels..maxLevels` levels per side around a random mid. */
  static random(rng: Rng, minLevels: number, maxLevels: number): MarketModel {
    const model = new MarketModel(STRUCTURES[Math.floor(rng() * STRUCTURES.length)]!);
    const yesTop = model.snap(1_500 + Math.floor(rng() * 7_000));
    let yesAsk = yesTop;
    for (let k = 1 + Math.floor(rng() * 3); k > 0; k--) yesAsk = model.up(yesAsk);
    const span = maxLevels - minLevels + 1;
    model.fill('yes', yesTop, minLevels + Math.floor(rng() * span), rng);
    model.fill('no', PRICE_ONE - yesAsk, minLevels + Math.floor(rng() * span), rng);
    return model;
  }

  /** Levels ascending by price, as [price ticks, size centi]. */
  levels(side: Side): Array<[number, number]> {
    const ladder = this.sides[side];
    return ladder.prices.map((p) => [p, ladder.sizes.get(p)!] as [number, number]).reverse();
  }

  randomChange(rng: Rng): Change {
    const side: Side = rng() < 0.5 ? 'yes' : 'no';
    const ladder = this.sides[side];
    const count = ladder.prices.length;
    const insert = count < 8 || (count <= 120 && rng() < 0.3);
    if (!insert) {
      const price = ladder.prices[Math.min(count - 1, geometric(rng, 4))]!;
      const size = ladder.sizes.get(price)!;
      const r = rng();
      if (r < 0.35 || count > 120) return this.apply(side, price, -size);
      if (r < 0.7 && size > 1) return this.apply(side, price, -(1 + Math.floor(rng() * (size - 1))));
      return this.apply(side, price, 100 * (1 + Math.floor(rng() * 100)));
    }
    const best = ladder.prices[0]!;
    const otherBest = this.sides[side === 'yes' ? 'no' : 'yes'].prices[0] ?? 0;
    const better = this.up(best);
    // Improving the bid must leave the book uncrossed: bid + other side's bid < $1.
    if (rng() < 0.3 && better + otherBest < PRICE_ONE) return this.apply(side, better, randomSize(rng));
    let price = best;
    for (let d = 1 + geometric(rng, 6); d > 0 && this.down(price) > 0; d--) price = this.down(price);
    return this.apply(side, price, randomSize(rng));
  }

  private apply(side: Side, price: number, delta: number): Change {
    const ladder = this.sides[side];
    const size = (ladder.sizes.get(price) ?? 0) + delta;
    if (size === 0) {
      ladder.sizes.delete(price);
      ladder.prices.splice(ladder.prices.indexOf(price), 1);
    } else {
      if (!ladder.sizes.has(price)) {
        const at = ladder.prices.findIndex((p) => p < price);
        ladder.prices.splice(at === -1 ? ladder.prices.length : at, 0, price);
      }
      ladder.sizes.set(price, size);
    }
    return { side, price, delta, size };
  }

  private fill(side: Side, top: number, levels: number, rng: Rng): void {
    let price = top;
    for (let i = 0; i < levels && price > 0; i++) {
      this.apply(side, price, randomSize(rng));
      price = this.down(price);
      if (rng() < 0.3 && this.down(price) > 0) price = this.down(price); // gaps between levels
    }
  }

  private step(price: number): number {
    if (this.structure === 'linear_cent') return 100;
    if (this.structure === 'deci_cent') return 10;
    return price < 1_000 || price >= 9_000 ? 10 : 100;
  }

  private up(price: number): number {
    return price + this.step(price);
  }

  private down(price: number): number {
    return price - this.step(price - 1);
  }

  private snap(price: number): number {
    const step = this.step(price);
    return Math.round(price / step) * step;
  }
}
