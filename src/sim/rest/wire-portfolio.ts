// Orders, fills and positions in Kalshi's wire format (money as 6-dp dollar strings, counts `_fp`).
import { formatCount, formatMoney, formatPrice, moneyToCents, PRICE_ONE } from '../../domain/fixed-point';
import type { SimFill, SimOrder, SimPosition, SimSettlement } from '../engine/types';

/** V2 sides map onto the deprecated fields as "buy YES" / "buy NO" (outcome_side is the canonical one). */
const legacy = (side: 'bid' | 'ask') =>
  side === 'bid'
    ? ({ outcome_side: 'yes', book_side: 'bid', side: 'yes', action: 'buy' } as const)
    : ({ outcome_side: 'no', book_side: 'ask', side: 'no', action: 'buy' } as const);

/** Order timestamps keep their milliseconds, as Kalshi's do. */
const isoMs = (ms: number): string => new Date(ms).toISOString();

export function orderToWire(o: SimOrder) {
  return {
    order_id: o.orderId,
    user_id: o.userId,
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    ...legacy(o.side),
    type: 'limit',
    status: o.status,
    yes_price_dollars: formatPrice(o.price),
    no_price_dollars: formatPrice(PRICE_ONE - o.price),
    fill_count_fp: formatCount(o.fillCount),
    remaining_count_fp: formatCount(o.remainingCount),
    initial_count_fp: formatCount(o.initialCount),
    taker_fill_cost_dollars: formatMoney(o.takerFillCost),
    maker_fill_cost_dollars: formatMoney(o.makerFillCost),
    taker_fees_dollars: formatMoney(o.takerFees),
    maker_fees_dollars: formatMoney(o.makerFees),
    expiration_time: o.expirationTimeMs === null ? null : isoMs(o.expirationTimeMs),
    created_time: isoMs(o.createdMs),
    last_update_time: isoMs(o.updatedMs),
    self_trade_prevention_type: o.selfTradePrevention,
    order_group_id: null,
    cancel_order_on_pause: o.cancelOnPause,
    subaccount_number: 0,
    exchange_index: 0,
  };
}

export function fillToWire(f: SimFill) {
  return {
    fill_id: f.fillId,
    trade_id: f.tradeId,
    order_id: f.orderId,
    ticker: f.ticker,
    market_ticker: f.ticker,
    exchange_index: 0,
    ...legacy(f.side),
    count_fp: formatCount(f.count),
    yes_price_dollars: formatPrice(f.price),
    no_price_dollars: formatPrice(PRICE_ONE - f.price),
    is_taker: f.isTaker,
    fee_cost: formatMoney(f.fee),
    created_time: isoMs(f.tsMs),
    ts: Math.floor(f.tsMs / 1000),
    subaccount_number: 0,
  };
}

export function positionToWire(p: SimPosition) {
  return {
    ticker: p.ticker,
    exchange_index: 0,
    total_traded_dollars: formatMoney(p.totalTraded),
    position_fp: formatCount(p.position),
    market_exposure_dollars: formatMoney(p.exposure),
    realized_pnl_dollars: formatMoney(p.realizedPnl),
    fees_paid_dollars: formatMoney(p.feesPaid),
    // ISO string despite the `_ts` suffix, as Kalshi sends it.
    last_updated_ts: isoMs(p.updatedMs),
  };
}

/** One row per event over the given market positions. */
export function eventPositionsToWire(positions: readonly SimPosition[], eventOf: (ticker: string) => string) {
  const byEvent = new Map<
    string,
    { cost: number; shares: number; exposure: number; pnl: number; fees: number }
  >();
  for (const p of positions) {
    const key = eventOf(p.ticker);
    const row = byEvent.get(key) ?? { cost: 0, shares: 0, exposure: 0, pnl: 0, fees: 0 };
    row.cost += p.totalTraded;
    row.shares += Math.abs(p.position);
    row.exposure += p.exposure;
    row.pnl += p.realizedPnl;
    row.fees += p.feesPaid;
    byEvent.set(key, row);
  }
  return [...byEvent.entries()].map(([event_ticker, r]) => ({
    event_ticker,
    total_cost_dollars: formatMoney(r.cost),
    total_cost_shares_fp: formatCount(r.shares),
    event_exposure_dollars: formatMoney(r.exposure),
    realized_pnl_dollars: formatMoney(r.pnl),
    fees_paid_dollars: formatMoney(r.fees),
  }));
}

/**
 * A row of GET /portfolio/settlements (kalshi-typescript `Settlement`): counts `_fp`, costs in dollars,
 * but `revenue` (what was paid in) and `value` (the payout of one YES contract) in integer cents.
 */
export function settlementToWire(s: SimSettlement) {
  return {
    ticker: s.ticker,
    exchange_index: 0,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: formatCount(s.yesCount),
    yes_total_cost_dollars: formatMoney(s.yesTotalCost),
    no_count_fp: formatCount(s.noCount),
    no_total_cost_dollars: formatMoney(s.noTotalCost),
    revenue: moneyToCents(s.revenue),
    settled_time: isoMs(s.settledMs),
    fee_cost: formatMoney(s.fee),
    // Settlement values are whole cents (the admin API insists), so this is exact.
    value: s.value / 100,
  };
}

/** Balance fields: integer cents (truncated, as Kalshi's integer fields are) plus a dollar string. */
export function balanceToWire(cash: number, positionsValue: number, updatedMs: number) {
  return {
    balance: moneyToCents(cash),
    balance_dollars: formatMoney(cash, 4),
    portfolio_value: moneyToCents(positionsValue),
    updated_ts: Math.floor(updatedMs / 1000),
    balance_breakdown: [{ exchange_index: 0, balance: formatMoney(cash, 4) }],
  };
}
