// The risk gate: a pure decision on whether an order intent (a place, or a change to a resting order) may
// reach the exchange. The kill switch, the market's lifecycle and the limits stop new risk, never its
// reduction.
import { notional } from './fixed-point';
import type { MarketPhase } from './market-phase';
import { type BookSide, mayBeLiveOnExchange, type Order, type Position } from './trading-types';

/** What a strategy wants; it never calls the exchange itself. */
export interface OrderIntent {
  ticker: string;
  side: BookSide;
  price: number; // YES ticks
  count: number; // centi
  reason?: string;
}

export interface RiskLimits {
  maxOpenOrders: number;
  /** Absolute position per market, centi-contracts. */
  maxPositionPerMarket: number;
  /** Cost of all resting orders plus this one, micro-dollars. */
  maxNotional: number;
  /** Realized loss for the day at which new orders stop, micro-dollars (positive number). */
  maxDailyLoss: number;
}

export interface RiskState {
  positions: readonly Position[];
  openOrders: readonly Order[];
  /** Today's realized PnL in micro-dollars (negative = loss). */
  dailyRealizedPnl: number;
  killSwitch: boolean;
  /** Markets that take no order now (paused, closed, determined, settled) with their phase. */
  haltedMarkets?: Readonly<Record<string, MarketPhase>>;
}

export type RiskDecision =
  | { allow: true }
  | {
      allow: false;
      rule:
        | 'kill_switch'
        | 'invalid_intent'
        | 'market_closed'
        | 'max_open_orders'
        | 'max_position'
        | 'max_notional'
        | 'max_daily_loss';
      reason: string;
    };

/** Cost of an order: a bid pays the YES price, an ask pays the NO price ($1 − p). */
export function orderCost(side: BookSide, price: number, count: number): number {
  return notional(side === 'bid' ? price : 10_000 - price, count);
}

type Blocked = Extract<RiskDecision, { allow: false }>;

function invalidShape(price: number, count: number): Blocked | null {
  if (!Number.isInteger(price) || price <= 0 || price >= 10_000) {
    return { allow: false, rule: 'invalid_intent', reason: `price ${price} ticks is outside (0, 1)` };
  }
  if (!Number.isInteger(count) || count <= 0) {
    return { allow: false, rule: 'invalid_intent', reason: `count ${count} must be a positive integer` };
  }
  return null;
}

export function checkIntent(intent: OrderIntent, state: RiskState, limits: RiskLimits): RiskDecision {
  if (state.killSwitch) return { allow: false, rule: 'kill_switch', reason: 'kill switch is on' };
  const invalid = invalidShape(intent.price, intent.count);
  if (invalid) return invalid;
  // An order for a market that cannot trade would only be refused by the exchange (or, paused, rest
  // until a reactivation cancels it).
  const halted = state.haltedMarkets?.[intent.ticker];
  if (halted !== undefined) {
    return { allow: false, rule: 'market_closed', reason: `market ${intent.ticker} is ${halted}` };
  }
  if (-state.dailyRealizedPnl >= limits.maxDailyLoss) {
    return { allow: false, rule: 'max_daily_loss', reason: 'daily loss limit reached' };
  }
  // Orders in an unknown state count as open: they may be live on the exchange.
  const open = state.openOrders.filter(mayBeLiveOnExchange);
  if (open.length + 1 > limits.maxOpenOrders) {
    return {
      allow: false,
      rule: 'max_open_orders',
      reason: `${open.length} open orders (max ${limits.maxOpenOrders})`,
    };
  }
  // Worst case for the position: every resting order on the same side of this market fills.
  const held = state.positions.find((p) => p.ticker === intent.ticker)?.position ?? 0;
  const sign = intent.side === 'bid' ? 1 : -1;
  let sameSideResting = 0;
  for (const o of open) {
    if (o.ticker === intent.ticker && o.side === intent.side) sameSideResting += o.remainingCount;
  }
  const worst = Math.abs(held + sign * (sameSideResting + intent.count));
  if (worst > limits.maxPositionPerMarket) {
    return {
      allow: false,
      rule: 'max_position',
      reason: `position could reach ${worst / 100} contracts in ${intent.ticker} (max ${limits.maxPositionPerMarket / 100})`,
    };
  }
  let exposure = orderCost(intent.side, intent.price, intent.count);
  for (const o of open) exposure += orderCost(o.side, o.price, o.remainingCount);
  if (exposure > limits.maxNotional) {
    return { allow: false, rule: 'max_notional', reason: 'resting notional would exceed the limit' };
  }
  return { allow: true };
}

/**
 * A change to a resting order. An amend sets a new price and a new resting (remaining) count; a decrease
 * only takes contracts off; a cancel takes them all.
 */
export type OrderChange =
  | { kind: 'cancel' }
  | { kind: 'decrease'; remainingCount: number }
  | { kind: 'amend'; price: number; remainingCount: number };

/** Whether an amend adds risk: more contracts resting, or a price that costs more if it fills. */
export function amendRaisesRisk(
  order: Pick<Order, 'side' | 'price' | 'remainingCount'>,
  price: number,
  remainingCount: number,
): boolean {
  if (remainingCount > order.remainingCount) return true;
  return orderCost(order.side, price, 1) > orderCost(order.side, order.price, 1);
}

const sameOrder = (a: Order, b: Order): boolean =>
  a.clientOrderId === b.clientOrderId && a.orderId === b.orderId;

/**
 * Cancels and decreases are always allowed, kill switch included: the switch stops new risk, not its
 * reduction. An amend that raises risk is checked like a place of the amended order, with the order it
 * replaces taken out of the open orders (it does not add an order, and its old terms stop counting).
 */
export function checkChange(
  order: Order,
  change: OrderChange,
  state: RiskState,
  limits: RiskLimits,
): RiskDecision {
  if (change.kind === 'cancel') return { allow: true };
  if (change.kind === 'decrease') {
    const { remainingCount: left } = change;
    if (!Number.isInteger(left) || left < 0 || left >= order.remainingCount) {
      const reason = `a decrease must leave between 0 and ${order.remainingCount - 1} centi-contracts, not ${left}`;
      return { allow: false, rule: 'invalid_intent', reason };
    }
    return { allow: true };
  }
  const invalid = invalidShape(change.price, change.remainingCount);
  if (invalid) return invalid;
  if (!amendRaisesRisk(order, change.price, change.remainingCount)) return { allow: true };
  const others = state.openOrders.filter((o) => !sameOrder(o, order));
  const shape = { ticker: order.ticker, side: order.side, price: change.price, count: change.remainingCount };
  return checkIntent(shape, { ...state, openOrders: others }, limits);
}
