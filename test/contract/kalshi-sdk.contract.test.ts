// Contract: Kalshi's official client (kalshi-typescript 3.30.0), used unchanged against the full
// simulator server: markets, orderbook, balance, positions, V2 create/cancel, fills, error envelope.
import type { AxiosError } from 'axios';
import { GetMarketsStatusEnum, type Market, type MarketApi } from 'kalshi-typescript';
import { expect, it } from 'vitest';
import { parsePrice } from '../../src/domain/fixed-point';
import { newClientOrderId } from './contract-helpers';
import { sdk } from './sdk-clients';
import { type Connection, describeTargets } from './targets';
import { COUNT_TEXT, MONEY_TEXT, PRICE_TEXT } from './wire';

/** `GET /markets?status=open`: the SDK takes its 14 query parameters positionally (_ = not used). */
const _ = undefined;
const openMarkets = (api: MarketApi, limit: number, cursor?: string) =>
  api.getMarkets(limit, cursor, _, _, _, _, _, _, _, _, _, GetMarketsStatusEnum.Open);

/** An open two-sided market whose best bid is well above $0.01 (where our resting bid goes). */
async function pickMarket(conn: Connection): Promise<Market> {
  const { data } = await openMarkets(sdk(conn).market, 100);
  const market = data.markets.find(
    (m) =>
      m.status === 'active' && parsePrice(m.yes_bid_dollars) >= 1_500 && parsePrice(m.yes_ask_dollars) > 0,
  );
  if (!market) throw new Error('no usable open market');
  return market;
}

/** The HTTP answer of a rejected SDK call (AxiosError.response). */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as AxiosError | undefined;
  expect(error?.isAxiosError).toBe(true);
  // biome-ignore lint/suspicious/noExplicitAny: the envelope is checked field by field
  return error!.response as { status: number; data: any };
}

describeTargets('kalshi-typescript 3.30.0', { flowRunning: false }, (t) => {
  it('lists open markets page by page', async () => {
    const { market } = sdk(t.conn);
    const first = (await openMarkets(market, 2)).data;
    expect(first.markets).toHaveLength(2);
    expect(first.cursor).toBeTruthy();
    const next = (await openMarkets(market, 2, first.cursor)).data;
    expect(next.markets.length).toBeGreaterThan(0);
    expect(next.markets.map((m) => m.ticker)).not.toContain(first.markets[0]!.ticker);
    for (const m of [...first.markets, ...next.markets]) {
      expect(m.status).toBe('active');
      expect(m.yes_bid_dollars).toMatch(PRICE_TEXT);
    }
  });

  it('reads an orderbook to a depth', async () => {
    const { ticker } = await pickMarket(t.conn);
    const book = (await sdk(t.conn).market.getMarketOrderbook(ticker, 3)).data.orderbook_fp;
    expect(book.yes_dollars.length).toBeGreaterThan(0);
    expect(book.yes_dollars.length).toBeLessThanOrEqual(3);
    for (const [price, count] of [...book.yes_dollars, ...book.no_dollars]) {
      expect(price).toMatch(PRICE_TEXT);
      expect(count).toMatch(COUNT_TEXT);
    }
  });

  it('reads balance and positions', async () => {
    const { portfolio } = sdk(t.conn);
    const balance = (await portfolio.getBalance()).data;
    expect(Number.isInteger(balance.balance)).toBe(true);
    if (balance.balance_dollars !== undefined) expect(balance.balance_dollars).toMatch(MONEY_TEXT);
    const positions = (await portfolio.getPositions(undefined, 10)).data;
    expect(Array.isArray(positions.market_positions)).toBe(true);
  });

  it('surfaces an unknown market as a 404 error envelope', async () => {
    const res = await failure(sdk(t.conn).market.getMarket('KXCONTRACT-99JAN01-T0'));
    expect(res.status).toBe(404);
    expect(res.data.error).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    );
  });

  it.skipIf(!t.isSim)('creates and cancels a resting V2 order (sim-only)', async () => {
    const { ticker } = await pickMarket(t.conn);
    const { orders } = sdk(t.conn);
    const clientOrderId = newClientOrderId();
    const created = await orders.createOrderV2({
      ticker,
      client_order_id: clientOrderId,
      side: 'bid',
      price: '0.0100',
      count: '1.00',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
      post_only: true,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      client_order_id: clientOrderId,
      fill_count: '0.00',
      remaining_count: '1.00',
    });
    const order = (await orders.getOrder(created.data.order_id)).data.order;
    expect(order).toMatchObject({ status: 'resting', yes_price_dollars: '0.0100', book_side: 'bid' });
    const canceled = await orders.cancelOrderV2(created.data.order_id, undefined, undefined, ticker);
    expect(canceled.data).toMatchObject({ order_id: created.data.order_id, reduced_by: '1.00' });
  });

  it.skipIf(!t.isSim)('trades against the book and reads the fill (sim-only)', async () => {
    const { ticker, yes_ask_dollars: ask } = await pickMarket(t.conn);
    const { orders, portfolio } = sdk(t.conn);
    const taken = await orders.createOrderV2({
      ticker,
      side: 'bid',
      price: ask,
      count: '1.00',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(taken.data).toMatchObject({
      fill_count: '1.00',
      remaining_count: '0.00',
      average_fill_price: ask,
    });
    const fills = (await portfolio.getFills(ticker, taken.data.order_id)).data.fills;
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({
      order_id: taken.data.order_id,
      count_fp: '1.00',
      yes_price_dollars: ask,
    });
    expect(fills[0]).toMatchObject({ book_side: 'bid', outcome_side: 'yes', is_taker: true });
    const positions = (await portfolio.getPositions(undefined, undefined, undefined, ticker)).data;
    expect(positions.market_positions).toEqual([expect.objectContaining({ ticker, position_fp: '1.00' })]);
  });

  it.skipIf(!t.isSim)('surfaces an off-tick price as a 400 error envelope (sim-only)', async () => {
    const { ticker } = await pickMarket(t.conn);
    const res = await failure(
      sdk(t.conn).orders.createOrderV2({
        ticker,
        side: 'bid',
        price: '0.0101',
        count: '1.00',
        time_in_force: 'good_till_canceled',
        self_trade_prevention_type: 'taker_at_cross',
        post_only: true,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.data).toEqual({
      error: expect.objectContaining({ code: 'invalid_price', message: expect.any(String) }),
    });
  });
});
