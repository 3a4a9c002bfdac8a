import { describe, expect, it } from 'vitest';
import { alice, bob, makeRestFixture, TICKER } from './rest-fixture';

const ORDERS = '/portfolio/events/orders';
const order = (over: Record<string, unknown> = {}) => ({
  ticker: TICKER,
  side: 'bid',
  price: '0.4000',
  count: '10.00',
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
  ...over,
});

describe('V2 order entry', () => {
  it('creates a resting order: 201 with the V2 response, then visible in orders and the book', async () => {
    const { call } = makeRestFixture();
    const res = await call(alice, 'POST', ORDERS, order({ client_order_id: 'a-1', price: '0.41' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      order_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_order_id: 'a-1',
      fill_count: '0.00',
      remaining_count: '10.00',
      ts_ms: Date.UTC(2026, 5, 1, 12),
    });
    const one = await call(alice, 'GET', `/portfolio/orders/${res.body.order_id}`);
    expect(one.body.order).toMatchObject({
      order_id: res.body.order_id,
      user_id: 'alice',
      client_order_id: 'a-1',
      outcome_side: 'yes',
      book_side: 'bid',
      status: 'resting',
      yes_price_dollars: '0.4100',
      no_price_dollars: '0.5900',
      initial_count_fp: '10.00',
      remaining_count_fp: '10.00',
      taker_fees_dollars: '0.000000',
      self_trade_prevention_type: 'taker_at_cross',
    });
    const book = await call(null, 'GET', `/markets/${TICKER}/orderbook`);
    expect(book.body.orderbook_fp.yes_dollars).toEqual([['0.4100', '10.00']]);
  });

  it('rejects bad input with typed 400s', async () => {
    const { call } = makeRestFixture();
    const offTick = await call(alice, 'POST', ORDERS, order({ price: '0.405' }));
    expect(offTick.status).toBe(400);
    expect(offTick.body.error.code).toBe('invalid_price');
    expect((await call(alice, 'POST', ORDERS, order({ price: '1.00' }))).body.error.code).toBe(
      'invalid_price',
    );
    expect((await call(alice, 'POST', ORDERS, order({ count: '1.005' }))).body.error.code).toBe(
      'invalid_count',
    );
    expect((await call(alice, 'POST', ORDERS, order({ count: '0' }))).body.error.code).toBe('invalid_count');
    const schema = await call(alice, 'POST', ORDERS, order({ side: 'yes', time_in_force: undefined }));
    expect(schema.status).toBe(400);
    expect(schema.body.error.code).toBe('invalid_parameters');
    expect(schema.body.error.details).toContain('side');
    expect(schema.body.error.details).toContain('time_in_force');
    const json = await call(alice, 'POST', ORDERS, '{"ticker":');
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_parameters');
    const noMarket = await call(alice, 'POST', ORDERS, order({ ticker: 'NOPE-1' }));
    expect(noMarket.status).toBe(404);
    expect(noMarket.body.error.code).toBe('market_not_found');
  });

  it('409s a reused client_order_id and a paused market', async () => {
    const { call, exchange } = makeRestFixture();
    expect((await call(alice, 'POST', ORDERS, order({ client_order_id: 'dup' }))).status).toBe(201);
    await call(alice, 'DELETE', `${ORDERS}/${exchange.listOrders('alice')[0]?.orderId}`);
    const dup = await call(alice, 'POST', ORDERS, order({ client_order_id: 'dup' }));
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ error: { code: 'order_already_exists', message: 'order already exists' } });
    exchange.setPaused(TICKER, true);
    const paused = await call(alice, 'POST', ORDERS, order());
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('trading_is_paused');
    exchange.setExchangeStatus({ exchangeActive: false });
    const down = await call(alice, 'POST', ORDERS, order({ ticker: 'KXSIM-26DEC31-T60' }));
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' },
    });
  });

  it('cancels (reduce to zero), 404s unknown and foreign orders', async () => {
    const { call } = makeRestFixture();
    const { body } = await call(alice, 'POST', ORDERS, order({ client_order_id: 'c-1' }));
    expect((await call(bob, 'DELETE', `${ORDERS}/${body.order_id}`)).status).toBe(404);
    expect((await call(alice, 'DELETE', `${ORDERS}/no-such-order`)).status).toBe(404);
    const cancel = await call(alice, 'DELETE', `${ORDERS}/${body.order_id}?market_ticker=${TICKER}`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({
      order_id: body.order_id,
      client_order_id: 'c-1',
      reduced_by: '10.00',
      ts_ms: expect.any(Number),
    });
    const again = await call(alice, 'DELETE', `${ORDERS}/${body.order_id}`);
    expect(again.body.reduced_by).toBe('0.00');
    expect((await call(alice, 'GET', `/portfolio/orders/${body.order_id}`)).body.order.status).toBe(
      'canceled',
    );
  });

  it('amends and decreases', async () => {
    const { call } = makeRestFixture();
    const { body } = await call(alice, 'POST', ORDERS, order({ client_order_id: 'm-1' }));
    const amend = await call(alice, 'POST', `${ORDERS}/${body.order_id}/amend`, {
      ticker: TICKER,
      side: 'bid',
      price: '0.42',
      count: '8',
      updated_client_order_id: 'm-2',
    });
    expect(amend.status).toBe(200);
    expect(amend.body).toMatchObject({
      order_id: body.order_id,
      client_order_id: 'm-2',
      remaining_count: '8.00',
      fill_count: '0.00',
    });
    const mismatch = await call(alice, 'POST', `${ORDERS}/${body.order_id}/amend`, {
      ticker: TICKER,
      side: 'ask',
      price: '0.42',
      count: '8',
    });
    expect(mismatch.status).toBe(400);
    const both = await call(alice, 'POST', `${ORDERS}/${body.order_id}/decrease`, {
      reduce_by: '1',
      reduce_to: '1',
    });
    expect(both.status).toBe(400);
    const dec = await call(alice, 'POST', `${ORDERS}/${body.order_id}/decrease`, { reduce_to: '3.00' });
    expect(dec.body).toMatchObject({ order_id: body.order_id, remaining_count: '3.00' });
    const book = await call(null, 'GET', `/markets/${TICKER}/orderbook`);
    expect(book.body.orderbook_fp.yes_dollars).toEqual([['0.4200', '3.00']]);
  });

  it('creates and cancels in batches with per-item errors, and cancels all', async () => {
    const { call, exchange } = makeRestFixture();
    const batch = await call(alice, 'POST', `${ORDERS}/batched`, {
      orders: [
        order({ client_order_id: 'b-1' }),
        order({ client_order_id: 'b-2', price: '0.333' }),
        order({ client_order_id: 'b-3', side: 'ask', price: '0.60' }),
      ],
    });
    expect(batch.status).toBe(201);
    expect(batch.body.orders.map((o: { error?: { code: string } }) => o.error?.code ?? 'ok')).toEqual([
      'ok',
      'invalid_price',
      'ok',
    ]);
    const ids = batch.body.orders
      .filter((o: { order_id?: string }) => o.order_id)
      .map((o: { order_id: string }) => o.order_id);
    const cancel = await call(alice, 'DELETE', `${ORDERS}/batched`, {
      orders: [{ order_id: ids[0] }, { order_id: 'missing' }],
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.orders[0]).toMatchObject({
      order_id: ids[0],
      client_order_id: 'b-1',
      reduced_by: '10.00',
    });
    expect(cancel.body.orders[1].error.code).toBe('not_found');
    await call(bob, 'POST', ORDERS, order());
    const all = await call(alice, 'DELETE', ORDERS);
    expect(all.status).toBe(204);
    expect(all.body).toBeNull();
    expect(exchange.listOrders('alice', { status: 'resting' })).toHaveLength(0);
    expect(exchange.listOrders('bob', { status: 'resting' })).toHaveLength(1);
  });
});
