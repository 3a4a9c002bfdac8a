// A scripted in-memory exchange behind the TradingClient slice: tests hold its answers open with gates.
import type { TradingClient } from '../../../src/actors/trading/trading-ports';
import type { FillFilter } from '../../../src/adapters/kalshi/client-types';
import type { Fill, Order, Position } from '../../../src/domain/trading-types';
import { balance, T0 } from './trading-fixtures';

/** The order the exchange rests for a create intent (nothing filled yet). */
export function restingOrder(
  intent: { ticker: string; side: Order['side']; price: number; count: number },
  orderId: string,
  clientOrderId: string,
): Order {
  return {
    orderId,
    clientOrderId,
    ticker: intent.ticker,
    side: intent.side,
    price: intent.price,
    initialCount: intent.count,
    fillCount: 0,
    remainingCount: intent.count,
    status: 'resting',
    createdMs: T0,
    updatedMs: T0,
  };
}

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves the first time `signal()` is called: lets a test wait for a step to be reached. */
export function signal(): { reached: Promise<void>; signal(): void } {
  const g = gate();
  return { reached: g.promise, signal: g.open };
}

export interface FakeExchange {
  client: TradingClient;
  orders: Order[];
  positions: Position[];
  /** The fills REST lists (filtered by the request's ticker and min_ts, in seconds, like Kalshi). */
  fills: Fill[];
  /** The filter of every listFills call, in order. */
  fillFilters: FillFilter[];
  /** When set, listFills throws it. */
  fillsError: Error | null;
  /** Every call in order: `create:<clientOrderId>`, `answer:<clientOrderId>`, `cancel:<orderId>`, `positions`. */
  calls: string[];
  /** Awaited before a create answers (the order is already on the book by then). */
  createGate: Gate | null;
  /** Awaited inside each listPositions call, in turn; absent entries answer at once. */
  positionGates: (Gate | undefined)[];
}

export function fakeExchange(): FakeExchange {
  let nextId = 0;
  let positionCalls = 0;
  const ex: FakeExchange = {
    orders: [],
    positions: [],
    fills: [],
    fillFilters: [],
    fillsError: null,
    calls: [],
    createGate: null,
    positionGates: [],
    client: {
      getExchangeStatus: async () => ({ exchangeActive: true, tradingActive: true }),
      getBalance: async () => balance(100_000_000),
      loadAccountLimits: async () => {
        ex.calls.push('limits');
        const basic = { refillRate: 20, bucketCapacity: 20 };
        return { source: 'default', read: basic, write: { refillRate: 10, bucketCapacity: 10 } };
      },
      listPositions: async () => {
        const g = ex.positionGates[positionCalls++];
        // Read before waiting: the answer is what the exchange held when the request was served.
        const rows = ex.positions.map((p) => ({ ...p }));
        ex.calls.push('positions');
        await g?.promise;
        return rows;
      },
      listOrders: async (filter = {}) =>
        ex.orders.filter((o) => (!filter.status || o.status === filter.status) && !filter.ticker),
      listSettlements: async () => [],
      listFills: async (filter = {}) => {
        ex.fillFilters.push(filter);
        if (ex.fillsError) throw ex.fillsError;
        const minMs = (filter.minTs ?? 0) * 1000;
        return ex.fills
          .filter((f) => f.tsMs >= minMs && (filter.ticker === undefined || f.ticker === filter.ticker))
          .map((f) => ({ ...f }));
      },
      submitOrder: async (intent, hooks = {}) => {
        const clientOrderId = intent.clientOrderId ?? 'none';
        hooks.onBeforeSend?.(clientOrderId, intent);
        ex.calls.push(`create:${clientOrderId}`);
        const orderId = `oid-${++nextId}`;
        ex.orders.push(restingOrder(intent, orderId, clientOrderId));
        await ex.createGate?.promise;
        ex.calls.push(`answer:${clientOrderId}`);
        return { outcome: 'accepted', orderId, clientOrderId, fillCount: 0, remainingCount: intent.count };
      },
      cancelOrder: async (orderId) => {
        ex.calls.push(`cancel:${orderId}`);
        const order = ex.orders.find((o) => o.orderId === orderId && o.status === 'resting');
        if (!order) throw new Error(`no resting order ${orderId}`);
        order.status = 'canceled';
        const reducedBy = order.remainingCount;
        order.remainingCount = 0;
        return { outcome: 'canceled', orderId, clientOrderId: order.clientOrderId, reducedBy };
      },
      amendOrder: async (orderId, amend) => {
        ex.calls.push(`amend:${orderId}`);
        const order = ex.orders.find((o) => o.orderId === orderId && o.status === 'resting');
        if (!order) throw new Error(`no resting order ${orderId}`);
        Object.assign(order, { price: amend.price, initialCount: amend.count });
        order.remainingCount = amend.count - order.fillCount;
        const { clientOrderId, fillCount, remainingCount } = order;
        return { outcome: 'accepted', orderId, clientOrderId, fillCount, remainingCount };
      },
      decreaseOrder: async (orderId, decrease) => {
        ex.calls.push(`decrease:${orderId}`);
        const order = ex.orders.find((o) => o.orderId === orderId && o.status === 'resting');
        if (!order) throw new Error(`no resting order ${orderId}`);
        order.remainingCount =
          'reduceTo' in decrease ? decrease.reduceTo : order.remainingCount - decrease.reduceBy;
        return { outcome: 'accepted', orderId, remainingCount: order.remainingCount };
      },
    },
  };
  return ex;
}
