import { describe, expect, it } from 'vitest';
import { alice, bob, makeRestFixture, type TestUser, TICKER } from './rest-fixture';

const ORDERS = '/portfolio/events/orders';
const v2 = (over: Record<string, unknown>) => ({
  ticker: TICKER,
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
  ...over,
});

describe('two users trading through REST', () => {
  it('create → fill → positions, balance and fills on both sides', async () => {
    const { call } = makeRestFixture();
    const maker = await call(
      alice,
      'POST',
      ORDERS,
      v2({ side: 'ask', price: '0.60', count: '10', client_order_id: 'alice-1' }),
    );
    expect(maker.status).toBe(201);
    const taker = await call(
      bob,
      'POST',
      ORDERS,
      v2({ side: 'bid', price: '0.65', count: '4', client_order_id: 'bob-1' }),
    );
    expect(taker.status).toBe(201);
    // Fills at the resting price; fee = ceil(0.07 × 4 × 0.6 × 0.4) = $0.07.
    expect(taker.body).toMatchObject({
      fill_count: '4.00',
      remaining_count: '0.00',
      average_fill_price: '0.6000',
      average_fee_paid: '0.0175',
    });

    const bobFills = await call(bob, 'GET', '/portfolio/fills');
    expect(bobFills.body.cursor).toBe('');
    expect(bobFills.body.fills).toEqual([
      expect.objectContaining({
        order_id: taker.body.order_id,
        ticker: TICKER,
        market_ticker: TICKER,
        outcome_side: 'yes',
        book_side: 'bid',
        count_fp: '4.00',
        yes_price_dollars: '0.6000',
        no_price_dollars: '0.4000',
        is_taker: true,
        fee_cost: '0.070000',
      }),
    ]);
    const aliceFills = await call(alice, 'GET', '/portfolio/fills');
    expect(aliceFills.body.fills[0]).toMatchObject({
      book_side: 'ask',
      outcome_side: 'no',
      is_taker: false,
      fee_cost: '0.000000',
    });
    expect(aliceFills.body.fills[0].trade_id).toBe(bobFills.body.fills[0].trade_id);

    const bobPos = await call(bob, 'GET', '/portfolio/positions');
    expect(bobPos.body.market_positions).toEqual([
      expect.objectContaining({
        ticker: TICKER,
        position_fp: '4.00',
        market_exposure_dollars: '2.400000',
        total_traded_dollars: '2.400000',
        fees_paid_dollars: '0.070000',
        realized_pnl_dollars: '0.000000',
        last_updated_ts: expect.stringMatching(/Z$/),
      }),
    ]);
    expect(bobPos.body.event_positions[0]).toMatchObject({
      event_ticker: 'KXSIM-26DEC31',
      event_exposure_dollars: '2.400000',
    });
    const alicePos = await call(alice, 'GET', '/portfolio/positions');
    expect(alicePos.body.market_positions[0]).toMatchObject({
      position_fp: '-4.00',
      market_exposure_dollars: '1.600000',
    });

    // Bob: $10,000 − $2.40 − $0.07. Alice: cash − $1.60 for the NO side, and 6 more resting hold $2.40.
    const bobBal = await call(bob, 'GET', '/portfolio/balance');
    expect(bobBal.body).toMatchObject({
      balance: 999753,
      balance_dollars: '9997.5300',
      portfolio_value: 240,
    });
    const aliceBal = await call(alice, 'GET', '/portfolio/balance');
    expect(aliceBal.body).toMatchObject({ balance: 999600, balance_dollars: '9996.0000' });
    expect(typeof aliceBal.body.updated_ts).toBe('number');

    const aliceOrder = await call(alice, 'GET', `/portfolio/orders/${maker.body.order_id}`);
    expect(aliceOrder.body.order).toMatchObject({
      status: 'resting',
      fill_count_fp: '4.00',
      remaining_count_fp: '6.00',
      maker_fill_cost_dollars: '1.600000',
    });
    expect((await call(bob, 'GET', `/portfolio/orders/${maker.body.order_id}`)).status).toBe(404);
    const market = await call(null, 'GET', `/markets/${TICKER}`);
    expect(market.body.market).toMatchObject({
      last_price_dollars: '0.6000',
      volume_fp: '4.00',
      open_interest_fp: '4.00',
    });
  });

  it('pages orders and fills newest first until the cursor is empty, with filters', async () => {
    const { call, advance } = makeRestFixture();
    for (let i = 0; i < 7; i++) {
      await call(
        alice,
        'POST',
        ORDERS,
        v2({ side: 'ask', price: '0.55', count: '1', client_order_id: `ask-${i}` }),
      );
      await call(
        bob,
        'POST',
        ORDERS,
        v2({ side: 'bid', price: '0.55', count: '1', client_order_id: `bid-${i}` }),
      );
      advance(1_000);
    }
    await call(
      alice,
      'POST',
      ORDERS,
      v2({ side: 'ask', price: '0.70', count: '1', client_order_id: 'resting' }),
    );
    const collect = async (user: TestUser, path: string, key: string) => {
      const items: Array<Record<string, unknown>> = [];
      let cursor = '';
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res = await call(user, 'GET', `${path}${sep}limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        items.push(...res.body[key]);
        cursor = res.body.cursor;
      } while (cursor !== '');
      return items;
    };
    const orders = await collect(alice, '/portfolio/orders', 'orders');
    expect(orders.map((o) => o.client_order_id)).toEqual([
      'resting',
      'ask-6',
      'ask-5',
      'ask-4',
      'ask-3',
      'ask-2',
      'ask-1',
      'ask-0',
    ]);
    expect(
      (await collect(alice, '/portfolio/orders?status=resting', 'orders')).map((o) => o.client_order_id),
    ).toEqual(['resting']);
    expect(await collect(alice, '/portfolio/orders?status=executed', 'orders')).toHaveLength(7);
    const fills = await collect(bob, '/portfolio/fills', 'fills');
    expect(fills).toHaveLength(7);
    const since = Math.floor(Date.UTC(2026, 5, 1, 12, 0, 5) / 1000);
    expect(await collect(bob, `/portfolio/fills?min_ts=${since}`, 'fills')).toHaveLength(2);
    expect((await call(alice, 'GET', '/portfolio/orders?status=open')).status).toBe(400);
    expect((await call(alice, 'GET', '/portfolio/fills?cursor=garbage')).status).toBe(400);
  });

  it('filters positions by count_filter and ticker', async () => {
    const { call, exchange } = makeRestFixture();
    await call(alice, 'POST', ORDERS, v2({ side: 'ask', price: '0.50', count: '2' }));
    await call(bob, 'POST', ORDERS, v2({ side: 'bid', price: '0.50', count: '2' }));
    await call(alice, 'POST', ORDERS, v2({ side: 'bid', price: '0.50', count: '2' }));
    await call(bob, 'POST', ORDERS, v2({ side: 'ask', price: '0.50', count: '2' })); // both flat again
    exchange.createOrder({
      userId: 'bob',
      ticker: 'KXSIM-26DEC31-T60',
      side: 'ask',
      price: 3_000,
      count: 100,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'maker',
    });
    exchange.createOrder({
      userId: 'alice',
      ticker: 'KXSIM-26DEC31-T60',
      side: 'bid',
      price: 3_000,
      count: 100,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'maker',
    });
    const all = await call(alice, 'GET', '/portfolio/positions');
    expect(all.body.market_positions.map((p: { ticker: string }) => p.ticker)).toEqual([
      TICKER,
      'KXSIM-26DEC31-T60',
    ]);
    const open = await call(alice, 'GET', '/portfolio/positions?count_filter=position');
    expect(open.body.market_positions.map((p: { ticker: string }) => p.ticker)).toEqual([
      'KXSIM-26DEC31-T60',
    ]);
    const one = await call(alice, 'GET', `/portfolio/positions?ticker=${TICKER}&count_filter=total_traded`);
    expect(one.body.market_positions).toHaveLength(1);
    const paged = await call(alice, 'GET', '/portfolio/positions?limit=1');
    expect(paged.body.cursor).not.toBe('');
    const next = await call(alice, 'GET', `/portfolio/positions?limit=1&cursor=${paged.body.cursor}`);
    expect(next.body.market_positions[0].ticker).toBe('KXSIM-26DEC31-T60');
    expect(next.body.cursor).toBe('');
    expect((await call(alice, 'GET', '/portfolio/positions?count_filter=volume')).status).toBe(400);
  });
});
