import { describe, expect, it } from 'vitest';
import {
  parseBalance,
  parseExchangeStatus,
  parseFill,
  parseMarket,
  parseOrder,
  parseOrderbook,
  parsePosition,
  unixToMs,
} from '../../../src/adapters/kalshi/parse';
import {
  accountLimitsSchema,
  exchangeStatusSchema,
  getMarketsResponseSchema,
  getOrderbookResponseSchema,
} from '../../../src/adapters/kalshi/schemas';
import {
  amendOrderV2ResponseSchema,
  batchCreateOrdersV2ResponseSchema,
  cancelOrderV2ResponseSchema,
  createOrderV2ResponseSchema,
  decreaseOrderV2ResponseSchema,
} from '../../../src/adapters/kalshi/schemas-orders';
import {
  balanceResponseSchema,
  getFillsResponseSchema,
  getOrdersResponseSchema,
  getPositionsResponseSchema,
} from '../../../src/adapters/kalshi/schemas-portfolio';
import { fixture } from './helpers/scripted-server';

describe('markets', () => {
  const res = getMarketsResponseSchema.parse(fixture('markets'));

  it('converts prices to ticks, counts to centi-contracts, times to ms', () => {
    expect(res.cursor).toBe('CgwIgLj5rQYQwKOg6gE');
    expect(parseMarket(res.markets[0]!)).toEqual({
      ticker: 'KXHIGHNY-24JAN01-T60',
      eventTicker: 'KXHIGHNY-24JAN01',
      title: 'Will the high temp in NYC be >60° on Jan 1, 2024?',
      status: 'active',
      priceLevelStructure: 'linear_cent',
      priceRanges: [{ start: 0, end: 10_000, step: 100 }],
      yesBid: 4500,
      yesAsk: 5300,
      lastPrice: 4800,
      volume: 3_389_600,
      volume24h: 120_050,
      openInterest: 2_042_200,
      closeTimeMs: Date.UTC(2024, 0, 2, 4, 59),
    });
  });

  it('reads empty/null prices as no value and keeps every price range', () => {
    const m = parseMarket(res.markets[1]!);
    expect([m.yesBid, m.yesAsk, m.lastPrice]).toEqual([null, null, 0]);
    expect(m.priceRanges).toEqual([
      { start: 0, end: 1000, step: 10 },
      { start: 1000, end: 9000, step: 100 },
      { start: 9000, end: 10_000, step: 10 },
    ]);
  });

  it('rejects a market without price_ranges or with a sub-tick price', () => {
    const good = (fixture('markets') as { markets: Record<string, unknown>[] }).markets[0]!;
    const { price_ranges: _, ...noRanges } = good;
    expect(getMarketsResponseSchema.safeParse({ markets: [noRanges], cursor: '' }).success).toBe(false);
    const subTick = { ...good, yes_bid_dollars: '0.45001' };
    const result = getMarketsResponseSchema.safeParse({ markets: [subTick], cursor: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['markets', 0, 'yes_bid_dollars']);
  });

  it('accepts numbers where Kalshi documents strings', () => {
    const good = (fixture('markets') as { markets: Record<string, unknown>[] }).markets[0]!;
    const parsed = getMarketsResponseSchema.parse({
      markets: [{ ...good, yes_bid_dollars: 0.45 }],
      cursor: '',
    });
    expect(parseMarket(parsed.markets[0]!).yesBid).toBe(4500);
  });
});

describe('orderbook', () => {
  it('yields ascending [ticks, centi] levels per side', () => {
    const res = getOrderbookResponseSchema.parse(fixture('orderbook'));
    expect(parseOrderbook(res.orderbook_fp)).toEqual({
      yes: [
        [4000, 5000],
        [4200, 1300],
      ],
      no: [
        [5000, 2000],
        [5500, 14_600],
      ],
    });
  });

  it('treats a missing or null side as empty and sorts unsorted input', () => {
    const res = getOrderbookResponseSchema.parse({
      orderbook_fp: {
        yes_dollars: [
          ['0.30', '1'],
          ['0.10', '2.5'],
        ],
        no_dollars: null,
      },
    });
    expect(parseOrderbook(res.orderbook_fp)).toEqual({
      yes: [
        [1000, 250],
        [3000, 100],
      ],
      no: [],
    });
  });
});

describe('portfolio', () => {
  it('balance prefers balance_dollars and converts cents otherwise', () => {
    const res = balanceResponseSchema.parse(fixture('balance'));
    expect(parseBalance(res)).toEqual({
      balance: 123_450_000,
      portfolioValue: 67_890_000,
      updatedMs: 1_733_047_200_000,
    });
    const centsOnly = balanceResponseSchema.parse({ balance: 105, portfolio_value: 0 });
    expect(parseBalance(centsOnly)).toEqual({ balance: 1_050_000, portfolioValue: 0, updatedMs: null });
  });

  it('positions are signed and money is in micro-dollars', () => {
    const res = getPositionsResponseSchema.parse(fixture('positions'));
    expect(res.market_positions.map(parsePosition)).toEqual([
      {
        ticker: 'KXHIGHNY-24JAN01-T60',
        position: -500,
        exposure: 2_500_000,
        totalTraded: 7_250_000,
        realizedPnl: -300_000,
        feesPaid: 70_000,
        updatedMs: Date.parse('2026-05-31T23:34:49.912Z'),
      },
      expect.objectContaining({ ticker: 'FED-23DEC-T3.00', position: 1250, exposure: 4_375_000 }),
    ]);
  });

  it('orders take book_side, or derive it from legacy side + action', () => {
    const res = getOrdersResponseSchema.parse(fixture('orders'));
    const [resting, executed] = res.orders.map(parseOrder);
    expect(resting).toEqual({
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: 'my-order-1',
      ticker: 'FED-23DEC-T3.00',
      side: 'bid',
      price: 3500,
      initialCount: 1000,
      fillCount: 250,
      remainingCount: 750,
      status: 'resting',
      createdMs: Date.parse('2026-06-01T12:00:00Z'),
      updatedMs: Date.parse('2026-06-01T12:00:05.250Z'),
    });
    expect(executed).toMatchObject({ side: 'ask', price: 6100, status: 'executed', updatedMs: null });
  });

  it('maps an unfamiliar order status to unknown, and refuses an order with no direction', () => {
    const base = (fixture('orders') as { orders: Record<string, unknown>[] }).orders[0]!;
    const odd = getOrdersResponseSchema.parse({ orders: [{ ...base, status: 'frozen' }], cursor: '' });
    expect(parseOrder(odd.orders[0]!).status).toBe('unknown');
    const { book_side: _b, side: _s, ...noDirection } = base;
    expect(getOrdersResponseSchema.safeParse({ orders: [noDirection], cursor: '' }).success).toBe(false);
  });

  it('fills carry fee in micro-dollars and a ms timestamp', () => {
    const res = getFillsResponseSchema.parse(fixture('fills'));
    const [taker, maker] = res.fills.map(parseFill);
    expect(taker).toEqual({
      fillId: '3e1a6a52-2222-4b0e-8f3e-0d3a5d1c0001',
      tradeId: '3e1a6a52-2222-4b0e-8f3e-0d3a5d1c0001',
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: null,
      ticker: 'FED-23DEC-T3.00',
      side: 'bid',
      price: 7500,
      count: 27_800,
      isTaker: true,
      fee: 10_000,
      tsMs: 1_671_899_397_000,
    });
    expect(maker).toMatchObject({ side: 'ask', count: 50, isTaker: false, fee: 0, tsMs: 1_671_899_400_000 });
  });
});

describe('exchange and account', () => {
  it('exchange status', () => {
    expect(parseExchangeStatus(exchangeStatusSchema.parse(fixture('exchange-status')))).toEqual({
      exchangeActive: true,
      tradingActive: false,
    });
  });

  it('account limits', () => {
    expect(accountLimitsSchema.parse(fixture('account-limits'))).toMatchObject({
      usage_tier: 'advanced',
      read: { refill_rate: 300, bucket_capacity: 600 },
    });
  });
});

describe('V2 order write responses', () => {
  it('validate against the documented shapes', () => {
    expect(createOrderV2ResponseSchema.parse(fixture('create-order-v2'))).toMatchObject({
      fill_count: '4.00',
      remaining_count: '6.00',
    });
    expect(cancelOrderV2ResponseSchema.parse(fixture('cancel-order-v2')).reduced_by).toBe('7.00');
    expect(amendOrderV2ResponseSchema.parse(fixture('amend-order-v2')).remaining_count).toBe('5.00');
    expect(decreaseOrderV2ResponseSchema.parse(fixture('decrease-order-v2')).remaining_count).toBe('3.00');
    const batch = batchCreateOrdersV2ResponseSchema.parse(fixture('batch-create-orders-v2'));
    expect(batch.orders[1]?.error?.code).toBe('order_already_exists');
  });

  it('refuse a create response without an order id', () => {
    expect(
      createOrderV2ResponseSchema.safeParse({ fill_count: '0.00', remaining_count: '1.00' }).success,
    ).toBe(false);
  });
});

describe('unixToMs', () => {
  it('reads seconds or ms as whole epoch ms', () => {
    expect(unixToMs(1_733_047_200)).toBe(1_733_047_200_000);
    expect(unixToMs(1_733_047_200.5)).toBe(1_733_047_200_500);
    expect(unixToMs(1_733_047_200_123)).toBe(1_733_047_200_123);
  });

  it('gives null, not a fraction or a negative, for what no clock says (found by fuzzing)', () => {
    for (const v of [-4.94e-321, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, null, undefined]) {
      expect(unixToMs(v), String(v)).toBeNull();
    }
  });
});
