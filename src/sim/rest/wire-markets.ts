// Market and orderbook responses in Kalshi's wire format: prices as 4-dp dollar strings, counts as 2-dp
// `_fp` strings, times as ISO-8601; the filter and response vocabularies of market status.
import { formatCount, formatPrice, PRICE_ONE } from '../../domain/fixed-point';
import type { PriceRange } from '../../domain/trading-types';
import type { TopOfBook } from '../engine/sim-exchange';
import type { SimBook, SimLadder, SimMarket } from '../engine/types';

/** ISO-8601 in UTC, without a meaningless ".000" (Kalshi's market times are whole seconds). */
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Response vocabulary: a halted active market reads `inactive` (Kalshi's "deactivated" lifecycle). */
export function marketStatus(m: SimMarket): string {
  return m.status === 'active' && m.paused ? 'inactive' : m.status;
}

export const STATUS_FILTERS = ['unopened', 'open', 'paused', 'closed', 'settled'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * GET /markets?status= takes a different vocabulary from Market.status (Kalshi's market lifecycle page):
 * `closed` is any market past close_time not yet finalized, `settled` a finalized one.
 */
export function matchesStatusFilter(m: SimMarket, filter: StatusFilter): boolean {
  const status = marketStatus(m);
  switch (filter) {
    case 'unopened':
      return status === 'initialized';
    case 'open':
      return status === 'active';
    case 'paused':
      return status === 'inactive';
    case 'closed':
      return status === 'closed' || status === 'determined';
    case 'settled':
      return status === 'finalized';
  }
}

const rangeToWire = (r: PriceRange) => ({
  start: formatPrice(r.start),
  end: formatPrice(r.end),
  step: formatPrice(r.step),
});

export function marketToWire(m: SimMarket, top: TopOfBook | undefined) {
  const yesBid = top?.yesBid ?? 0;
  const noBid = top?.noBid ?? 0;
  const last = m.lastPrice ?? 0;
  const expiration = m.closeTimeMs + 7 * 86_400_000;
  return {
    ticker: m.ticker,
    event_ticker: m.eventTicker,
    market_type: 'binary',
    title: m.title,
    subtitle: '',
    yes_sub_title: m.yesSubTitle ?? m.title,
    no_sub_title: m.noSubTitle ?? m.title,
    created_time: iso(m.createdMs),
    updated_time: iso(m.updatedMs),
    open_time: iso(m.openTimeMs),
    close_time: iso(m.closeTimeMs),
    expected_expiration_time: iso(m.closeTimeMs),
    expiration_time: iso(expiration),
    latest_expiration_time: iso(expiration),
    settlement_timer_seconds: m.settlementTimerSeconds,
    status: marketStatus(m),
    yes_bid_dollars: formatPrice(yesBid),
    yes_bid_size_fp: formatCount(top?.yesBidSize ?? 0),
    // An empty NO ladder means nobody sells YES: Kalshi shows the ask at $1.00.
    yes_ask_dollars: formatPrice(PRICE_ONE - noBid),
    yes_ask_size_fp: formatCount(top?.noBidSize ?? 0),
    no_bid_dollars: formatPrice(noBid),
    no_ask_dollars: formatPrice(PRICE_ONE - yesBid),
    last_price_dollars: formatPrice(last),
    previous_yes_bid_dollars: formatPrice(yesBid),
    previous_yes_ask_dollars: formatPrice(PRICE_ONE - noBid),
    previous_price_dollars: formatPrice(last),
    volume_fp: formatCount(m.volume),
    volume_24h_fp: formatCount(m.volume24h),
    open_interest_fp: formatCount(m.openInterest),
    notional_value_dollars: '1.0000',
    liquidity_dollars: '0.0000',
    result: m.result ?? '',
    ...(m.settlementValue === null ? {} : { settlement_value_dollars: formatPrice(m.settlementValue) }),
    settlement_ts: m.settledMs === null ? null : iso(m.settledMs),
    can_close_early: true,
    expiration_value: '',
    strike_type: 'greater',
    floor_strike: m.floorStrike ?? null,
    cap_strike: null,
    rules_primary: m.rulesPrimary ?? `This market resolves Yes if ${m.title}`,
    rules_secondary: '',
    price_level_structure: m.priceLevelStructure,
    price_ranges: m.priceRanges.map(rangeToWire),
    exchange_index: 0,
  };
}

/** Bids only, ascending, best last; `depth` > 0 keeps that many best levels per side. */
export function orderbookToWire(book: SimBook, depth: number) {
  const side = (ladder: SimLadder) =>
    (depth > 0 ? ladder.slice(-depth) : ladder).map(([price, size]) => [
      formatPrice(price),
      formatCount(size),
    ]);
  return { yes_dollars: side(book.yes), no_dollars: side(book.no) };
}
