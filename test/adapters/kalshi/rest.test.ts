import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isOrderAlreadyExists,
  isRateLimited,
  KalshiHttpError,
  KalshiNetworkError,
  KalshiResponseError,
  KalshiUnknownOutcomeError,
} from '../../../src/adapters/kalshi/errors';
import { KalshiRest, type KalshiRestOptions } from '../../../src/adapters/kalshi/rest';
import type { CreateOrderV2Request } from '../../../src/adapters/kalshi/schemas-orders';
import {
  fixture,
  kalshiError,
  ok,
  type Reply,
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from './helpers/scripted-server';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const T0 = 1_750_000_000_000;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client against a scripted server, on a virtual clock whose sleep() just records and advances. */
async function setup(script: Script, options: Partial<KalshiRestOptions> = {}) {
  server = await startScriptedServer(script);
  let t = T0;
  const sleeps: number[] = [];
  const metrics: [string, number][] = [];
  const logged: unknown[] = [];
  const rest = new KalshiRest({
    baseUrl: server.baseUrl,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => 0.5,
    onRequest: (endpoint, status) => metrics.push([endpoint, status]),
    logger: { debug: (o) => logged.push(o), warn: (o) => logged.push(o) },
    ...options,
  });
  return { rest, server, sleeps, metrics, logged };
}

/** Replies in order, repeating the last one. */
const sequence =
  (...replies: Reply[]): Script =>
  (_req, i) =>
    replies[Math.min(i, replies.length - 1)]!;

const ORDER: CreateOrderV2Request = {
  ticker: 'KXFOO-26DEC31-T1',
  client_order_id: 'c-123',
  side: 'bid',
  price: '0.5600',
  count: '10.00',
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
};

describe('reads', () => {
  it('retries a 503 and returns the next 200', async () => {
    const { rest, server, sleeps, metrics } = await setup(
      sequence(kalshiError(503, 'service_unavailable'), ok(fixture('exchange-status'))),
    );
    await expect(rest.getExchangeStatus()).resolves.toMatchObject({
      exchange_active: true,
      trading_active: false,
    });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([125]); // full jitter: 0.5 × 250 ms
    expect(metrics).toEqual([
      ['GET /exchange/status', 503],
      ['GET /exchange/status', 200],
    ]);
  });

  it('honours Retry-After through the injected sleep', async () => {
    const limited: Reply = { ...kalshiError(429, 'too_many_requests'), headers: { 'retry-after': '3' } };
    const { rest, sleeps } = await setup(sequence(limited, ok(fixture('balance'))));
    await expect(rest.getBalance()).resolves.toMatchObject({ balance: 12345 });
    expect(sleeps).toEqual([3000]);
  });

  it('retries a dropped connection', async () => {
    const { rest, server } = await setup(sequence('destroy', ok(fixture('orderbook'))));
    await expect(rest.getMarketOrderbook('KX-1')).resolves.toHaveProperty('orderbook_fp');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxAttempts with the last HTTP error', async () => {
    const { rest, server } = await setup(sequence(kalshiError(500, 'internal')), {
      retry: { maxAttempts: 3 },
    });
    const error = await rest.getMarkets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiHttpError);
    expect(error).toMatchObject({ status: 500, code: 'internal', endpoint: 'GET /markets' });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    const { rest, server } = await setup(sequence(kalshiError(404, 'not_found')));
    await expect(rest.getMarket('NOPE')).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a body that fails validation into KalshiResponseError, without retrying, and says so', async () => {
    const refused: string[] = [];
    const statuses: number[] = [];
    const { rest, server } = await setup(sequence(ok({ markets: [{ ticker: 42 }], cursor: '' })), {
      onInvalidBody: (endpoint) => refused.push(endpoint),
      onRequest: (_endpoint, status) => statuses.push(status),
    });
    const error = await rest.getMarkets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiResponseError);
    expect((error as KalshiResponseError).issues).toContain('markets.0.ticker');
    expect(server.requests).toHaveLength(1);
    expect(refused).toEqual(['GET /markets']);
    expect(statuses).toEqual([200]);
  });

  it('turns a non-JSON 200 into KalshiResponseError', async () => {
    const { rest } = await setup(sequence({ status: 200, body: '<html>maintenance</html>' }));
    await expect(rest.getBalance()).rejects.toBeInstanceOf(KalshiResponseError);
  });

  it('builds paths and queries: encoded params, comma lists, no undefined', async () => {
    const { rest, server } = await setup(sequence(ok({ markets: [], cursor: '' })));
    await rest.getMarkets({ tickers: ['A-1', 'B-2'], status: 'open', limit: 5, cursor: undefined });
    const req = server.requests[0]!;
    expect(req.path).toBe('/trade-api/v2/markets');
    expect(Object.fromEntries(req.query)).toEqual({ tickers: 'A-1,B-2', status: 'open', limit: '5' });
  });
});

describe('signing', () => {
  it('sends verifiable headers over the path without the query', async () => {
    const { rest, server } = await setup(sequence(ok({ orders: [], cursor: '' })), {
      credentials: { keyId: 'key-abc', privateKey },
    });
    await rest.getOrders({ limit: 5 });
    const { headers, path } = server.requests[0]!;
    expect(headers['kalshi-access-key']).toBe('key-abc');
    expect(headers['kalshi-access-timestamp']).toBe(String(T0));
    const message = `${T0}GET${path}`;
    expect(message).toBe(`${T0}GET/trade-api/v2/portfolio/orders`);
    const signature = Buffer.from(String(headers['kalshi-access-signature']), 'base64');
    const strict = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', Buffer.from(message), strict, signature)).toBe(true);
  });

  it('sends no auth headers without credentials', async () => {
    const { rest, server } = await setup(sequence(ok(fixture('orderbook'))));
    await rest.getMarketOrderbook('KX-1', 3);
    expect(server.requests[0]!.headers['kalshi-access-signature']).toBeUndefined();
    expect(server.requests[0]!.query.get('depth')).toBe('3');
  });

  it('never logs headers, key ids or signatures', async () => {
    const { rest, logged } = await setup(sequence(kalshiError(503, 'x'), ok(fixture('balance'))), {
      credentials: { keyId: 'key-abc', privateKey },
    });
    await rest.getBalance();
    expect(logged.length).toBeGreaterThan(0);
    const text = JSON.stringify(logged);
    expect(text).not.toMatch(/key-abc|signature|KALSHI-ACCESS/i);
    expect(logged[0]).toEqual({ endpoint: 'GET /portfolio/balance', status: 503, durationMs: 0 });
  });
});

describe('order writes', () => {
  it('a 500 on create is an unknown outcome, sent exactly once', async () => {
    const { rest, server } = await setup(
      sequence(kalshiError(500, 'internal'), ok(fixture('create-order-v2'), 201)),
    );
    const error = await rest.createOrderV2(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiUnknownOutcomeError);
    expect(error).toMatchObject({ clientOrderId: 'c-123', operation: 'create' });
    expect((error as KalshiUnknownOutcomeError).cause).toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0]!.body)).toEqual(ORDER);
  });

  it('a timeout on create is an unknown outcome', async () => {
    const { rest, server } = await setup(sequence('hang'), { timeoutMs: 100 });
    const error = await rest.createOrderV2(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiUnknownOutcomeError);
    const cause = (error as KalshiUnknownOutcomeError).cause;
    expect(cause).toBeInstanceOf(KalshiNetworkError);
    expect(cause).toMatchObject({ reason: 'timeout' });
    expect(server.requests).toHaveLength(1);
  });

  it('a dropped connection on cancel is an unknown outcome carrying the order id', async () => {
    const { rest, server } = await setup(sequence('destroy'));
    await expect(rest.cancelOrderV2('ord-1', { market_ticker: 'KX-1' })).rejects.toMatchObject({
      name: 'KalshiUnknownOutcomeError',
      orderId: 'ord-1',
      operation: 'cancel',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.get('market_ticker')).toBe('KX-1');
  });

  it('an unreadable 201 on create is an unknown outcome (the order may exist)', async () => {
    const { rest } = await setup(sequence(ok({ surprise: true }, 201)));
    await expect(rest.createOrderV2(ORDER)).rejects.toBeInstanceOf(KalshiUnknownOutcomeError);
  });

  it('409 order_already_exists is a clean rejection', async () => {
    const body = {
      error: { code: 'order_already_exists', message: 'order already exists', service: 'exchange' },
    };
    const { rest, server } = await setup(sequence({ status: 409, body }));
    const error = await rest.createOrderV2(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiHttpError);
    expect(isOrderAlreadyExists(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('429 on create proves nothing was placed: the same request is resent after a backoff', async () => {
    const created = ok(fixture('create-order-v2'), 201);
    const { rest, server, sleeps } = await setup(sequence(kalshiError(429, 'too_many_requests'), created));
    const res = await rest.createOrderV2(ORDER);
    expect(res.order_id).toBeTruthy();
    expect(server.requests).toHaveLength(2);
    // Same body, so the same client_order_id: a duplicate could only ever be refused.
    expect(server.requests[1]!.body).toEqual(server.requests[0]!.body);
    expect(sleeps).toHaveLength(1);
  });

  it('a create refused by the rate limit every time is an unknown outcome for reconciliation', async () => {
    const { rest, server } = await setup(sequence(kalshiError(429, 'too_many_requests')));
    const error = await rest.createOrderV2(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiUnknownOutcomeError);
    expect(error).toMatchObject({ operation: 'create', clientOrderId: ORDER.client_order_id });
    const cause = (error as KalshiUnknownOutcomeError).cause;
    expect(cause).toBeInstanceOf(KalshiHttpError);
    expect(isRateLimited(cause)).toBe(true);
    expect(server.requests).toHaveLength(4); // the default policy's attempts
  });

  it('posts amend and decrease to their V2 paths', async () => {
    const { rest, server } = await setup((req) =>
      ok(fixture(req.path.endsWith('/amend') ? 'amend-order-v2' : 'decrease-order-v2')),
    );
    await rest.amendOrderV2('o/1', { ticker: 'KX', side: 'ask', price: '0.4000', count: '5.00' });
    await rest.decreaseOrderV2('o/1', { reduce_by: '2.00' });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /trade-api/v2/portfolio/events/orders/o%2F1/amend',
      'POST /trade-api/v2/portfolio/events/orders/o%2F1/decrease',
    ]);
  });
});

describe('rate limiting', () => {
  it('charges reads to the read bucket and order writes to the write bucket', async () => {
    const { rest } = await setup((req) =>
      req.method === 'POST' ? ok(fixture('create-order-v2'), 201) : ok(fixture('balance')),
    );
    await rest.getBalance();
    await rest.getBalance();
    await rest.createOrderV2(ORDER);
    const stats = rest.limiter.stats();
    expect(stats.read.tokens).toBe(180);
    expect(stats.write.tokens).toBe(90);
  });

  it('uses endpoint costs once loaded, matching templates by position', async () => {
    const { rest } = await setup(sequence(ok(fixture('orderbook'))));
    rest.setEndpointCosts(10, [
      { method: 'GET', path: '/trade-api/v2/markets/{market_ticker}/orderbook', cost: 4 },
    ]);
    await rest.getMarketOrderbook('KX-1');
    expect(rest.limiter.stats().read.tokens).toBe(196);
  });

  it('charges a batch cancel 2 tokens per order', async () => {
    const { rest } = await setup(sequence(ok({ orders: [{ order_id: 'a', reduced_by: '1.00' }] })));
    await rest.batchCancelOrdersV2({ orders: [{ order_id: 'a' }, { order_id: 'b' }, { order_id: 'c' }] });
    expect(rest.limiter.stats().write.tokens).toBe(94);
  });
});
