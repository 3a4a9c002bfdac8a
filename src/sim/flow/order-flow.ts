// Synthetic order flow: per market a drifting mid, passive quotes around it, cancels of old quotes and
// occasional crossing orders, sent through the engine as ordinary users so every effect is real.
import { COUNT_ONE, PRICE_ONE } from '../../domain/fixed-point';
import type { BookSide } from '../../domain/trading-types';
import { snapDown, tickAbove, tickBelow } from '../engine/price-grid';
import { randomInt } from '../engine/rng';
import type { SimExchange, SimMarket } from '../engine/types';
import { createMarketPicker } from './market-picker';

/**
 * Runs `fn` every `ms` with the ms really elapsed since the last run (`ms` when not measured); returns a
 * stop function. The server uses timers, tests step by hand.
 */
export interface FlowScheduler {
  every(ms: number, fn: (elapsedMs?: number) => void): () => void;
}

/** A late timer owes the steps of the time it lost, but never more than this much time's worth. */
const MAX_CATCH_UP_MS = 1_000;

export const intervalScheduler: FlowScheduler = {
  every(ms, fn) {
    // Timers run late on a busy machine, most with short intervals: the rate holds all the same.
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      fn(Math.min(now - last, MAX_CATCH_UP_MS));
      last = now;
    }, ms);
    return () => clearInterval(timer);
  },
};

export const FLOW_USERS = ['flow-1', 'flow-2', 'flow-3'] as const;

const MIN_RESTING_PER_MARKET = 4;

export interface OrderFlowOptions {
  exchange: SimExchange;
  /** Seeded [0, 1) source (engine/rng.ts createSeededRandom). */
  rng: () => number;
  /** Messages per second across all markets. */
  rate: number;
  running?: boolean;
  users?: readonly string[];
  /** Flow quotes kept resting per market before the oldest are cancelled. */
  maxRestingPerMarket?: number;
  /**
   * Flow quotes kept resting over all markets: with many markets each keeps fewer (never under
   * MIN_RESTING_PER_MARKET), so memory stays bounded (30 quotes in each of 10,000 markets grew the
   * simulator past 500 MB).
   */
  maxRestingTotal?: number;
  tickMs?: number;
}

export interface OrderFlowStats {
  running: boolean;
  rate: number;
  steps: number;
  placed: number;
  crossed: number;
  cancelled: number;
  rejected: number;
}

export interface OrderFlow {
  /** Performs up to `n` flow messages now (none while paused); returns how many were sent. */
  step(n?: number): number;
  start(scheduler?: FlowScheduler): void;
  stop(): void;
  setRunning(running: boolean): void;
  setRate(rate: number): void;
  stats(): OrderFlowStats;
}

interface MarketFlow {
  mid: number;
  resting: Array<{ userId: string; orderId: string }>;
}

/** Moves `n` valid ticks from `price`, stopping at the last valid price on the way. */
function stepPrice(market: SimMarket, price: number, n: number): number {
  let current = price;
  for (let i = 0; i < Math.abs(n); i++) {
    const next = n > 0 ? tickAbove(market.priceRanges, current) : tickBelow(market.priceRanges, current);
    if (next === null) break;
    current = next;
  }
  return current;
}

/** Two valid ticks on each side of `mid`, so quotes on both sides stay inside the price ranges. */
function hasRoom(market: SimMarket, mid: number): boolean {
  const below = tickBelow(market.priceRanges, mid);
  const above = tickAbove(market.priceRanges, mid);
  if (below === null || above === null) return false;
  return tickBelow(market.priceRanges, below) !== null && tickAbove(market.priceRanges, above) !== null;
}

export function createOrderFlow(opts: OrderFlowOptions): OrderFlow {
  const { exchange, rng } = opts;
  const users = opts.users ?? FLOW_USERS;
  const maxPerMarket = opts.maxRestingPerMarket ?? 30;
  const maxTotal = opts.maxRestingTotal ?? 60_000;
  let maxResting = maxPerMarket;
  const tickMs = opts.tickMs ?? 100;
  const markets = new Map<string, MarketFlow>();
  const stats: OrderFlowStats = {
    running: opts.running ?? true,
    rate: opts.rate,
    steps: 0,
    placed: 0,
    crossed: 0,
    cancelled: 0,
    rejected: 0,
  };
  let stopTimer: (() => void) | null = null;
  let carry = 0; // fractional messages owed between ticks

  function flowOf(market: SimMarket): MarketFlow {
    let flow = markets.get(market.ticker);
    if (flow === undefined) {
      flow = { mid: snapDown(market.priceRanges, startingMid(market)), resting: [] };
      markets.set(market.ticker, flow);
    }
    return flow;
  }

  /** Between the best bid and ask when both exist, so the first quotes join the existing book. */
  function startingMid(market: SimMarket): number {
    const top = exchange.topOfBook(market.ticker);
    if (top !== undefined && top.yesBid !== null && top.noBid !== null)
      return Math.round((top.yesBid + PRICE_ONE - top.noBid) / 2);
    return market.lastPrice ?? PRICE_ONE / 2;
  }

  function drift(market: SimMarket, flow: MarketFlow): void {
    if (rng() >= 0.3) return;
    const moved = stepPrice(market, flow.mid, rng() < 0.5 ? -1 : 1);
    if (hasRoom(market, moved)) flow.mid = moved;
  }

  function cancelOldest(flow: MarketFlow, anyAge: boolean): void {
    const index = anyAge ? randomInt(rng, 0, Math.max(0, Math.floor(flow.resting.length / 2) - 1)) : 0;
    const [victim] = flow.resting.splice(index, 1);
    if (victim === undefined) return;
    const result = exchange.cancelOrder(victim.userId, victim.orderId);
    if (result.ok && result.value.reducedBy > 0) stats.cancelled++;
  }

  function place(market: SimMarket, flow: MarketFlow, side: BookSide, price: number, ioc: boolean): boolean {
    const userId = users[randomInt(rng, 0, users.length - 1)] ?? 'flow-1';
    const result = exchange.createOrder({
      userId,
      ticker: market.ticker,
      side,
      price,
      count: randomInt(rng, 1, ioc ? 5 : 20) * COUNT_ONE,
      timeInForce: ioc ? 'immediate_or_cancel' : 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    if (!result.ok) {
      stats.rejected++;
      return false;
    }
    if (result.value.order.status === 'resting')
      flow.resting.push({ userId, orderId: result.value.order.orderId });
    if (result.value.fills.length > 0) stats.crossed++;
    stats.placed++;
    return true;
  }

  function quote(market: SimMarket, flow: MarketFlow): void {
    const side: BookSide = rng() < 0.5 ? 'bid' : 'ask';
    const distance = randomInt(rng, 1, 4);
    const price = stepPrice(market, flow.mid, side === 'bid' ? -distance : distance);
    if (price === flow.mid) return; // pinned at an end of the range
    place(market, flow, side, price, false);
  }

  function cross(market: SimMarket, flow: MarketFlow): void {
    // The best levels only: a copy of the whole book per crossing order was garbage for nothing.
    const top = exchange.topOfBook(market.ticker);
    const side: BookSide = rng() < 0.5 ? 'bid' : 'ask';
    // A bid lifts the best YES ask ($1 − best NO bid); an ask hits the best YES bid.
    const noBid = top?.noBid ?? null;
    const target = side === 'bid' ? (noBid === null ? null : PRICE_ONE - noBid) : (top?.yesBid ?? null);
    if (target === null) quote(market, flow);
    else place(market, flow, side, target, true);
  }

  /** Markets that closed or halted take their flow state with them (their orders are cancelled there). */
  function forgetClosed(open: readonly SimMarket[]): void {
    const live = new Set(open.map((m) => m.ticker));
    for (const ticker of markets.keys()) if (!live.has(ticker)) markets.delete(ticker);
  }

  const pick = createMarketPicker(exchange, rng, (open) => {
    if (markets.size > open.length) forgetClosed(open);
    const share = Math.floor(maxTotal / Math.max(1, open.length));
    maxResting = Math.min(maxPerMarket, Math.max(MIN_RESTING_PER_MARKET, share));
  });

  function one(): boolean {
    const market = pick();
    if (market === undefined) return false;
    const flow = flowOf(market);
    drift(market, flow);
    const roll = rng();
    if (flow.resting.length >= maxResting) cancelOldest(flow, false);
    else if (roll < 0.6 || flow.resting.length === 0) quote(market, flow);
    else if (roll < 0.85) cancelOldest(flow, true);
    else cross(market, flow);
    stats.steps++;
    return true;
  }

  function step(n = 1): number {
    if (!stats.running) return 0;
    let done = 0;
    for (let i = 0; i < n; i++) if (one()) done++;
    return done;
  }

  return {
    step,
    start(scheduler = intervalScheduler) {
      if (stopTimer !== null) return;
      stopTimer = scheduler.every(tickMs, (elapsedMs = tickMs) => {
        if (!stats.running) return;
        carry += (stats.rate * elapsedMs) / 1000;
        const n = Math.floor(carry);
        carry -= n;
        if (n > 0) step(n);
      });
    },
    stop() {
      stopTimer?.();
      stopTimer = null;
    },
    setRunning(running) {
      stats.running = running;
    },
    setRate(rate) {
      stats.rate = Math.max(0, rate);
    },
    stats: () => ({ ...stats }),
  };
}
