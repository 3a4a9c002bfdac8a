// A position's PnL beyond what it realized: marked to the book at the price it could be closed at now.
import { COUNT_ONE, notional } from './fixed-point';
import type { Position } from './trading-types';

/** The best bid of each side of a market's book (ticks), null for an empty side. */
export interface Mark {
  yesBid: number | null;
  noBid: number | null;
}

/** A market's fold with its mark, and the exchange's figures while the two disagree. */
export interface PositionPnl {
  position: Position;
  /** Price (ticks) of the side held that closing it would get: null when flat or nobody bids. */
  markPrice: number | null;
  /** Micro-dollars; 0 when flat, null when held but not markable. */
  unrealizedPnl: number | null;
  /** Whether a re-fold from the market's first fill still differs from the exchange's row. */
  unverified: boolean;
  /** The exchange's row while the market is unverified (null otherwise, or when it listed none). */
  exchange: Position | null;
}

/**
 * Where a position could be closed now, at the top of the book: a long YES sells YES at the best YES
 * bid, a long NO sells NO at the best NO bid (a YES ask at $1 − that). Depth and the closing fee are
 * not counted.
 */
export function closePrice(held: number, mark: Mark | undefined): number | null {
  if (held === 0 || mark === undefined) return null;
  return held > 0 ? mark.yesBid : mark.noBid;
}

/** What closing at the mark would realize: its proceeds less the basis held (exposure). */
export function unrealizedPnl(
  p: Pick<Position, 'position' | 'exposure'>,
  mark: Mark | undefined,
): number | null {
  if (p.position === 0) return 0;
  const price = closePrice(p.position, mark);
  return price === null ? null : notional(price, Math.abs(p.position)) - p.exposure;
}

/**
 * Cost basis per whole contract of the side held (micro-dollars, rounded to the nearest): the YES price
 * paid on average for a long YES, the NO price for a long NO. Null when flat.
 */
export function averageEntry(p: Pick<Position, 'position' | 'exposure'>): number | null {
  if (p.position === 0) return null;
  return Math.round((p.exposure * COUNT_ONE) / Math.abs(p.position));
}
