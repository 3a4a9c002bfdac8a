// The chaos suite's verdicts after a scenario, as pure functions of what the simulator recorded (its
// REST views of the daemon's account and its books) and what the daemon reports: books equal the
// exchange's, every resting order known exactly once, no quote doubled, the risk limits held.
import { complementPrice, notional, parseCount, parseMoney, parsePrice } from '../domain/fixed-point';
import type { TraderLimits } from './trader-process';

/** One order as the simulator's GET /portfolio/orders lists it (the fields the checks read). */
export interface SimOrderRecord {
  order_id: string;
  client_order_id: string;
  ticker: string;
  book_side: 'bid' | 'ask';
  status: string;
  yes_price_dollars: string;
  remaining_count_fp: string;
  created_time: string;
  /** For a finished order, when it finished. */
  last_update_time: string;
}

export interface SimPositionRecord {
  ticker: string;
  position_fp: string;
}

/** Kalshi's REST orderbook levels: `[price_dollars, count_fp]` per side. */
export interface SimBook {
  yes_dollars: [string, string][];
  no_dollars: [string, string][];
}

/** What the daemon says (GET /v3/orders, /v3/positions, /v3/orderbook/:ticker): only ever compared. */
export interface DaemonView {
  orders: { order_id: string; client_order_id: string; status: string; remaining_count_fp: string }[];
  positions: SimPositionRecord[];
  books: Record<string, { orderbook_fp: SimBook; stale: boolean } | null>;
}

const levelsText = (levels: readonly [string, string][]) => levels.map(([p, c]) => `${p}×${c}`).join(' ');

/** Every followed market's book equals the exchange's, level for level, and is not marked stale. */
export function checkBooks(daemon: DaemonView['books'], exchange: Record<string, SimBook>): string[] {
  const problems: string[] = [];
  for (const [ticker, want] of Object.entries(exchange)) {
    const have = daemon[ticker];
    if (have === null || have === undefined) {
      problems.push(`${ticker}: the daemon has no book`);
      continue;
    }
    for (const side of ['yes_dollars', 'no_dollars'] as const) {
      const a = levelsText(have.orderbook_fp[side]);
      const b = levelsText(want[side]);
      if (a !== b) problems.push(`${ticker} ${side}: daemon [${a}] exchange [${b}]`);
    }
    if (have.stale) problems.push(`${ticker}: book still marked stale`);
  }
  return problems;
}

/**
 * No order lost: every order resting on the exchange is open in the daemon with the same remaining
 * count, and every order the daemon holds open is resting there (none pending or of unknown outcome
 * once things are quiet). Matched by client_order_id: the daemon has it before the exchange answers.
 */
export function checkOrdersKnown(
  daemon: DaemonView['orders'],
  exchange: readonly SimOrderRecord[],
): string[] {
  const problems: string[] = [];
  const theirs = new Map(exchange.map((o) => [o.client_order_id, o]));
  const open = new Map(daemon.map((o) => [o.client_order_id, o]));
  for (const o of exchange) {
    if (o.status !== 'resting') continue;
    const mine = open.get(o.client_order_id);
    if (mine === undefined)
      problems.push(`lost: ${o.client_order_id} rests on the exchange, not open in the daemon`);
    else if (mine.remaining_count_fp !== o.remaining_count_fp)
      problems.push(
        `${o.client_order_id}: daemon remaining ${mine.remaining_count_fp}, exchange ${o.remaining_count_fp}`,
      );
  }
  for (const o of daemon) {
    const record = theirs.get(o.client_order_id);
    if (record === undefined)
      problems.push(
        `phantom: the daemon holds ${o.client_order_id} open (${o.status}), the exchange never had it`,
      );
    else if (record.status !== 'resting')
      problems.push(
        `stale: the daemon holds ${o.client_order_id} open (${o.status}), the exchange says ${record.status}`,
      );
  }
  return problems;
}

/** No order doubled: one client_order_id is one order, and the market maker rests one quote per side. */
export function checkNoDoubles(exchange: readonly SimOrderRecord[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const o of exchange) ids.set(o.client_order_id, (ids.get(o.client_order_id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`doubled: client_order_id ${id} placed ${n} times`);
  const quotes = new Map<string, number>();
  for (const o of exchange) {
    if (o.status !== 'resting') continue;
    const key = `${o.ticker} ${o.book_side}`;
    quotes.set(key, (quotes.get(key) ?? 0) + 1);
  }
  for (const [key, n] of quotes) if (n > 1) problems.push(`doubled: ${n} resting quotes on ${key}`);
  return problems;
}

/** The gate's limits, held by what actually rests and what is actually held on the exchange. */
export function checkLimits(
  exchange: readonly SimOrderRecord[],
  positions: readonly SimPositionRecord[],
  limits: TraderLimits,
): string[] {
  const problems: string[] = [];
  const resting = exchange.filter((o) => o.status === 'resting');
  if (resting.length > limits.maxOrders)
    problems.push(`${resting.length} orders resting, limit ${limits.maxOrders}`);
  // A bid buys YES at its price; an ask buys NO at the complement.
  const cost = resting.reduce((sum, o) => {
    const price = parsePrice(o.yes_price_dollars);
    return (
      sum + notional(o.book_side === 'bid' ? price : complementPrice(price), parseCount(o.remaining_count_fp))
    );
  }, 0);
  if (cost > parseMoney(`${limits.maxNotionalDollars}`))
    problems.push(`resting notional $${(cost / 1e6).toFixed(2)}, limit $${limits.maxNotionalDollars}`);
  for (const p of positions) {
    if (Math.abs(parseCount(p.position_fp)) > parseCount(String(limits.maxPosition)))
      problems.push(`${p.ticker}: position ${p.position_fp}, limit ${limits.maxPosition}`);
  }
  return problems;
}

/**
 * The most orders that rested at once over the account's whole history, by the exchange's own stamps
 * (created → finished): the open-order limit must have held all along, faults included, not only once
 * things are quiet. A finish and a creation in the same millisecond do not overlap.
 */
export function checkPeakOrders(exchange: readonly SimOrderRecord[], limits: TraderLimits): string[] {
  const events: [number, number][] = [];
  for (const o of exchange) {
    events.push([Date.parse(o.created_time), 1]);
    if (o.status !== 'resting') events.push([Date.parse(o.last_update_time), -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  let peakAt = 0;
  for (const [at, step] of events) {
    open += step;
    if (open > peak) [peak, peakAt] = [open, at];
  }
  return peak > limits.maxOrders
    ? [`${peak} orders rested at once (${new Date(peakAt).toISOString()}), limit ${limits.maxOrders}`]
    : [];
}

/** The daemon's positions are the exchange's (flat rows on either side count as absent). */
export function checkPositions(
  daemon: readonly SimPositionRecord[],
  exchange: readonly SimPositionRecord[],
): string[] {
  const held = (rows: readonly SimPositionRecord[]) =>
    new Map(
      rows.filter((p) => parseCount(p.position_fp) !== 0).map((p) => [p.ticker, parseCount(p.position_fp)]),
    );
  const mine = held(daemon);
  const theirs = held(exchange);
  const problems: string[] = [];
  for (const ticker of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = mine.get(ticker) ?? 0;
    const b = theirs.get(ticker) ?? 0;
    if (a !== b) problems.push(`${ticker}: daemon position ${a / 100}, exchange ${b / 100}`);
  }
  return problems;
}
