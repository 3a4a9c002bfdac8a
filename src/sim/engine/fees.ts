// The simulator's fee model: Kalshi's published taker schedule, ceil(0.07 × C × P × (1 − P)) rounded up
// to the cent; makers pay nothing. It is a model of the public schedule, not a copy of Kalshi's books.
import { PRICE_ONE } from '../../domain/fixed-point';

const MICROS_PER_CENT = 10_000n;
/**
 * With C = count/100 contracts and P = price/10^4 dollars, fee in cents = 7·count·price·(10^4 − price) / 10^10.
 * The product overflows 2^53 for big orders, hence bigint.
 */
const CENT_DIVISOR = 10_000_000_000n;

/** The exact, unrounded fee weight of one execution: count · price · ($1 − price). */
export function feeBasis(count: number, price: number): bigint {
  return BigInt(count) * BigInt(price) * BigInt(PRICE_ONE - price);
}

/** Fee in micro-dollars for an accumulated basis, rounded up to the cent. */
export function feeFromBasis(basis: bigint): number {
  if (basis <= 0n) return 0;
  const scaled = 7n * basis;
  const cents = (scaled + CENT_DIVISOR - 1n) / CENT_DIVISOR;
  return Number(cents * MICROS_PER_CENT);
}

/** Taker fee of `count` at `price` in one go. */
export function takerFee(count: number, price: number): number {
  return feeFromBasis(feeBasis(count, price));
}

/**
 * Fees are charged per order, cumulatively: each fill pays fee(total basis so far) − fee already paid, so an
 * order split across many fills pays one rounding, not one per fill. This is our reading of "per trade";
 * Kalshi does not publish how it rounds multi-level executions.
 */
export function incrementalFee(
  previousBasis: bigint,
  count: number,
  price: number,
): { basis: bigint; fee: number } {
  const basis = previousBasis + feeBasis(count, price);
  return { basis, fee: feeFromBasis(basis) - feeFromBasis(previousBasis) };
}
