// Kalshi's official client (kalshi-typescript 3.30.0) against the simulator over real HTTP: it must
// work unchanged. Each Api object gets a private axios instance: the SDK otherwise installs its signing
// interceptor on the global axios, and every client would sign with the first key.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import axios, { type AxiosError } from 'axios';
import { Configuration, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimKeyRegistry } from '../../../src/sim/auth-verify';
import { createSimExchange } from '../../../src/sim/engine';
import { createSimRestApp } from '../../../src/sim/rest/app';
import { alice, bob, type TestUser } from './rest-fixture';

// Four generated markets with books, plus an empty one where the two users trade with each other.
const QUIET = 'KXSIMSDK-26DEC31-T1';
const exchange = createSimExchange({
  seed: 21,
  markets: { count: 4, seed: 21 },
  marketSpecs: [{ ticker: QUIET }],
});
const keys = createSimKeyRegistry();
for (const u of [alice, bob]) keys.register(u.keyId, u.publicPem, u.userId);
// The SDK signs with Date.now(), so this app runs on the real clock.
const app = createSimRestApp({ exchange, keys, now: Date.now, limits: false });

let server: ReturnType<typeof serve>;
let basePath = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      basePath = `http://127.0.0.1:${info.port}/trade-api/v2`;
      resolve();
    });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function clients(user: TestUser | null) {
  const config = new Configuration({
    basePath,
    ...(user
      ? {
          apiKey: user.keyId,
          privateKeyPem: user.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        }
      : {}),
  });
  return {
    market: new MarketApi(config, undefined, axios.create()),
    portfolio: new PortfolioApi(config, undefined, axios.create()),
    orders: new OrdersApi(config, undefined, axios.create()),
  };
}

describe('kalshi-typescript 3.30.0 against the simulator', () => {
  it('reads markets and an orderbook without credentials', async () => {
    const { market } = clients(null);
    const markets = (await market.getMarkets(3)).data;
    expect(markets.markets).toHaveLength(3);
    expect(markets.cursor).not.toBe('');
    const next = (await market.getMarkets(10, markets.cursor)).data;
    expect(next.markets).toHaveLength(2);
    expect(next.cursor).toBe('');
    const ticker = markets.markets[0]?.ticker ?? '';
    const book = (await market.getMarketOrderbook(ticker, 3)).data;
    expect(book.orderbook_fp.yes_dollars).toHaveLength(3);
    expect(book.orderbook_fp.no_dollars[0]?.[0]).toMatch(/^0\.\d{4}$/);
    const batch = (await market.getMarketOrderbooks([ticker, next.markets[0]?.ticker ?? ''])).data;
    expect(batch.orderbooks).toHaveLength(2);
  });

  it('reads balance and positions, creates and cancels a V2 order, trades and reads fills', async () => {
    const a = clients(alice);
    const b = clients(bob);
    const ticker = exchange.listMarkets()[0]?.ticker ?? '';
    expect(exchange.getBook(ticker)?.yes.length).toBeGreaterThan(0);
    const balance = (await a.portfolio.getBalance()).data;
    expect(balance.balance).toBe(1_000_000);
    expect(balance.balance_dollars).toBe('10000.0000');
    expect((await a.portfolio.getPositions()).data.market_positions).toEqual([]);

    // A resting bid far below the book, then cancelled.
    const created = await a.orders.createOrderV2({
      ticker,
      side: 'bid',
      price: '0.0100',
      count: '3.00',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
      client_order_id: 'sdk-alice-1',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ client_order_id: 'sdk-alice-1', remaining_count: '3.00' });
    const cancelled = await a.orders.cancelOrderV2(created.data.order_id, undefined, undefined, ticker);
    expect(cancelled.data.reduced_by).toBe('3.00');

    // Alice rests an ask on the quiet market; Bob lifts it.
    const price = '0.57';
    await a.orders.createOrderV2({
      ticker: QUIET,
      side: 'ask',
      price,
      count: '2',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
      post_only: true,
    });
    const taken = await b.orders.createOrderV2({
      ticker: QUIET,
      side: 'bid',
      price,
      count: '2',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(taken.data).toMatchObject({
      fill_count: '2.00',
      remaining_count: '0.00',
      average_fill_price: `${price}00`,
    });
    const fills = (await b.portfolio.getFills(QUIET)).data.fills;
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ count_fp: '2.00', yes_price_dollars: `${price}00`, is_taker: true });
    const positions = (await a.portfolio.getPositions()).data.market_positions;
    expect(positions).toEqual([expect.objectContaining({ ticker: QUIET, position_fp: '-2.00' })]);

    // Errors surface as AxiosErrors carrying Kalshi's envelope.
    const dup = await a.orders
      .createOrderV2({
        ticker,
        side: 'bid',
        price: '0.01',
        count: '1',
        time_in_force: 'good_till_canceled',
        self_trade_prevention_type: 'taker_at_cross',
        client_order_id: 'sdk-alice-1',
      })
      .catch((error: AxiosError) => error.response);
    expect(dup?.status).toBe(409);
    expect(dup?.data).toMatchObject({ error: { code: 'order_already_exists' } });
  });
});
