// Crossing an incoming order against the opposite ladder: price-time priority, fills at the resting price,
// self-trade prevention, reduce-only makers, and the fill-or-kill liquidity check.
import { notional, PRICE_ONE } from '../../domain/fixed-point';
import {
  type EngineState,
  emitBook,
  emitOrder,
  type FillRecord,
  type MarketState,
  type OrderRecord,
  publicFill,
} from './engine-state';
import { incrementalFee } from './fees';
import { unitCost } from './ledger';
import type { Level } from './order-book';
import { cancelResting, reduceResting, syncHold } from './resting';
import { recordFill } from './retention';
import { orderedUuid } from './rng';
import type { SimFill } from './types';

/** A YES bid at p takes NO bids at ≥ $1 − p; a YES ask at p takes YES bids at ≥ p. */
function crosses(taker: OrderRecord, level: Level<OrderRecord>): boolean {
  return taker.side === 'bid' ? level.price >= PRICE_ONE - taker.price : level.price >= taker.price;
}

function opposite(ms: MarketState, taker: OrderRecord) {
  return taker.side === 'bid' ? ms.book.no : ms.book.yes;
}

/** Whether any resting order would trade with `taker` (post-only's test; own orders count too). */
export function wouldCross(ms: MarketState, taker: OrderRecord): boolean {
  const best = opposite(ms, taker).best();
  return best !== undefined && crosses(taker, best);
}

/** How much of `taker` could fill right now, honouring self-trade prevention and reduce-only makers. */
export function fillableCount(state: EngineState, ms: MarketState, taker: OrderRecord): number {
  let available = 0;
  const reducibleLeft = new Map<string, number>();
  for (const level of opposite(ms, taker).bestFirst()) {
    if (!crosses(taker, level)) break;
    for (const maker of level.queue) {
      if (maker.userId === taker.userId) {
        if (taker.selfTradePrevention === 'taker_at_cross') return available;
        continue; // `maker` mode would cancel it and go on
      }
      let count = maker.remainingCount;
      if (maker.reduceOnly) {
        const left =
          reducibleLeft.get(maker.userId) ??
          state.ledger.reducible(maker.userId, ms.market.ticker, maker.side);
        count = Math.min(count, left);
        reducibleLeft.set(maker.userId, left - count);
      }
      available += count;
      if (available >= taker.remainingCount) return available;
    }
  }
  return available;
}

export interface MatchOutcome {
  fills: SimFill[];
  /** Set when self-trade prevention stopped the taker (its remainder must be cancelled). */
  selfTradeStopped: boolean;
}

/** Trades `taker` against the book until it is filled, stops crossing, or self-trade prevention stops it. */
export function matchTaker(state: EngineState, ms: MarketState, taker: OrderRecord): MatchOutcome {
  const fills: SimFill[] = [];
  const ladder = opposite(ms, taker);
  while (taker.remainingCount > 0) {
    const level = ladder.best();
    if (!level || !crosses(taker, level)) break;
    const maker = level.queue[0];
    if (!maker) break;
    if (maker.userId === taker.userId) {
      if (taker.selfTradePrevention === 'taker_at_cross') return { fills, selfTradeStopped: true };
      cancelResting(state, ms, maker, 'SelfTradeCancel');
      continue;
    }
    if (maker.reduceOnly) {
      const cap = state.ledger.reducible(maker.userId, ms.market.ticker, maker.side);
      if (cap < maker.remainingCount) {
        reduceResting(state, ms, maker, maker.remainingCount - cap, 'ReduceOnlyCancel');
        if (maker.remainingCount === 0) continue;
      }
    }
    fills.push(executeTrade(state, ms, taker, maker, Math.min(taker.remainingCount, maker.remainingCount)));
  }
  return { fills, selfTradeStopped: false };
}

/** One execution at the maker's price: book, trade, both fills, maker order, both positions — in that order. */
function executeTrade(
  state: EngineState,
  ms: MarketState,
  taker: OrderRecord,
  maker: OrderRecord,
  count: number,
): SimFill {
  const tsMs = state.now();
  const price = maker.price;
  const ticker = ms.market.ticker;

  emitBook(state, ticker, ms.book.reduce(maker, count), maker);
  maker.remainingCount -= count;
  maker.fillCount += count;
  maker.makerFillCost += notional(unitCost(maker.side, price), count);
  maker.lastUpdateReason = 'Trade';
  maker.updatedMs = tsMs;
  if (maker.remainingCount === 0) {
    maker.status = 'executed';
    state.expiring.delete(maker);
  }
  syncHold(state, maker);

  const { basis, fee } = incrementalFee(taker.feeBasis, count, price);
  taker.feeBasis = basis;
  taker.takerFees += fee;
  taker.takerFillCost += notional(unitCost(taker.side, price), count);
  taker.remainingCount -= count;
  taker.fillCount += count;
  taker.lastUpdateReason = 'Trade';
  taker.updatedMs = tsMs;

  const takerEffect = state.ledger.applyFill(taker.userId, ticker, taker.side, count, price, fee);
  const makerEffect = state.ledger.applyFill(maker.userId, ticker, maker.side, count, price, 0);
  const market = ms.market;
  market.lastPrice = price;
  market.volume += count;
  market.volume24h += count;
  market.openInterest += takerEffect.longYesDelta + makerEffect.longYesDelta;

  // Time-ordered: one taker sweep makes several fills in one millisecond, and their order matters.
  const tradeId = orderedUuid(state.random, tsMs, state.tradeCount++);
  state.bus.push({ kind: 'trade', trade: { tradeId, ticker, price, count, takerSide: taker.side, tsMs } });
  const fillOf = (
    order: OrderRecord,
    isTaker: boolean,
    fillFee: number,
    postPosition: number,
  ): FillRecord => {
    const fill: FillRecord = {
      fillId: tradeId,
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      userId: order.userId,
      ticker,
      side: order.side,
      price,
      count,
      isTaker,
      fee: fillFee,
      tsMs,
      postPosition,
      seq: 0, // assigned by recordFill
    };
    recordFill(state, fill);
    state.bus.push({ kind: 'fill', fill: publicFill(fill) });
    return fill;
  };
  const takerFill = fillOf(taker, true, fee, takerEffect.position.position);
  fillOf(maker, false, 0, makerEffect.position.position);
  emitOrder(state, maker);
  state.bus.push({ kind: 'position', position: takerEffect.position });
  state.bus.push({ kind: 'position', position: makerEffect.position });
  return publicFill(takerFill);
}
