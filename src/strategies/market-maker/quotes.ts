// Where the market maker quotes: a bid and an ask on the market's price grid around the fair value, at
// least the spread floor apart, shifted against the position held, never crossing what others show,
// each side dropped when a fill there could pass the position cap, and a resting quote kept where it is
// while it is within the requote threshold (a move is then an amend, never a cancel and a place).
import { COUNT_ONE } from '../../domain/fixed-point';
import type { DesiredOrder } from '../../domain/order-diff';
import { atOrAbove, atOrBelow, moveTicks, tickAbove, tickBelow, ticksBetween } from '../../domain/price-grid';
import type { BookSide, PriceRange } from '../../domain/trading-types';
import type { Touch } from './fair-value';
import type { MarketMakerParams } from './market-maker-params';

export interface QuoteInputs {
  touch: Touch;
  fair: number;
  ranges: readonly PriceRange[];
  /** Signed, centi-contracts (> 0 long YES). */
  position: number;
  /** Our resting quote per side, if any. */
  resting: Partial<Record<BookSide, { price: number; count: number }>>;
  params: Pick<
    MarketMakerParams,
    'spread_ticks' | 'size' | 'skew_ticks_per_contract' | 'max_position' | 'requote_ticks'
  >;
}

/** The bid and ask prices: around `fair`, `spread` ticks apart at least, or null off the grid. */
function around(ranges: readonly PriceRange[], fair: number, spread: number): [number, number] | null {
  let bid = atOrBelow(ranges, fair);
  let ask = atOrAbove(ranges, fair);
  if (bid === null || ask === null) return null;
  if (bid === ask) ask = tickAbove(ranges, ask);
  // Widen one side at a time, the bid first, until the floor is met or the grid ends.
  for (
    let down = true;
    ask !== null && bid !== null && ticksBetween(ranges, bid, ask) < spread;
    down = !down
  ) {
    const next: number | null = down ? tickBelow(ranges, bid) : tickAbove(ranges, ask);
    if (next === null) return null;
    if (down) bid = next;
    else ask = next;
  }
  return bid === null || ask === null ? null : [bid, ask];
}

export function targetQuotes(q: QuoteInputs): DesiredOrder[] {
  const { ranges, params, touch } = q;
  const prices = around(ranges, q.fair, params.spread_ticks);
  if (prices === null) return [];
  // Long YES: both quotes go down (sell sooner, buy later); long NO: both go up.
  const held = Math.trunc(q.position / COUNT_ONE);
  const shift = -held * params.skew_ticks_per_contract;
  let bid: number | null = moveTicks(ranges, prices[0], shift);
  let ask: number | null = moveTicks(ranges, prices[1], shift);
  // Passive only: a bid at or above what others ask would take, as would an ask at or below their bid.
  if (bid >= touch.ask) bid = tickBelow(ranges, touch.ask);
  if (ask <= touch.bid) ask = tickAbove(ranges, touch.bid);

  const size = params.size * COUNT_ONE;
  const cap = params.max_position * COUNT_ONE;
  const out: DesiredOrder[] = [];
  const keep = (side: BookSide, price: number | null) => {
    if (price === null) return;
    const now = q.resting[side];
    const near =
      now !== undefined &&
      now.count === size &&
      ticksBetween(ranges, Math.min(now.price, price), Math.max(now.price, price)) < params.requote_ticks;
    out.push({ side, price: near ? now.price : price, count: size });
  };
  if (q.position + size <= cap) keep('bid', bid);
  if (q.position - size >= -cap) keep('ask', ask);
  return out;
}
