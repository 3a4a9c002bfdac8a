import { afterEach, describe, expect, it } from 'vitest';
import { createKalshiClient, type KalshiClientOptions } from '../../../src/adapters/kalshi/client';
import {
  isAuthError,
  isOrderAlreadyExists,
  isTradingPaused,
  KalshiInputError,
  KalshiResponseError,
} from '../../../src/adapters/kalshi/errors';
import type { OrderIntent } from '../../../src/adapters/kalshi/order-commands';
import type { KalshiRestOptions } from '../../../src/adapters/kalshi/rest';
import {
  fixture,
  kalshiError,
  ok,
  type Reply,
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from './helpers/scripted-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(script: Script, options: Partial<KalshiRestOptions & KalshiClientOptions> = {}) {
  server = await startScriptedServer(script);
  let t = 1_750_000_000_000;
  let ids = 0;
  const client = createKalshiClient({
    baseUrl: server.baseUrl,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    random: () => 0,
    randomUUID: () => `uuid-${++ids}`,
    ...options,
  });
  return { client, server };
}

const sequence =
  (...replies: Reply[]): Script =>
  (_req, i) =>
    replies[Math.min(i, replies.length - 1)]!;

type MarketsFixture = { markets: { ticker: string }[] };
const market = (ticker: string) => ({ ...(fixture('markets') as MarketsFixture).markets[0]!, ticker });

const INTENT: OrderIntent = { ticker: 'KXFOO-26DEC31-T1', side: 'bid', price: 5600, count: 1000 };

describe('lists follow cursors', () => {
  it('listMarkets walks every page with the same filters', async () => {
    const pages: Record<string, Reply> = {
      '': ok({ markets: [market('A'), market('B')], cursor: 'c1' }),
      c1: ok({ markets: [market('C')], cursor: 'c2' }),
      c2: ok({ markets: [], cursor: '' }),
    };
    const { client, server } = await setup((req) => pages[req.query.get('cursor') ?? '']!);
    const markets = await client.listMarkets({ status: 'open', seriesTicker: 'KXFOO' });
    expect(markets.map((m) => m.ticker)).toEqual(['A', 'B', 'C']);
    expect(markets[0]).toMatchObject({ yesBid: 4500, priceRanges: [{ start: 0, end: 10_000, step: 100 }] });
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { limit: '1000', status: 'open', series_ticker: 'KXFOO' },
      { limit: '1000', status: 'open', series_ticker: 'KXFOO', cursor: 'c1' },
      { limit: '1000', status: 'open', series_ticker: 'KXFOO', cursor: 'c2' },
    ]);
  });

  it('stops at max without fetching further pages', async () => {
    const { client, server } = await setup(
      sequence(ok({ markets: [market('A'), market('B')], cursor: 'next' })),
    );
    const markets = await client.listMarkets({ max: 2 });
    expect(markets.map((m) => m.ticker)).toEqual(['A', 'B']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.get('limit')).toBe('2');
  });

  it('detects a cursor loop instead of spinning forever', async () => {
    const { client, server } = await setup((req) =>
      ok({ markets: [market('A')], cursor: req.query.get('cursor') === 'x' ? 'y' : 'x' }),
    );
    const error = await client.listMarkets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiResponseError);
    expect((error as KalshiResponseError).issues).toMatch(/loop/);
    expect(server.requests).toHaveLength(3);
  });

  it('listPositions, listOrders and listFills collect all pages in domain units', async () => {
    const { client } = await setup((req) => {
      const second = req.query.get('cursor') === 'p2';
      const name = req.path.split('/').pop()!;
      const body = fixture(name) as Record<string, unknown>;
      return ok({ ...body, cursor: second ? '' : 'p2' });
    });
    const positions = await client.listPositions({ countFilter: ['position'] });
    expect(positions.map((p) => p.position)).toEqual([-500, 1250, -500, 1250]);
    const orders = await client.listOrders({ status: 'resting' });
    expect(orders.map((o) => o.remainingCount)).toEqual([750, 0, 750, 0]);
    const fills = await client.listFills({ max: 3 });
    expect(fills.map((f) => f.count)).toEqual([27_800, 50, 27_800]);
  });
});

describe('listSettlements', () => {
  const row = (ticker: string, settledTime: string) => ({
    ticker,
    market_result: 'yes',
    revenue: 500,
    value: 100,
    settled_time: settledTime,
  });

  it('refuses a row whose settled_time does not parse: counted every read, logged once, never at epoch 0', async () => {
    const warnings: { obj: object; msg?: string }[] = [];
    const { client } = await setup(
      () =>
        ok({
          settlements: [row('KXGOOD', '2026-12-01T20:00:00Z'), row('KXBAD', 'yesterday-ish')],
          cursor: '',
        }),
      { logger: { debug: () => {}, warn: (obj, msg) => warnings.push({ obj, msg }) } },
    );
    const first = await client.listSettlements();
    expect(first.map((s) => [s.ticker, s.settledMs])).toEqual([
      ['KXGOOD', Date.parse('2026-12-01T20:00:00Z')],
    ]);
    await client.listSettlements();
    expect(client.refused.settlements).toBe(2);
    expect(warnings).toEqual([
      {
        obj: {
          endpoint: 'GET /portfolio/settlements',
          ticker: 'KXBAD',
          result: 'yes',
          settledTime: 'yesterday-ish',
        },
        msg: 'settlement refused: settled_time is not a readable time',
      },
    ]);
  });
  it('books a scalar result at its value, and refuses a non-binary result without one instead of paying 0', async () => {
    const warnings: string[] = [];
    const at = '2026-12-01T20:00:00Z';
    const { client } = await setup(
      () =>
        ok({
          settlements: [
            { ...row('KXSCALAR', at), market_result: 'scalar', value: 37 },
            { ...row('KXVOID', at), market_result: '', value: null },
            { ...row('KXNOVALUE', at), market_result: 'scalar', value: undefined },
            { ...row('KXNO', at), market_result: 'no', value: undefined },
          ],
          cursor: '',
        }),
      { logger: { debug: () => {}, warn: (_obj, msg) => warnings.push(msg ?? '') } },
    );
    const booked = await client.listSettlements();
    expect(booked.map((s) => [s.ticker, s.result, s.value])).toEqual([
      ['KXSCALAR', 'scalar', 3_700],
      ['KXNO', 'no', 0],
    ]);
    expect(warnings).toEqual([
      'settlement refused: result "" without a value',
      'settlement refused: result "scalar" without a value',
    ]);
  });
});

describe('single reads', () => {
  it('orderbook, market, order, balance and exchange status in domain units', async () => {
    const { client, server } = await setup((req) => {
      if (req.path.endsWith('/orderbook')) return ok(fixture('orderbook'));
      if (req.path.includes('/markets/')) return ok({ market: market('KX-1') });
      if (req.path.includes('/portfolio/orders/'))
        return ok({ order: (fixture('orders') as { orders: unknown[] }).orders[0] });
      if (req.path.endsWith('/balance')) return ok(fixture('balance'));
      return ok(fixture('exchange-status'));
    });
    expect((await client.getOrderbook('KX-1', 2)).yes.at(-1)).toEqual([4200, 1300]);
    expect(server.requests[0]!.query.get('depth')).toBe('2');
    expect((await client.getMarket('KX-1')).ticker).toBe('KX-1');
    expect((await client.getOrder('ee587a1c')).status).toBe('resting');
    expect((await client.getBalance()).balance).toBe(123_450_000);
    expect(await client.getExchangeStatus()).toEqual({ exchangeActive: true, tradingActive: false });
  });
});

describe('submitOrder', () => {
  it('hands the generated client_order_id to onBeforeSend before the request leaves', async () => {
    const seen: { id: string; requestsAtHook: number }[] = [];
    const { client, server } = await setup(sequence(ok(fixture('create-order-v2'), 201)), {
      onBeforeSend: (id) => void seen.push({ id, requestsAtHook: server?.requests.length ?? -1 }),
    });
    const result = await client.submitOrder(INTENT);
    expect(seen).toEqual([{ id: 'uuid-1', requestsAtHook: 0 }]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      ticker: 'KXFOO-26DEC31-T1',
      client_order_id: 'uuid-1',
      side: 'bid',
      price: '0.5600',
      count: '10.00',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(result).toEqual({
      outcome: 'accepted',
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: '5f1c2d3e-4a5b-4c6d-8e7f-901234567890',
      fillCount: 400,
      remainingCount: 600,
    });
  });

  it('reports a 5xx as unknown with the client_order_id, after exactly one request', async () => {
    const { client, server } = await setup(sequence(kalshiError(503, 'service_unavailable')));
    const result = await client.submitOrder({ ...INTENT, clientOrderId: 'mine-1' });
    expect(result).toMatchObject({ outcome: 'unknown', clientOrderId: 'mine-1' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports explicit 409s as rejections with their codes', async () => {
    const { client } = await setup(
      sequence(kalshiError(409, 'order_already_exists'), kalshiError(409, 'trading_is_paused')),
    );
    const first = await client.submitOrder(INTENT);
    const second = await client.submitOrder(INTENT);
    expect(first.outcome === 'rejected' && isOrderAlreadyExists(first.error)).toBe(true);
    expect(second.outcome === 'rejected' && isTradingPaused(second.error)).toBe(true);
  });

  it('sends nothing when the hook fails or the intent is invalid', async () => {
    const { client, server } = await setup(sequence(ok(fixture('create-order-v2'), 201)));
    const failing = () => {
      throw new Error('disk full');
    };
    await expect(client.submitOrder(INTENT, { onBeforeSend: failing })).rejects.toThrow('disk full');
    for (const bad of [
      { ...INTENT, price: 0 },
      { ...INTENT, price: 10_000 },
      { ...INTENT, count: 0.5 },
      { ...INTENT, clientOrderId: 'has space' },
      { ...INTENT, timeInForce: 'immediate_or_cancel' as const, expirationTs: 1 },
    ]) {
      await expect(client.submitOrder(bad)).rejects.toBeInstanceOf(KalshiInputError);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('cancel, amend, decrease', () => {
  it('cancel: 200 → canceled, 404 → not_found (may mean already filled)', async () => {
    const { client, server } = await setup(
      sequence(ok(fixture('cancel-order-v2')), kalshiError(404, 'not_found')),
    );
    expect(await client.cancelOrder('ord-1', 'KX-1')).toEqual({
      outcome: 'canceled',
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      clientOrderId: 'my-order-1',
      reducedBy: 700,
    });
    expect(await client.cancelOrder('ord-1', 'KX-1')).toMatchObject({ outcome: 'not_found' });
    expect(server.requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/trade-api/v2/portfolio/events/orders/ord-1',
    });
    expect(server.requests[0]!.query.get('market_ticker')).toBe('KX-1');
  });

  it('cancel: a dropped connection is unknown, a 401 is a rejection', async () => {
    const { client } = await setup(sequence('destroy', kalshiError(401, 'authentication_error')));
    expect(await client.cancelOrder('ord-1', 'KX-1')).toMatchObject({ outcome: 'unknown', orderId: 'ord-1' });
    const rejected = await client.cancelOrder('ord-1', 'KX-1');
    expect(rejected.outcome === 'rejected' && isAuthError(rejected.error)).toBe(true);
  });

  it('amend and decrease send formatted amounts and parse the answer', async () => {
    const { client, server } = await setup((req) =>
      ok(fixture(req.path.endsWith('/amend') ? 'amend-order-v2' : 'decrease-order-v2')),
    );
    const amended = await client.amendOrder('ord-1', {
      ticker: 'KX-1',
      side: 'ask',
      price: 4050,
      count: 500,
      updatedClientOrderId: 'my-order-1b',
    });
    expect(amended).toMatchObject({ outcome: 'accepted', clientOrderId: 'my-order-1b', remainingCount: 500 });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      ticker: 'KX-1',
      side: 'ask',
      price: '0.4050',
      count: '5.00',
      updated_client_order_id: 'my-order-1b',
    });
    expect(await client.decreaseOrder('ord-1', { reduceTo: 300 })).toEqual({
      outcome: 'accepted',
      orderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa',
      remainingCount: 300,
    });
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ reduce_to: '3.00' });
    await expect(client.decreaseOrder('ord-1', { reduceBy: -1 })).rejects.toBeInstanceOf(KalshiInputError);
  });
});

describe('account limits', () => {
  it('configures the limiter from /account/limits', async () => {
    const { client } = await setup(sequence(ok(fixture('account-limits'))));
    const result = await client.loadAccountLimits();
    expect(result).toEqual({
      source: 'account',
      read: { refillRate: 300, bucketCapacity: 600 },
      write: { refillRate: 300, bucketCapacity: 300 },
    });
    expect(client.rest.limiter.stats().write.config).toEqual({ refillRate: 300, bucketCapacity: 300 });
  });

  it('keeps Basic defaults on 404 or 403, and surfaces a 401', async () => {
    const { client } = await setup(
      sequence(
        kalshiError(404, 'not_found'),
        kalshiError(403, 'forbidden'),
        kalshiError(401, 'authentication_error'),
      ),
    );
    const basic = {
      read: { refillRate: 200, bucketCapacity: 200 },
      write: { refillRate: 100, bucketCapacity: 100 },
    };
    await expect(client.loadAccountLimits()).resolves.toEqual({ source: 'default', ...basic });
    await expect(client.loadAccountLimits()).resolves.toEqual({ source: 'default', ...basic });
    await expect(client.loadAccountLimits()).rejects.toMatchObject({ status: 401 });
  });

  it('loads endpoint costs', async () => {
    const { client } = await setup((req) =>
      req.path.endsWith('endpoint_costs') ? ok(fixture('endpoint-costs')) : ok(fixture('orderbook')),
    );
    await expect(client.loadEndpointCosts()).resolves.toBe(true);
    const before = client.rest.limiter.stats().read.tokens;
    await client.getOrderbook('KX-1');
    expect(before - client.rest.limiter.stats().read.tokens).toBe(5);
  });
});
