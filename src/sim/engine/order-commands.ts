// Order entry: create (GTC / IOC / FOK, post-only, reduce-only), validated before anything changes.
import { notional } from '../../domain/fixed-point';
import { engineErrors, fail, ok } from './engine-errors';
import { type EngineState, emitOrder, type MarketState, type OrderRecord, publicOrder } from './engine-state';
import { takerFee } from './fees';
import { unitCost } from './ledger';
import { fillableCount, matchTaker, wouldCross } from './matching';
import { isValidPrice } from './price-grid';
import { restOrder } from './resting';
import { recordOrder } from './retention';
import { randomUuid } from './rng';
import type { CreateOrderInput, CreateOrderResult, EngineError, EngineResult } from './types';

/** Largest order: one million contracts (our limit; Kalshi's is not published). */
export const MAX_ORDER_COUNT = 100_000_000;
/** Per-order rounding slack of the cumulative fee (one cent), see fees.ts. */
const FEE_ROUNDING_SLACK = 10_000;

export function checkPrice(ms: MarketState, price: number): EngineError | null {
  return isValidPrice(ms.market.priceRanges, price)
    ? null
    : engineErrors.invalidPrice(
        `price must be inside (0, 1) on the tick of ${ms.market.priceLevelStructure}`,
      );
}

export function checkCount(count: number): EngineError | null {
  return Number.isSafeInteger(count) && count > 0 && count <= MAX_ORDER_COUNT
    ? null
    : engineErrors.invalidCount('count must be positive with at most 2 decimals');
}

/** Whether the market accepts order changes now (cancels are always allowed). */
export function checkTradable(state: EngineState, ms: MarketState): EngineError | null {
  if (!state.exchangeActive) return engineErrors.exchangeUnavailable();
  if (!state.tradingActive || ms.market.paused) return engineErrors.tradingPaused();
  if (ms.market.status !== 'active' || state.now() >= ms.market.closeTimeMs)
    return engineErrors.marketClosed();
  return null;
}

/**
 * Cash an order may need: its opening cost (none for reduce-only, which only closes) plus the worst taker
 * fee (none for post-only, which never takes). Fills at better prices never cost more, see fees.ts.
 */
export function requiredCash(
  order: Pick<OrderRecord, 'side' | 'postOnly' | 'reduceOnly'>,
  price: number,
  count: number,
): number {
  const cost = order.reduceOnly ? 0 : notional(unitCost(order.side, price), count);
  return order.postOnly ? cost : cost + takerFee(count, price) + FEE_ROUNDING_SLACK;
}

export function isClientOrderIdTaken(state: EngineState, userId: string, clientOrderId: string): boolean {
  return state.clientOrderIds.get(userId)?.has(clientOrderId) ?? false;
}

export function createOrder(state: EngineState, input: CreateOrderInput): EngineResult<CreateOrderResult> {
  const ms = state.markets.get(input.ticker);
  if (!ms) return fail(engineErrors.marketNotFound());
  const invalid = checkPrice(ms, input.price) ?? checkCount(input.count);
  if (invalid) return fail(invalid);
  const nowMs = state.now();
  const expiration = input.expirationTimeMs ?? null;
  if (expiration !== null && input.timeInForce !== 'good_till_canceled') {
    return fail(engineErrors.invalidParameters('expiration_time is only allowed with good_till_canceled'));
  }
  if (expiration !== null && expiration <= nowMs) {
    return fail(engineErrors.invalidParameters('expiration_time must be in the future'));
  }
  if (input.clientOrderId !== undefined && isClientOrderIdTaken(state, input.userId, input.clientOrderId)) {
    return fail(engineErrors.orderAlreadyExists());
  }
  const closed = checkTradable(state, ms);
  if (closed) return fail(closed);

  const reduceOnly = input.reduceOnly ?? false;
  const postOnly = input.postOnly ?? false;
  // Reduce-only caps the order at the position it can close (Kalshi: "capped by the current position").
  const reducible = reduceOnly ? state.ledger.reducible(input.userId, input.ticker, input.side) : input.count;
  const count = Math.min(input.count, reducible);
  const needed = requiredCash({ side: input.side, postOnly, reduceOnly }, input.price, count);
  if (count > 0 && needed > state.ledger.available(input.userId)) {
    return fail(engineErrors.insufficientBalance());
  }

  const order: OrderRecord = {
    orderId: randomUuid(state.random),
    clientOrderId: input.clientOrderId ?? randomUuid(state.random),
    userId: input.userId,
    ticker: input.ticker,
    side: input.side,
    price: input.price,
    initialCount: count > 0 ? count : input.count,
    fillCount: 0,
    remainingCount: count,
    status: 'resting',
    timeInForce: input.timeInForce,
    selfTradePrevention: input.selfTradePrevention,
    postOnly,
    reduceOnly,
    cancelOnPause: input.cancelOnPause ?? false,
    expirationTimeMs: expiration,
    takerFillCost: 0,
    makerFillCost: 0,
    takerFees: 0,
    makerFees: 0,
    createdMs: nowMs,
    updatedMs: nowMs,
    lastUpdateReason: null,
    seq: 0, // assigned by recordOrder
    feeBasis: 0n,
    held: 0,
  };
  recordOrder(state, order);

  const fills = execute(state, ms, order, count === 0 ? 'ReduceOnlyCancel' : null);
  emitOrder(state, order);
  return ok({ order: publicOrder(order), fills });
}

/**
 * Runs a fresh (or re-priced) order: post-only and fill-or-kill checks, matching, then rest or cancel the
 * remainder per its time in force. `rejectReason` cancels it outright (nothing to do).
 */
export function execute(
  state: EngineState,
  ms: MarketState,
  order: OrderRecord,
  rejectReason: string | null,
) {
  const cancelRemainder = (reason: string | null) => {
    order.remainingCount = 0;
    order.status = 'canceled';
    if (reason !== null) order.lastUpdateReason = reason;
  };
  if (rejectReason !== null) {
    cancelRemainder(rejectReason);
    return [];
  }
  // Kalshi cancels (rather than rejects) a post-only order that would take liquidity.
  if (order.postOnly && wouldCross(ms, order)) {
    cancelRemainder('PostOnlyCrossCancel');
    return [];
  }
  if (order.timeInForce === 'fill_or_kill' && fillableCount(state, ms, order) < order.remainingCount) {
    cancelRemainder(null);
    return [];
  }
  const { fills, selfTradeStopped } = matchTaker(state, ms, order);
  if (order.remainingCount === 0) order.status = 'executed';
  else if (selfTradeStopped) cancelRemainder('SelfTradeCancel');
  else if (order.timeInForce !== 'good_till_canceled') cancelRemainder(null);
  else restOrder(state, ms, order);
  return fills;
}
