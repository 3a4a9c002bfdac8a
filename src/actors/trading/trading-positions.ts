// Best-effort position and realized-PnL update from one fill, until the next sync brings REST's numbers.
import { notional, PRICE_ONE } from '../../domain/fixed-point';
import { orderCost } from '../../domain/risk-gate';
import type { Fill, Position } from '../../domain/trading-types';

export const emptyPosition = (ticker: string): Position => ({
  ticker,
  position: 0,
  exposure: 0,
  totalTraded: 0,
  realizedPnl: 0,
  feesPaid: 0,
  updatedMs: null,
});

/**
 * Applies a fill to a position. Exposure is the cost basis of what is held, so the average entry is
 * exposure / |position| (ticks per centi-contract = micro-dollars). A fill against the held side
 * realizes (exit price − average entry) on the reduced part; any excess opens the other side.
 * Returns the new position and the realized PnL of this fill net of its fee.
 */
export function applyFillToPosition(
  current: Position | undefined,
  fill: Fill,
  atMs: number,
): { position: Position; realizedNet: number } {
  const pos = current ?? emptyPosition(fill.ticker);
  const sign = fill.side === 'bid' ? 1 : -1;
  const held = Math.abs(pos.position);
  const reducing = pos.position !== 0 && Math.sign(pos.position) !== sign;
  const reduced = reducing ? Math.min(held, fill.count) : 0;
  let exposure = pos.exposure;
  let realized = 0;
  if (reduced > 0) {
    // Closing a long YES sells YES at p; closing a long NO buys YES at p, i.e. sells NO at $1 − p.
    const exitPrice = pos.position > 0 ? fill.price : PRICE_ONE - fill.price;
    const basis = Math.round((exposure * reduced) / held);
    realized = notional(exitPrice, reduced) - basis;
    exposure -= basis;
  }
  const opened = fill.count - reduced;
  if (opened > 0) exposure += orderCost(fill.side, fill.price, opened);
  const position: Position = {
    ticker: pos.ticker,
    position: pos.position + sign * fill.count,
    exposure,
    totalTraded: pos.totalTraded + orderCost(fill.side, fill.price, fill.count),
    realizedPnl: pos.realizedPnl + realized,
    feesPaid: pos.feesPaid + fill.fee,
    updatedMs: atMs,
  };
  return { position, realizedNet: realized - fill.fee };
}

/** The UTC calendar day of a timestamp: daily PnL resets when it changes. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
