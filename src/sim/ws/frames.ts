// Builds the `msg` bodies of WS data frames (§6.5, §6.7) from engine state, in Kalshi's fixed-point strings.
import {
  COUNT_DECIMALS,
  complementPrice,
  formatCount,
  formatFixed,
  formatMoney,
  formatPrice,
  MONEY_ONE,
  notional,
  PRICE_ONE,
} from '../../domain/fixed-point';
import type {
  ExchangeEvent,
  SimBook,
  SimFill,
  SimMarket,
  SimOrder,
  SimPosition,
  SimTrade,
  TopOfBook,
} from '../engine/types';

type BookEvent = Extract<ExchangeEvent, { kind: 'book' }>;

const outcome = (side: 'bid' | 'ask') => (side === 'bid' ? 'yes' : 'no');
const seconds = (ms: number) => Math.floor(ms / 1000);
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** NO-side levels in YES-leg pricing when the subscriber asked for use_yes_price. */
const noPrice = (price: number, useYesPrice: boolean) => (useYesPrice ? complementPrice(price) : price);

export function snapshotMsg(market: SimMarket, book: SimBook, useYesPrice: boolean): Record<string, unknown> {
  const msg: Record<string, unknown> = { market_ticker: market.ticker, market_id: market.marketId };
  // A side's key is absent when that side is empty (AsyncAPI).
  if (book.yes.length > 0)
    msg.yes_dollars_fp = book.yes.map(([p, size]) => [formatPrice(p), formatCount(size)]);
  if (book.no.length > 0) {
    const levels = book.no.map(([p, size]) => [noPrice(p, useYesPrice), size] as const);
    levels.sort((a, b) => a[0] - b[0]);
    msg.no_dollars_fp = levels.map(([p, size]) => [formatPrice(p), formatCount(size)]);
  }
  return msg;
}

/** `owned`: the event came from this subscriber's own order, so it may see its client_order_id. */
export function deltaMsg(
  market: Readonly<SimMarket>,
  event: BookEvent,
  useYesPrice: boolean,
  owned: boolean,
): Record<string, unknown> {
  const price = event.side === 'no' ? noPrice(event.price, useYesPrice) : event.price;
  const msg: Record<string, unknown> = {
    market_ticker: market.ticker,
    market_id: market.marketId,
    price_dollars: formatPrice(price),
    delta_fp: formatCount(event.delta),
    side: event.side,
    ts: isoSeconds(event.tsMs),
    ts_ms: event.tsMs,
  };
  if (owned && event.clientOrderId !== undefined) {
    msg.client_order_id = event.clientOrderId;
    msg.subaccount = 0;
  }
  return msg;
}

export function tickerMsg(
  market: Readonly<SimMarket>,
  top: TopOfBook | undefined,
  lastTradeSize: number,
  tsMs: number,
): Record<string, unknown> {
  const yesBid = top?.yesBid ?? null;
  const noBid = top?.noBid ?? null;
  const last = market.lastPrice ?? 0;
  return {
    market_id: market.marketId,
    market_ticker: market.ticker,
    price_dollars: formatPrice(last),
    yes_bid_dollars: formatPrice(yesBid ?? 0),
    yes_ask_dollars: formatPrice(noBid === null ? PRICE_ONE : complementPrice(noBid)),
    yes_bid_size_fp: formatCount(yesBid === null ? 0 : (top?.yesBidSize ?? 0)),
    yes_ask_size_fp: formatCount(noBid === null ? 0 : (top?.noBidSize ?? 0)),
    last_trade_size_fp: formatCount(lastTradeSize),
    volume_fp: formatCount(market.volume),
    open_interest_fp: formatCount(market.openInterest),
    // Whole dollars, valued at the last price: the engine keeps no traded notional.
    dollar_volume: Math.floor(notional(last, market.volume) / MONEY_ONE),
    dollar_open_interest: Math.floor(notional(last, market.openInterest) / MONEY_ONE),
    ts: seconds(tsMs),
    ts_ms: tsMs,
    time: new Date(tsMs).toISOString(),
  };
}

export function tradeMsg(trade: SimTrade): Record<string, unknown> {
  return {
    trade_id: trade.tradeId,
    market_ticker: trade.ticker,
    yes_price_dollars: formatPrice(trade.price),
    no_price_dollars: formatPrice(complementPrice(trade.price)),
    count_fp: formatCount(trade.count),
    taker_outcome_side: outcome(trade.takerSide),
    taker_book_side: trade.takerSide,
    taker_side: outcome(trade.takerSide),
    is_block_trade: false,
    ts: seconds(trade.tsMs),
    ts_ms: trade.tsMs,
  };
}

export function fillMsg(fill: SimFill): Record<string, unknown> {
  const side = outcome(fill.side);
  return {
    trade_id: fill.tradeId,
    order_id: fill.orderId,
    client_order_id: fill.clientOrderId,
    market_ticker: fill.ticker,
    exchange_index: 0,
    is_taker: fill.isTaker,
    outcome_side: side,
    book_side: fill.side,
    // Deprecated legacy pair: a YES-book ask is reported as buying NO.
    side,
    action: 'buy',
    purchased_side: side,
    yes_price_dollars: formatPrice(fill.price),
    count_fp: formatCount(fill.count),
    fee_cost: formatMoney(fill.fee),
    post_position_fp: formatCount(fill.postPosition),
    ts: seconds(fill.tsMs),
    ts_ms: fill.tsMs,
    subaccount: 0,
  };
}

export function userOrderMsg(order: SimOrder): Record<string, unknown> {
  const side = outcome(order.side);
  const msg: Record<string, unknown> = {
    order_id: order.orderId,
    user_id: order.userId,
    ticker: order.ticker,
    exchange_index: 0,
    status: order.status,
    outcome_side: side,
    book_side: order.side,
    side,
    is_yes: side === 'yes',
    yes_price_dollars: formatPrice(order.price),
    initial_count_fp: formatCount(order.initialCount),
    fill_count_fp: formatCount(order.fillCount),
    remaining_count_fp: formatCount(order.remainingCount),
    taker_fill_cost_dollars: formatMoney(order.takerFillCost),
    maker_fill_cost_dollars: formatMoney(order.makerFillCost),
    taker_fees_dollars: formatMoney(order.takerFees),
    maker_fees_dollars: formatMoney(order.makerFees),
    client_order_id: order.clientOrderId,
    self_trade_prevention_type: order.selfTradePrevention,
    created_ts_ms: order.createdMs,
    last_updated_ts_ms: order.updatedMs,
    subaccount_number: 0,
  };
  if (order.lastUpdateReason !== null) msg.last_update_reason = order.lastUpdateReason;
  if (order.expirationTimeMs !== null) msg.expiration_ts_ms = order.expirationTimeMs;
  return msg;
}

export function positionMsg(position: SimPosition): Record<string, unknown> {
  return {
    user_id: position.userId,
    market_ticker: position.ticker,
    position_fp: formatCount(position.position),
    position_cost_dollars: formatMoney(position.exposure, 4),
    realized_pnl_dollars: formatMoney(position.realizedPnl, 4),
    fees_paid_dollars: formatMoney(position.feesPaid, 4),
    position_fee_cost_dollars: formatMoney(position.feesPaid, 4),
    volume_fp: formatFixed(position.volume, COUNT_DECIMALS),
    subaccount: 0,
  };
}
