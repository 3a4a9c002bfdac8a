// Builders for storage tests: sessions, order rows, fills, orders and positions in domain units.
import { randomUUID } from 'node:crypto';
import type { NewOrder, SessionStart } from '../../../src/domain/storage-records';
import type { Fill, Order, Position } from '../../../src/domain/trading-types';

export const session = (over: Partial<SessionStart> = {}): SessionStart => ({
  uuid: randomUUID(),
  daemonId: 'daemon-a',
  orderPrefix: 'kt-',
  startedMs: 1_700_000_000_000,
  exchange: 'simulator',
  ...over,
});

export const newOrder = (n: number, over: Partial<NewOrder> = {}): NewOrder => ({
  clientOrderId: `kt-${n}`,
  intentId: `intent-${n}`,
  source: 'strategy',
  ticker: 'KXTEST-A',
  side: 'bid',
  price: 4_500,
  count: 300,
  createdMs: 1_700_000_000_000 + n,
  ...over,
});

/** The exchange's view of order `n` after it was accepted. */
export const order = (n: number, over: Partial<Order> = {}): Order => ({
  orderId: `ord-${n}`,
  clientOrderId: `kt-${n}`,
  ticker: 'KXTEST-A',
  side: 'bid',
  price: 4_500,
  initialCount: 300,
  fillCount: 0,
  remainingCount: 300,
  status: 'resting',
  createdMs: 1_700_000_000_000 + n,
  updatedMs: 1_700_000_000_100 + n,
  ...over,
});

export const fill = (n: number, over: Partial<Fill> = {}): Fill => ({
  fillId: `fill-${n}`,
  tradeId: `trade-${n}`,
  orderId: `ord-${n}`,
  clientOrderId: `kt-${n}`,
  ticker: 'KXTEST-A',
  side: 'bid',
  price: 4_500,
  count: 100,
  isTaker: n % 2 === 0,
  fee: 7_000,
  tsMs: 1_700_000_001_000 + n,
  ...over,
});

export const position = (ticker: string, realizedPnl: number, feesPaid: number): Position => ({
  ticker,
  position: 200,
  exposure: 9_000_000,
  totalTraded: 9_000_000,
  realizedPnl,
  feesPaid,
  updatedMs: null,
});
