import { describe, expect, it } from 'vitest';
import { alice, bob, makeRestFixture, TICKER } from './rest-fixture';

const create = (i: number) => ({
  ticker: TICKER,
  side: 'bid',
  price: '0.10',
  count: '1',
  client_order_id: `rl-${i}`,
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
});

describe('REST rate limits', () => {
  it('answers 429 with the envelope (no Retry-After) once the write bucket is drained, then refills', async () => {
    const { call, advance } = makeRestFixture({ limits: {} });
    for (let i = 0; i < 10; i++)
      expect((await call(alice, 'POST', '/portfolio/events/orders', create(i))).status).toBe(201);
    const limited = await call(alice, 'POST', '/portfolio/events/orders', create(10));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'too_many_requests', message: 'too many requests' } });
    expect(limited.headers.get('retry-after')).toBeNull();
    // Reads use their own bucket, and other keys their own buckets.
    expect((await call(alice, 'GET', '/portfolio/orders')).status).toBe(200);
    expect((await call(bob, 'POST', '/portfolio/events/orders', create(0))).status).toBe(201);
    advance(100); // 100 tokens/s → one more write
    expect((await call(alice, 'POST', '/portfolio/events/orders', create(11))).status).toBe(201);
    expect((await call(alice, 'POST', '/portfolio/events/orders', create(12))).status).toBe(429);
  });

  it('charges batch cancels 2 tokens per order and batch creates 10 per order', async () => {
    const { call } = makeRestFixture({ limits: {} });
    const batch = await call(alice, 'POST', '/portfolio/events/orders/batched', {
      orders: [0, 1, 2, 3, 4].map(create),
    });
    expect(batch.status).toBe(201); // 50 of 100 tokens
    const ids = batch.body.orders.map((o: { order_id: string }) => ({ order_id: o.order_id }));
    const cancel = await call(alice, 'DELETE', '/portfolio/events/orders/batched', { orders: ids });
    expect(cancel.status).toBe(200); // 10 more
    expect(
      (await call(alice, 'POST', '/portfolio/events/orders/batched', { orders: [5, 6, 7, 8].map(create) }))
        .status,
    ).toBe(201);
    expect(
      (await call(alice, 'POST', '/portfolio/events/orders/batched', { orders: [9].map(create) })).status,
    ).toBe(429);
  });

  it('reports the buckets and endpoint costs it enforces', async () => {
    const { call } = makeRestFixture({ limits: { write: { refillRate: 500, bucketCapacity: 1_000 } } });
    const limits = await call(alice, 'GET', '/account/limits');
    expect(limits.body).toEqual({
      usage_tier: 'basic',
      read: { refill_rate: 200, bucket_capacity: 200 },
      write: { refill_rate: 500, bucket_capacity: 1_000 },
      grants: [],
    });
    const costs = await call(alice, 'GET', '/account/endpoint_costs');
    expect(costs.body).toEqual({
      default_cost: 10,
      endpoint_costs: [{ method: 'DELETE', path: '/trade-api/v2/portfolio/events/orders/batched', cost: 2 }],
    });
  });

  it('runs an onRequest hook first, which may answer for the app', async () => {
    let seen = 0;
    const { call } = makeRestFixture({
      onRequest: (req) => {
        seen++;
        return new URL(req.url).pathname.endsWith('/exchange/status')
          ? Response.json(
              { error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' } },
              { status: 503 },
            )
          : undefined;
      },
    });
    expect((await call(null, 'GET', '/exchange/status')).status).toBe(503);
    expect((await call(null, 'GET', '/markets')).status).toBe(200);
    expect(seen).toBe(2);
  });
});
