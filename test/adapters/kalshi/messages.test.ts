import { describe, expect, it } from 'vitest';
import { parseDataMessage } from '../../../src/adapters/kalshi/messages';
import data from '../../fixtures/kalshi/ws-data-messages.json';

const ok = (frame: unknown) => {
  const out = parseDataMessage(frame);
  if (!out.ok) throw new Error(out.issues);
  return out.message;
};

describe('parseDataMessage', () => {
  it('trade: the taker side comes from taker_book_side, with seq', () => {
    expect(ok(data.trade)).toEqual({
      type: 'trade',
      sid: 11,
      seq: 2,
      data: {
        tradeId: 'd91bc706-ee49-470d-82d8-11418bda6fed',
        ticker: 'FED-23DEC-T3.00',
        price: 3600,
        count: 13_600,
        takerSide: 'ask',
        tsMs: 1669149841000,
      },
    });
  });

  it('fill: a domain Fill with the fee in micro-dollars', () => {
    expect(ok(data.fill).data).toEqual({
      fillId: 'd91bc706-ee49-470d-82d8-11418bda6fed',
      tradeId: 'd91bc706-ee49-470d-82d8-11418bda6fed',
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: 'my-order-1',
      ticker: 'HIGHNY-22DEC23-B53.5',
      side: 'bid',
      price: 7500,
      count: 27_800,
      isTaker: true,
      fee: 10_000,
      tsMs: 1671899397000,
      postPosition: 50_000,
    });
  });

  it('fill: falls back to the deprecated side/action pair for the book side', () => {
    const { book_side: _b, outcome_side: _o, ...legacy } = data.fill.msg;
    expect(ok({ ...data.fill, msg: { ...legacy, side: 'no', action: 'sell' } }).data).toMatchObject({
      side: 'bid',
    });
    expect(ok({ ...data.fill, msg: { ...legacy, side: 'yes', action: 'sell' } }).data).toMatchObject({
      side: 'ask',
    });
    expect(parseDataMessage({ ...data.fill, msg: { ...legacy, side: undefined } }).ok).toBe(false);
  });

  it('user_order: a domain Order plus the update reason', () => {
    expect(ok(data.userOrder).data).toEqual({
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: 'my-order-1',
      ticker: 'FED-23DEC-T3.00',
      side: 'bid',
      price: 3500,
      initialCount: 1000,
      fillCount: 0,
      remainingCount: 1000,
      status: 'resting',
      createdMs: 1733047200000,
      updatedMs: 1733047200000,
      lastUpdateReason: 'Trade',
      fees: 0,
    });
    const odd = ok({ ...data.userOrder, msg: { ...data.userOrder.msg, status: 'pending' } });
    expect(odd.data).toMatchObject({ status: 'unknown' });
  });

  it('market_position: signed position and money in micro-dollars', () => {
    expect(ok(data.marketPosition).data).toEqual({
      ticker: 'FED-23DEC-T3.00',
      position: -10_000,
      positionCost: 50_000_000,
      realizedPnl: 10_000_000,
      feesPaid: 1_000_000,
      volume: 1500,
    });
  });

  it('market_lifecycle_v2: seconds to ms and price ranges to ticks', () => {
    expect(ok(data.lifecycle)).toMatchObject({
      type: 'market_lifecycle_v2',
      seq: 3,
      data: {
        ticker: 'INXD-23SEP14-B4487',
        eventType: 'price_level_structure_updated',
        openTsMs: 1694635200000,
        closeTsMs: 1694721600000,
        priceLevelStructure: 'tapered_deci_cent',
        priceRanges: [
          { start: 0, end: 1000, step: 10 },
          { start: 1000, end: 9000, step: 100 },
          { start: 9000, end: 10_000, step: 10 },
        ],
      },
    });
  });

  it('accepts numbers where strings are expected', () => {
    const msg = { ...data.trade.msg, yes_price_dollars: 0.36, count_fp: 136 };
    expect(ok({ ...data.trade, msg }).data).toMatchObject({ price: 3600, count: 13_600 });
  });

  it('rejects values it cannot hold exactly, missing fields and unknown types with issues', () => {
    const cases = [
      { ...data.trade, msg: { ...data.trade.msg, yes_price_dollars: '0.36001' } },
      { ...data.fill, msg: { ...data.fill.msg, count_fp: 'lots' } },
      { ...data.marketPosition, msg: { ...data.marketPosition.msg, market_ticker: undefined } },
      { ...data.ticker, sid: 'eleven' },
      { type: 'orderbook_delta', sid: 1, msg: {} },
      null,
    ];
    for (const frame of cases) {
      const out = parseDataMessage(frame);
      expect(out.ok, JSON.stringify(frame)).toBe(false);
      if (!out.ok) expect(out.issues.length).toBeGreaterThan(0);
    }
  });
});
