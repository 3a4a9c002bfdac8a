// The engine's mutable state and the small helpers every operation shares (event emission, order copies).

import type { EventBus } from './event-bus';
import type { HistoryWindow } from './history-window';
import type { Ledger } from './ledger';
import type { LifecycleState } from './lifecycle-state';
import type { LevelChange, OrderBook } from './order-book';
import type { SimFill, SimMarket, SimOrder, SimSettlement } from './types';

/** An order as the engine keeps it: the public fields plus bookkeeping that never leaves the engine. */
export interface OrderRecord extends SimOrder {
  /** Creation index per user: a stable pagination key. */
  seq: number;
  /** Accumulated fee weight of this order's taker executions (see fees.ts). */
  feeBasis: bigint;
  /** Cash held for this order while it rests. */
  held: number;
  /** client_order_ids an amend replaced; still claimed by this order until it is forgotten. */
  formerClientOrderIds?: string[];
}

export interface FillRecord extends SimFill {
  seq: number;
}

export interface SettlementRecord extends SimSettlement {
  seq: number;
}

/** What the engine keeps of one user: creation counters, and (unless transient) the retained history. */
export interface UserHistory {
  nextOrderSeq: number;
  nextFillSeq: number;
  nextSettlementSeq: number;
  /** null for transient users (the synthetic flow): an order of theirs is forgotten once it ends. */
  orders: HistoryWindow<OrderRecord> | null;
  fills: HistoryWindow<FillRecord> | null;
  settlements: HistoryWindow<SettlementRecord> | null;
}

export interface MarketState {
  market: SimMarket;
  book: OrderBook<OrderRecord>;
  /** When a closed market is determined unattended (null: not scheduled). */
  determineAtMs: number | null;
  /** When a determined market pays out (null: not scheduled). */
  settleAtMs: number | null;
}

export interface EngineState {
  now: () => number;
  random: () => number;
  bus: EventBus;
  ledger: Ledger;
  /** The ordinary user that owns the books seeded into new markets. */
  bookUserId: string;
  markets: Map<string, MarketState>;
  /** Every order still known: resting ones, and finished ones a user's history retains. */
  orders: Map<string, OrderRecord>;
  users: Map<string, UserHistory>;
  /** Orders per user per client_order_id, for as long as the order is known. */
  clientOrderIds: Map<string, Map<string, string>>;
  /** Most orders and most fills one (non-transient) user's history retains. */
  historyLimit: number;
  /** Users whose finished orders and fills are not retained at all (the synthetic flow). */
  transientUsers: ReadonlySet<string>;
  /** Orders that finished during the current operation, settled (forgotten or trimmed) at its end. */
  ended: OrderRecord[];
  /** Resting orders with an expiration time; swept lazily before each operation. */
  expiring: Set<OrderRecord>;
  exchangeActive: boolean;
  tradingActive: boolean;
  /** Trades executed so far: the sequence inside each trade id (see orderedUuid). */
  tradeCount: number;
  /** Markets coming and going: schedules, rolling series, settled markets kept. */
  lifecycle: LifecycleState;
}

/** The public view of an order: an explicit copy (rest-destructuring is measurably slow on this path). */
export function publicOrder(o: OrderRecord): SimOrder {
  return {
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    userId: o.userId,
    ticker: o.ticker,
    side: o.side,
    price: o.price,
    initialCount: o.initialCount,
    fillCount: o.fillCount,
    remainingCount: o.remainingCount,
    status: o.status,
    timeInForce: o.timeInForce,
    selfTradePrevention: o.selfTradePrevention,
    postOnly: o.postOnly,
    reduceOnly: o.reduceOnly,
    cancelOnPause: o.cancelOnPause,
    expirationTimeMs: o.expirationTimeMs,
    takerFillCost: o.takerFillCost,
    makerFillCost: o.makerFillCost,
    takerFees: o.takerFees,
    makerFees: o.makerFees,
    createdMs: o.createdMs,
    updatedMs: o.updatedMs,
    lastUpdateReason: o.lastUpdateReason,
  };
}

export function publicFill(fill: FillRecord): SimFill {
  const { seq: _seq, ...rest } = fill;
  return rest;
}

export function emitBook(state: EngineState, ticker: string, change: LevelChange, owner?: OrderRecord): void {
  if (change.delta === 0) return;
  const tsMs = state.now();
  const { side, price, delta } = change;
  // Kalshi tags a delta with client_order_id when the changed resting size belongs to that user's order.
  state.bus.push(
    owner
      ? {
          kind: 'book',
          ticker,
          side,
          price,
          delta,
          tsMs,
          userId: owner.userId,
          clientOrderId: owner.clientOrderId,
        }
      : { kind: 'book', ticker, side, price, delta, tsMs },
  );
}

/** Every change of an order is announced here, so this is also where its end is noticed. */
export function emitOrder(state: EngineState, order: OrderRecord): void {
  state.bus.push({ kind: 'order', order: publicOrder(order) });
  if (order.status !== 'resting') state.ended.push(order);
}
