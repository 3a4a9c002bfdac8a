// Contract: portfolio reads through the domain client (balance in exact micro-dollars, signed positions,
// fills after a trade, account limits) and the wire units under them.
import { afterEach, expect, it } from 'vitest';
import { MONEY_ONE, parseMoney } from '../../src/domain/fixed-point';
import { clientFor, makeClient, ONE_CONTRACT, OrderJanitor, pickMarkets, place } from './contract-helpers';
import { describeTargets } from './targets';
import { COUNT_TEXT, MONEY_TEXT, PRICE_TEXT, rawRequest } from './wire';

/** Integer cents → micro-dollars. */
const CENT = 10_000;

describeTargets('REST portfolio', { flowRunning: false }, (t) => {
  const client = () => clientFor(t.conn);
  const janitor = new OrderJanitor(client);
  afterEach(() => janitor.cancelAll());

  it('reads the balance as integer cents plus an exact dollar string', async () => {
    const wire = await rawRequest(t.conn, 'GET', '/portfolio/balance');
    expect(wire.status).toBe(200);
    expect(Number.isInteger(wire.body.balance)).toBe(true);
    expect(Number.isInteger(wire.body.portfolio_value)).toBe(true);
    const balance = await client().getBalance();
    expect(Number.isInteger(balance.balance)).toBe(true);
    expect(balance.portfolioValue).toBe(wire.body.portfolio_value * CENT);
    if (wire.body.balance_dollars !== undefined) {
      expect(wire.body.balance_dollars).toMatch(MONEY_TEXT);
      expect(balance.balance).toBe(parseMoney(wire.body.balance_dollars));
      expect(Math.trunc(balance.balance / CENT)).toBe(wire.body.balance);
    } else {
      expect(balance.balance).toBe(wire.body.balance * CENT);
    }
    if (t.isSim) expect(balance.balance).toBe(10_000 * MONEY_ONE); // a fresh simulator account
  });

  it('lists positions with signed counts and money in exact units', async () => {
    const positions = await client().listPositions();
    for (const p of positions) {
      expect(Number.isInteger(p.position)).toBe(true);
      expect(Number.isInteger(p.exposure)).toBe(true);
      expect(Number.isInteger(p.realizedPnl)).toBe(true);
    }
    const wire = await rawRequest(t.conn, 'GET', '/portfolio/positions', { query: 'limit=5' });
    expect(wire.status).toBe(200);
    expect(Array.isArray(wire.body.market_positions)).toBe(true);
    for (const p of wire.body.market_positions) expect(p.position_fp).toMatch(COUNT_TEXT);
  });

  it('reads fills (possibly none) with prices, counts and fees in exact units', async () => {
    const fills = await client().listFills({ max: 5 });
    for (const f of fills) {
      expect(f.price).toBeGreaterThan(0);
      expect(Number.isInteger(f.count)).toBe(true);
      expect(Number.isInteger(f.fee)).toBe(true);
      expect(['bid', 'ask']).toContain(f.side);
    }
  });

  it.skipIf(!t.isSim)('shows the fill, position and cash of an order that trades (sim-only)', async () => {
    const [market] = await pickMarkets(client(), 1);
    const { ticker, yesAsk } = market!;
    const before = await client().getBalance();
    const taken = await place(client(), janitor, {
      ticker,
      side: 'bid',
      price: yesAsk!,
      count: ONE_CONTRACT,
      timeInForce: 'immediate_or_cancel',
    });
    expect(taken.fillCount).toBe(ONE_CONTRACT);

    const fills = await client().listFills({ orderId: taken.orderId });
    expect(fills).toHaveLength(1);
    // Kalshi's REST Fill carries no client_order_id: fills are matched to orders by order_id.
    expect(fills[0]).toMatchObject({
      orderId: taken.orderId,
      ticker,
      side: 'bid',
      price: yesAsk,
      count: ONE_CONTRACT,
      isTaker: true,
    });
    const wire = await rawRequest(t.conn, 'GET', '/portfolio/fills', { query: `order_id=${taken.orderId}` });
    expect(wire.body.fills[0]).toMatchObject({ order_id: taken.orderId, is_taker: true, count_fp: '1.00' });
    expect(wire.body.fills[0].yes_price_dollars).toMatch(PRICE_TEXT);
    expect(wire.body.fills[0].fee_cost).toMatch(MONEY_TEXT);

    const positions = await client().listPositions({ ticker });
    expect(positions).toEqual([expect.objectContaining({ ticker, position: ONE_CONTRACT })]);
    // One YES contract bought at the ask: cash falls by price (ticks × $0.0001) plus the fee.
    const after = await client().getBalance();
    const cost = (yesAsk! * MONEY_ONE) / 10_000;
    expect(before.balance - after.balance).toBe(cost + fills[0]!.fee);
  });

  it('reads the account limits and sizes the client limiter from them', async () => {
    const wire = await rawRequest(t.conn, 'GET', '/account/limits');
    expect(wire.status).toBe(200);
    expect(wire.body.read.refill_rate).toBeGreaterThan(0);
    expect(wire.body.write.refill_rate).toBeGreaterThan(0);
    // A separate client: loading the limits reconfigures the limiter of the client it is called on.
    const limits = await makeClient(t.conn).loadAccountLimits();
    expect(limits.source).toBe('account');
    expect(limits.read.refillRate).toBe(wire.body.read.refill_rate);
    expect(limits.write.refillRate).toBe(wire.body.write.refill_rate);
    if (t.isSim) {
      expect(wire.body).toMatchObject({ usage_tier: 'basic', read: { refill_rate: 200 } });
      expect(wire.body.write.refill_rate).toBe(100);
    }
  });
});
