// One step of the ledger fold: how an entry moves a market's position, cost basis and realized PnL. It
// books exactly as the exchange does (the simulator's Ledger.applyFill is the reference), micro-dollar
// for micro-dollar, because the exchange's position rows are the check on it.

import type { LedgerEntry } from './fill-ledger-entry';
import { notional, PRICE_ONE } from './fixed-point';
import type { BookSide } from './trading-types';

/** The order-dependent part of a market's figures (fees, traded and volume are plain sums). */
export interface FoldState {
  /** Signed centi-contracts: > 0 long YES, < 0 long NO. */
  position: number;
  /** Cost basis of what is held, micro-dollars; 0 exactly when the position is 0. */
  exposure: number;
  /** Realized PnL, micro-dollars, fees not included. */
  realizedPnl: number;
}

/** Cost per centi-contract (ticks) of buying on `side` at YES price `price`: YES costs p, NO $1 − p. */
export const unitCost = (side: BookSide, price: number): number =>
  side === 'bid' ? price : PRICE_ONE - price;

/**
 * Applies `entry` to `state` in place and returns the realized PnL it makes (fees not included).
 *
 * A fill first closes what it can of the opposite holding, then opens the rest. The closing part
 * realizes its proceeds (selling YES pays p; closing NO by buying YES pays $1 − p) minus the share of
 * the basis it releases, exposure × closed / held, floored; the last close releases all that is left,
 * so the floors never leave basis behind. A settlement closes the whole holding at its value.
 */
export function applyEntry(state: FoldState, entry: LedgerEntry): number {
  const before = state.position;
  if (entry.kind === 'settlement') {
    const payout = before >= 0 ? notional(entry.value, before) : notional(PRICE_ONE - entry.value, -before);
    const realized = payout - state.exposure;
    state.position = 0;
    state.exposure = 0;
    state.realizedPnl += realized;
    return realized;
  }
  const { side, price, count } = entry;
  const held = side === 'bid' ? Math.max(0, -before) : Math.max(0, before);
  const closing = Math.min(count, held);
  let realized = 0;
  if (closing > 0) {
    const released = shareOf(state.exposure, closing, held);
    realized = notional(side === 'bid' ? PRICE_ONE - price : price, closing) - released;
    state.exposure -= released;
  }
  state.exposure += notional(unitCost(side, price), count - closing);
  state.realizedPnl += realized;
  state.position = side === 'bid' ? before + count : before - count;
  return realized;
}

/** exposure × part / whole, floored and exact: BigInt only when the product passes 2^53. */
export function shareOf(exposure: number, part: number, whole: number): number {
  if (part >= whole) return exposure;
  const product = exposure * part;
  // With product + whole below 2^53 a quotient k − ε (ε ≥ 1/whole) lies further from k than half an
  // ulp of k, so the rounded division never reaches the next integer and the floor is exact.
  if (Number.isSafeInteger(product + whole)) return Math.floor(product / whole);
  return Number((BigInt(exposure) * BigInt(part)) / BigInt(whole));
}
