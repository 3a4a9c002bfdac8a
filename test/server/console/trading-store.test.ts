// The console's trading model: books, orders and positions folded from real /v3/ws frames.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Order, Position } from '../../../src/domain/trading-types';
import {
  applyFrame,
  createStore,
  type ServerFrame,
  type Store,
} from '../../../src/server/console/assets/console-store.js';
import { toBookUpdate, toBookView, toOrderView, toPositionView } from '../../../src/server/view-mappers';
import { encodeFrame } from '../../../src/server/ws-frames';

const frame = (type: string, data: unknown) => JSON.parse(encodeFrame(type, data, 0)) as ServerFrame;

const book = (ticker: string, yes: [number, number][], no: [number, number][], updatedMs: number) =>
  frame('orderbook', toBookUpdate(toBookView(ticker, { yes, no }, { seq: 1, stale: false, updatedMs })));

const ORDER: Order = {
  orderId: '',
  clientOrderId: 'kt-1',
  ticker: 'KXA',
  side: 'bid',
  price: 100,
  initialCount: 300,
  fillCount: 0,
  remainingCount: 300,
  status: 'pending',
  createdMs: 1_000,
  updatedMs: null,
};
const order = (patch: Partial<Order>) => frame('order_update', toOrderView({ ...ORDER, ...patch }));

const POSITION: Position = {
  ticker: 'KXA',
  position: 100,
  exposure: 450_000,
  totalTraded: 450_000,
  realizedPnl: 0,
  feesPaid: 10_000,
  updatedMs: null,
};
const position = (patch: Partial<Position>) =>
  frame('position_update', toPositionView({ ...POSITION, ...patch }));

let store: Store;
beforeEach(() => {
  store = createStore();
});

describe('console trading store', () => {
  it('takes the top of book, its sizes and levels from an orderbook frame, and charts each update', () => {
    applyFrame(
      store,
      book(
        'KXA',
        [
          [4_400, 500],
          [4_500, 1_000],
        ],
        [[5_200, 700]],
        1_000,
      ),
    );
    applyFrame(store, book('KXA', [[4_600, 200]], [[5_200, 700]], 2_000));
    const m = store.markets.get('KXA');
    expect(m).toMatchObject({
      bid: '0.4600',
      ask: '0.4800',
      spread: '0.0200',
      bidSize: '2.00',
      askSize: '7.00',
      stale: false,
      updatedMs: 2_000,
    });
    expect(m?.history).toEqual([
      { t: 1_000, bid: '0.4500', ask: '0.4800' },
      { t: 2_000, bid: '0.4600', ask: '0.4800' },
    ]);
  });

  it('keeps the newest 300 chart points', () => {
    for (let t = 0; t < 305; t++) applyFrame(store, book('KXA', [[4_500, 100]], [], t));
    const history = store.markets.get('KXA')?.history ?? [];
    expect(history).toHaveLength(300);
    expect(history[0]?.t).toBe(5);
  });

  it('keeps one row per order from pending to resting, logs each change once, drops it when done', () => {
    applyFrame(store, order({}));
    applyFrame(store, order({ orderId: 'ex-1', status: 'resting' }));
    applyFrame(store, order({ orderId: 'ex-1', status: 'resting' }));
    expect([...store.orders.keys()]).toEqual(['kt-1']);
    expect(store.orders.get('kt-1')?.order_id).toBe('ex-1');
    expect(store.activity.map((e) => e.message)).toEqual([
      'pending KXA buy YES 3 @ 1.00¢ (filled 0)',
      'resting KXA buy YES 3 @ 1.00¢ (filled 0)',
    ]);
    applyFrame(store, order({ orderId: 'ex-1', status: 'canceled', remainingCount: 0 }));
    expect(store.orders.size).toBe(0);
  });

  it('logs a rejected or unknown outcome as a warning', () => {
    applyFrame(store, order({ status: 'rejected' }));
    applyFrame(store, order({ clientOrderId: 'kt-2', status: 'unknown' }));
    expect(store.activity.map((e) => e.severity)).toEqual(['warning', 'warning']);
    expect([...store.orders.keys()]).toEqual(['kt-2']);
  });

  it('replaces a market’s position on update and forgets it once flat', () => {
    applyFrame(store, position({}));
    applyFrame(store, position({ ticker: 'KXB', position: -200 }));
    applyFrame(store, position({ position: 300 }));
    expect([...store.positions.values()].map((p) => [p.ticker, p.position_fp])).toEqual([
      ['KXB', '-2.00'],
      ['KXA', '3.00'],
    ]);
    expect(store.activity.at(-1)?.message).toBe('KXA position 3');
    applyFrame(store, position({ position: 0 }));
    expect([...store.positions.keys()]).toEqual(['KXB']);
  });

  it('replaces positions and live orders and takes the cash from a trading_state frame', () => {
    applyFrame(store, order({ clientOrderId: 'old' }));
    const data = {
      version: 1,
      balance: 123_456,
      portfolio_value: 0,
      position_count: 1,
      order_count: 2,
      positions: [toPositionView(POSITION), toPositionView({ ...POSITION, ticker: 'KXF', position: 0 })],
      open_orders: [
        toOrderView({ ...ORDER, status: 'resting' }),
        toOrderView({ ...ORDER, clientOrderId: 'kt-9', status: 'executed' }),
      ],
      sync_timestamp: 0,
      changes: null,
      order_group: null,
    };
    expect(applyFrame(store, frame('trading_state', data))).toBe(true);
    expect([...store.positions.keys()]).toEqual(['KXA']);
    expect([...store.orders.keys()]).toEqual(['kt-1']);
    expect(store.trader.cashCents).toBe(123_456);
  });
});
