// Domain values (exact integers) → public views (Kalshi-style strings): the one place units are formatted.
import {
  complementPrice,
  formatCount,
  formatMoney,
  formatPrice,
  moneyToCents,
  parsePrice,
} from '../domain/fixed-point';
import { averageEntry, type PositionPnl } from '../domain/position-pnl';
import type { Balance, Fill, Order, Position } from '../domain/trading-types';
import type {
  BalanceView,
  BookSides,
  BookUpdateView,
  BookView,
  FillView,
  HealthView,
  OrderView,
  PnlView,
  PositionView,
  TraderState,
} from './views';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const outcome = (side: 'bid' | 'ask'): 'yes' | 'no' => (side === 'bid' ? 'yes' : 'no');

/** Healthy means serving: `ready`, `degraded` (REST-only by design), or `acting` over either. */
/**
 * `healthy` means serving (HTTP 200); `status` says how well: `degraded` while the feed is down (acting
 * over a down feed included), as the original daemon's health said.
 */
export function toHealthView(
  state: TraderState,
  uptimeSeconds: number,
  degraded = state === 'degraded',
): HealthView {
  const healthy = state === 'ready' || state === 'degraded' || state === 'acting';
  const status = !healthy ? 'unhealthy' : degraded ? 'degraded' : 'running';
  return { healthy, status, state, uptime: uptimeSeconds };
}

export function toBalanceView(b: Balance): BalanceView {
  return {
    balance_dollars: formatMoney(b.balance, 4),
    portfolio_value_dollars: formatMoney(b.portfolioValue, 4),
    balance_cents: moneyToCents(b.balance),
  };
}

const figures = (p: Position) => ({
  position_fp: formatCount(p.position),
  market_exposure_dollars: formatMoney(p.exposure),
  realized_pnl_dollars: formatMoney(p.realizedPnl),
  fees_paid_dollars: formatMoney(p.feesPaid),
});
const maybe = <T>(value: number | null, format: (n: number) => T): T | null =>
  value === null ? null : format(value);

export function toPositionView(row: PositionPnl): PositionView {
  const p = row.position;
  return {
    ticker: p.ticker,
    ...figures(p),
    total_traded_dollars: formatMoney(p.totalTraded),
    realized_pnl_net_dollars: formatMoney(p.realizedPnl - p.feesPaid),
    average_entry_price_dollars: maybe(averageEntry(p), (n) => formatMoney(n)),
    mark_price_dollars: maybe(row.markPrice, formatPrice),
    unrealized_pnl_dollars: maybe(row.unrealizedPnl, (n) => formatMoney(n)),
    unverified: row.unverified,
    exchange: row.exchange === null ? null : figures(row.exchange),
    last_updated_ts: iso(p.updatedMs),
  };
}

/** Totals in micro-dollars, as PnlTotals (src/app/pnl-view.ts) carries them. */
export interface PnlFigures {
  realizedPnl: number;
  feesPaid: number;
  unrealizedPnl: number;
  unmarked: number;
  exposure: number;
  unverified: number;
  ledgerEntries: number;
}

export function toPnlView(t: PnlFigures): PnlView {
  return {
    realized_pnl_dollars: formatMoney(t.realizedPnl),
    fees_paid_dollars: formatMoney(t.feesPaid),
    realized_pnl_net_dollars: formatMoney(t.realizedPnl - t.feesPaid),
    unrealized_pnl_dollars: formatMoney(t.unrealizedPnl),
    unmarked_positions: t.unmarked,
    exposure_dollars: formatMoney(t.exposure),
    unverified_positions: t.unverified,
    ledger_entries: t.ledgerEntries,
  };
}

export function toOrderView(o: Order): OrderView {
  return {
    order_id: o.orderId,
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    book_side: o.side,
    outcome_side: outcome(o.side),
    status: o.status,
    yes_price_dollars: formatPrice(o.price),
    no_price_dollars: formatPrice(complementPrice(o.price)),
    initial_count_fp: formatCount(o.initialCount),
    fill_count_fp: formatCount(o.fillCount),
    remaining_count_fp: formatCount(o.remainingCount),
    created_time: iso(o.createdMs),
    last_update_time: iso(o.updatedMs),
  };
}

export function toFillView(f: Fill): FillView {
  return {
    fill_id: f.fillId,
    trade_id: f.tradeId,
    order_id: f.orderId,
    client_order_id: f.clientOrderId,
    ticker: f.ticker,
    book_side: f.side,
    outcome_side: outcome(f.side),
    yes_price_dollars: formatPrice(f.price),
    no_price_dollars: formatPrice(complementPrice(f.price)),
    count_fp: formatCount(f.count),
    is_taker: f.isTaker,
    fee_dollars: formatMoney(f.fee),
    ts_ms: f.tsMs,
  };
}

/** `[priceTicks, countCenti]` bids of one side, ascending by price. */
export type LevelTicks = readonly (readonly [number, number])[];

/**
 * Builds Kalshi's REST orderbook shape. `depth` keeps the best N levels per side (the tail, since
 * the arrays ascend); undefined or 0 keeps them all.
 */
export function toBookView(
  ticker: string,
  sides: { yes: LevelTicks; no: LevelTicks },
  meta: {
    seq: number | null;
    stale: boolean;
    updatedMs: number | null;
    /** The market's last trade price (ticks) and volume (centi-contracts), when known. */
    trade?: { lastPrice: number | null; volume: number | null } | undefined;
  },
  depth?: number,
): BookView {
  const side = (levels: LevelTicks): [string, string][] => {
    const kept = depth !== undefined && depth > 0 ? levels.slice(-depth) : levels;
    return kept.map(([p, q]) => [formatPrice(p), formatCount(q)]);
  };
  const lastPrice = meta.trade?.lastPrice ?? null;
  const volume = meta.trade?.volume ?? null;
  return {
    ticker,
    orderbook_fp: { yes_dollars: side(sides.yes), no_dollars: side(sides.no) },
    seq: meta.seq,
    stale: meta.stale,
    updated_ts_ms: meta.updatedMs,
    last_price_dollars: lastPrice === null ? null : formatPrice(lastPrice),
    volume_fp: volume === null ? null : formatCount(volume),
  };
}

/** YES bid = best YES bid; YES ask = $1 − best NO bid; spread = ask − bid (exact ticks). */
export function toBookUpdate(view: BookView): BookUpdateView {
  const bestOf = (levels: BookSides['yes_dollars']): number | null => {
    const last = levels[levels.length - 1];
    return last === undefined ? null : parsePrice(last[0]);
  };
  const bid = bestOf(view.orderbook_fp.yes_dollars);
  const noBid = bestOf(view.orderbook_fp.no_dollars);
  const ask = noBid === null ? null : complementPrice(noBid);
  return {
    ticker: view.ticker,
    yes_bid_dollars: bid === null ? null : formatPrice(bid),
    yes_ask_dollars: ask === null ? null : formatPrice(ask),
    spread_dollars: bid === null || ask === null ? null : formatPrice(Math.max(0, ask - bid)),
    levels: view.orderbook_fp,
    seq: view.seq,
    stale: view.stale,
    updated_ts_ms: view.updated_ts_ms,
    last_price_dollars: view.last_price_dollars,
    volume_fp: view.volume_fp,
  };
}
