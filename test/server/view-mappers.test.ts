import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  toBalanceView,
  toBookUpdate,
  toBookView,
  toFillView,
  toHealthView,
  toOrderView,
  toPositionView,
} from '../../src/server/view-mappers';
import {
  BalanceViewSchema,
  BookUpdateViewSchema,
  BookViewSchema,
  FillViewSchema,
  OrderViewSchema,
  PositionViewSchema,
} from '../../src/server/views';
import { pnlRow } from './support/pnl-fixtures';

describe('view mappers', () => {
  it('formats an order in Kalshi fixed-point strings with the NO price as the complement', () => {
    const view = toOrderView({
      orderId: 'o',
      clientOrderId: 'c',
      ticker: 'T',
      side: 'ask',
      price: 123,
      initialCount: 1,
      fillCount: 0,
      remainingCount: 1,
      status: 'unknown',
      createdMs: 0,
      updatedMs: null,
    });
    expect(OrderViewSchema.parse(view)).toMatchObject({
      outcome_side: 'no',
      yes_price_dollars: '0.0123',
      no_price_dollars: '0.9877',
      initial_count_fp: '0.01',
      created_time: '1970-01-01T00:00:00.000Z',
      last_update_time: null,
    });
  });

  it('formats positions, fills and balances exactly', () => {
    const held = {
      ticker: 'T',
      position: -1,
      exposure: 1,
      totalTraded: 0,
      realizedPnl: -1_000_001,
      feesPaid: 2,
      updatedMs: null,
    };
    const position = toPositionView(pnlRow(held, { markPrice: 4_000, unrealizedPnl: 3_999 }));
    expect(PositionViewSchema.parse(position)).toEqual({
      ticker: 'T',
      position_fp: '-0.01',
      market_exposure_dollars: '0.000001',
      total_traded_dollars: '0.000000',
      realized_pnl_dollars: '-1.000001',
      fees_paid_dollars: '0.000002',
      realized_pnl_net_dollars: '-1.000003',
      // $0.000001 for a hundredth of a contract: $0.0001 a contract.
      average_entry_price_dollars: '0.000100',
      mark_price_dollars: '0.4000',
      unrealized_pnl_dollars: '0.003999',
      unverified: false,
      exchange: null,
      last_updated_ts: null,
    });
    // Unverified: the exchange's figures ride along; a flat fold has no entry price.
    const row = toPositionView(
      pnlRow(
        { ...held, position: 0, exposure: 0 },
        { unverified: true, exchange: { ...held, position: 300 } },
      ),
    );
    expect(PositionViewSchema.parse(row)).toMatchObject({
      average_entry_price_dollars: null,
      mark_price_dollars: null,
      unrealized_pnl_dollars: '0.000000',
      unverified: true,
      exchange: {
        position_fp: '3.00',
        market_exposure_dollars: '0.000001',
        realized_pnl_dollars: '-1.000001',
        fees_paid_dollars: '0.000002',
      },
    });
    const fill = toFillView({
      fillId: 'f',
      tradeId: 't',
      orderId: 'o',
      clientOrderId: null,
      ticker: 'T',
      side: 'bid',
      price: 9999,
      count: 250,
      isTaker: true,
      fee: 10_000,
      tsMs: 5,
    });
    expect(FillViewSchema.parse(fill)).toMatchObject({
      yes_price_dollars: '0.9999',
      count_fp: '2.50',
      fee_dollars: '0.010000',
    });
    // Sub-cent money keeps its digits rather than being rounded into a 4-decimal string.
    expect(
      BalanceViewSchema.parse(toBalanceView({ balance: 1_234_567, portfolioValue: 0, updatedMs: null })),
    ).toEqual({
      balance_dollars: '1.234567',
      portfolio_value_dollars: '0.0000',
      balance_cents: 123,
    });
  });

  it('derives health from the state', () => {
    expect(toHealthView('ready', 1).healthy).toBe(true);
    expect(toHealthView('degraded', 1)).toMatchObject({ healthy: true, status: 'degraded' });
    expect(toHealthView('ready', 1).status).toBe('running');
    // Acting over a down feed is still degraded; on a live feed it is running.
    expect(toHealthView('acting', 1, true).status).toBe('degraded');
    expect(toHealthView('acting', 1).status).toBe('running');
    expect(toHealthView('kalshi_data_sync', 1)).toEqual({
      healthy: false,
      status: 'unhealthy',
      state: 'kalshi_data_sync',
      uptime: 1,
    });
  });

  it('derives top of book: YES ask = 1 − best NO bid, spread = ask − bid', () => {
    const book = toBookView(
      'T',
      {
        yes: [
          [4000, 100],
          [4500, 100],
        ],
        no: [
          [5000, 100],
          [5400, 100],
        ],
      },
      { seq: 3, stale: true, updatedMs: 9 },
    );
    const update = BookUpdateViewSchema.parse(toBookUpdate(book));
    expect(update).toMatchObject({
      yes_bid_dollars: '0.4500',
      yes_ask_dollars: '0.4600',
      spread_dollars: '0.0100',
      seq: 3,
      stale: true,
    });
    const empty = toBookUpdate(
      toBookView('T', { yes: [], no: [] }, { seq: null, stale: false, updatedMs: null }),
    );
    expect(empty).toMatchObject({ yes_bid_dollars: null, yes_ask_dollars: null, spread_dollars: null });
  });

  it('keeps the best `depth` levels of each side, still ascending, and matches the schema', () => {
    const level = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }));
    const side = fc
      .uniqueArray(level, { selector: (l) => l[0], maxLength: 30 })
      .map((ls) => ls.sort((a, b) => a[0] - b[0]));
    fc.assert(
      fc.property(side, side, fc.integer({ min: 0, max: 100 }), (yes, no, depth) => {
        const view = BookViewSchema.parse(
          toBookView('T', { yes, no }, { seq: 1, stale: false, updatedMs: 1 }, depth),
        );
        const want = depth === 0 ? yes.length : Math.min(depth, yes.length);
        expect(view.orderbook_fp.yes_dollars).toHaveLength(want);
        // The kept levels are the highest bids, in the input's ascending order.
        const kept = yes.slice(yes.length - want).map(([p]) => (p / 10_000).toFixed(4));
        expect(view.orderbook_fp.yes_dollars.map(([p]) => p)).toEqual(kept);
      }),
    );
  });
});
