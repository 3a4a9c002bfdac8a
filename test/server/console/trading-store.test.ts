// The console's trading model: books, orders and positions folded from real /v3/ws frames.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Order, Position } from '../../../src/domain/trading-types';
import {
  applyFrame,
  createStore,
  type ServerFrame,
  type Store,
} from '../../../src/server/console/assets/console-store.js';
import { markPosition } from '../../../src/server/console/assets/trading-store.js';
import { toBookUpdate, toBookView, toOrderView, toPositionView } from '../../../src/server/view-mappers';
import { encodeFrame } from '../../../src/server/ws-frames';
import { NO_PNL, pnlRow } from '../support/pnl-fixtures';

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
  frame('position_update', toPositionView(pnlRow({ ...POSITION, ...patch })));

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

  it("takes the market's last trade price and volume from an orderbook frame; absent means unknown", () => {
    const trade = { lastPrice: 4_700, volume: 128_000 };
    const view = toBookView('KXA', { yes: [], no: [] }, { seq: 1, stale: false, updatedMs: 1, trade });
    applyFrame(store, frame('orderbook', toBookUpdate(view)));
    expect(store.markets.get('KXA')).toMatchObject({ lastPrice: '0.4700', volume: '1280.00' });
    // An older daemon's frame has neither field.
    const { last_price_dollars: _p, volume_fp: _v, ...older } = toBookUpdate(view);
    applyFrame(store, frame('orderbook', older));
    expect(store.markets.get('KXA')).toMatchObject({ lastPrice: null, volume: null });
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
      positions: [
        toPositionView(pnlRow(POSITION)),
        toPositionView(pnlRow({ ...POSITION, ticker: 'KXF', position: 0 })),
      ],
      open_orders: [
        toOrderView({ ...ORDER, status: 'resting' }),
        toOrderView({ ...ORDER, clientOrderId: 'kt-9', status: 'executed' }),
      ],
      daily_realized_pnl_dollars: '0.000000',
      pnl: NO_PNL,
      sync_timestamp: 0,
      changes: null,
      order_group: null,
    };
    expect(applyFrame(store, frame('trading_state', data))).toBe(true);
    expect([...store.positions.keys()]).toEqual(['KXA']);
    expect([...store.orders.keys()]).toEqual(['kt-1']);
    expect(store.trader.cashCents).toBe(123_456);
  });

  it("takes today's realized P&L and the totals from a trading_state frame", () => {
    const data = {
      version: 1,
      balance: 1,
      portfolio_value: 0,
      position_count: 0,
      order_count: 0,
      positions: [],
      open_orders: [],
      daily_realized_pnl_dollars: '-0.250000',
      pnl: { ...NO_PNL, fees_paid_dollars: '0.010000' },
      sync_timestamp: 0,
      changes: null,
      order_group: null,
    };
    applyFrame(store, frame('trading_state', data));
    expect(store.trader.dailyPnl).toBe('-0.250000');
    expect(store.trader.pnl?.fees_paid_dollars).toBe('0.010000');
  });

  it('keeps a flat position the daemon cannot verify', () => {
    applyFrame(
      store,
      frame(
        'position_update',
        toPositionView(pnlRow({ ...POSITION, position: 0, exposure: 0 }, { unverified: true })),
      ),
    );
    expect(store.positions.get('KXA')?.unverified).toBe(true);
  });
});

describe("positions marked to the page's live book", () => {
  it('marks a long YES at the YES bid and a long NO at the NO bid, exactly', () => {
    applyFrame(store, book('KXA', [[4_400, 100]], [[5_300, 100]], 1_000));
    const m = store.markets.get('KXA');
    // 1 YES held at $0.45 basis, YES bid $0.44: −$0.01.
    expect(markPosition(toPositionView(pnlRow(POSITION)), m)).toEqual({
      markTicks: 4_400,
      unrealizedMicros: -10_000,
    });
    // 2 NO held at $0.60 basis, NO bid $0.53 (YES ask $0.47): −$0.14.
    const no = toPositionView(pnlRow({ ...POSITION, position: -200, exposure: 1_200_000 }));
    expect(markPosition(no, m)).toEqual({ markTicks: 5_300, unrealizedMicros: -140_000 });
  });

  it("falls back to the daemon's figures without a book, and is zero when flat", () => {
    const view = toPositionView(pnlRow(POSITION, { markPrice: 4_700, unrealizedPnl: 20_000 }));
    expect(markPosition(view, undefined)).toEqual({ markTicks: 4_700, unrealizedMicros: 20_000 });
    const flat = toPositionView(pnlRow({ ...POSITION, position: 0 }));
    expect(markPosition(flat, undefined)).toEqual({ markTicks: null, unrealizedMicros: 0 });
  });
});
