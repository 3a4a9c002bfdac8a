// Contract: V2 order entry through the domain client: GTC rests, IOC fills or cancels, a reused
// client_order_id is refused, cancel (twice), amend and decrease, with the order views that follow.
import { afterEach, expect, it } from 'vitest';
import { isOrderAlreadyExists } from '../../src/adapters/kalshi/errors';
import { PRICE_ONE } from '../../src/domain/fixed-point';
import type { MarketInfo } from '../../src/domain/trading-types';
import {
  clientFor,
  FAR_BID,
  farBid,
  newClientOrderId,
  ONE_CONTRACT,
  OrderJanitor,
  pickMarkets,
  place,
} from './contract-helpers';
import { describeTargets } from './targets';

describeTargets('REST orders', { flowRunning: false }, (t) => {
  const client = () => clientFor(t.conn);
  const janitor = new OrderJanitor(client);
  afterEach(() => janitor.cancelAll());
  const market = async (): Promise<MarketInfo> => (await pickMarkets(client(), 1))[0]!;

  it('rests a GTC post-only bid and shows it in the order list and by id', async () => {
    const { ticker } = await market();
    const intent = farBid(ticker);
    const created = await place(client(), janitor, intent);
    expect(created).toMatchObject({ clientOrderId: intent.clientOrderId, fillCount: 0 });
    expect(created.remainingCount).toBe(ONE_CONTRACT);

    const order = await client().getOrder(created.orderId);
    expect(order).toMatchObject({
      orderId: created.orderId,
      clientOrderId: intent.clientOrderId,
      ticker,
      side: 'bid',
      price: FAR_BID,
      initialCount: ONE_CONTRACT,
      fillCount: 0,
      remainingCount: ONE_CONTRACT,
      status: 'resting',
    });
    expect(order.createdMs).toEqual(expect.any(Number));
    const resting = await client().listOrders({ ticker, status: 'resting' });
    expect(resting.map((o) => o.orderId)).toContain(created.orderId);
    expect(resting.every((o) => o.status === 'resting' && o.ticker === ticker)).toBe(true);
  });

  it('refuses a reused client_order_id with 409 order_already_exists', async () => {
    const { ticker } = await market();
    const intent = farBid(ticker);
    await place(client(), janitor, intent);
    const again = await client().submitOrder({ ...intent, price: FAR_BID });
    expect(again.outcome).toBe('rejected');
    if (again.outcome !== 'rejected') return;
    expect(again.error.status).toBe(409);
    expect(again.error.code).toBe('order_already_exists');
    expect(isOrderAlreadyExists(again.error)).toBe(true);
  });

  it('cancels a resting order, and a second cancel reduces nothing or finds nothing', async () => {
    const { ticker } = await market();
    const created = await place(client(), janitor, farBid(ticker));
    const first = await client().cancelOrder(created.orderId, ticker);
    expect(first).toMatchObject({ outcome: 'canceled', orderId: created.orderId, reducedBy: ONE_CONTRACT });
    const second = await client().cancelOrder(created.orderId, ticker);
    if (second.outcome === 'canceled') expect(second.reducedBy).toBe(0);
    else expect(second.outcome).toBe('not_found');
    expect((await client().getOrder(created.orderId)).status).toBe('canceled');
  });

  it('amends the price of a resting order', async () => {
    const { ticker } = await market();
    const intent = farBid(ticker);
    const created = await place(client(), janitor, intent);
    const amended = await client().amendOrder(created.orderId, {
      ticker,
      side: 'bid',
      price: 2 * FAR_BID,
      count: ONE_CONTRACT,
      clientOrderId: intent.clientOrderId,
      updatedClientOrderId: newClientOrderId(),
    });
    expect(amended.outcome).toBe('accepted');
    if (amended.outcome !== 'accepted') return;
    janitor.track(amended.orderId, ticker); // Kalshi may give the amended order a new id
    const order = await client().getOrder(amended.orderId);
    expect(order).toMatchObject({ price: 2 * FAR_BID, remainingCount: ONE_CONTRACT, status: 'resting' });
  });

  it('decreases a resting order to nothing', async () => {
    const { ticker } = await market();
    const created = await place(client(), janitor, farBid(ticker));
    const decreased = await client().decreaseOrder(created.orderId, { ticker, reduceBy: ONE_CONTRACT });
    expect(decreased).toEqual({ outcome: 'accepted', orderId: created.orderId, remainingCount: 0 });
    expect(await client().getOrder(created.orderId)).toMatchObject({ remainingCount: 0, status: 'canceled' });
  });

  it.skipIf(!t.isSim)('decreases by and to a count, leaving the rest resting (sim-only)', async () => {
    const { ticker } = await market();
    const created = await place(client(), janitor, farBid(ticker, { count: 3 * ONE_CONTRACT }));
    const by = await client().decreaseOrder(created.orderId, { ticker, reduceBy: ONE_CONTRACT });
    expect(by).toMatchObject({ outcome: 'accepted', remainingCount: 2 * ONE_CONTRACT });
    const to = await client().decreaseOrder(created.orderId, { ticker, reduceTo: ONE_CONTRACT });
    expect(to).toMatchObject({ outcome: 'accepted', remainingCount: ONE_CONTRACT });
    expect(await client().getOrder(created.orderId)).toMatchObject({
      initialCount: 3 * ONE_CONTRACT,
      remainingCount: ONE_CONTRACT,
      status: 'resting',
    });
  });

  it.skipIf(!t.isSim)(
    'fills an IOC bid against the book and cancels one that meets nothing (sim-only)',
    async () => {
      const { ticker, yesAsk } = await market();
      const taken = await place(client(), janitor, {
        ticker,
        side: 'bid',
        price: yesAsk!,
        count: ONE_CONTRACT,
        timeInForce: 'immediate_or_cancel',
      });
      expect(taken).toMatchObject({ fillCount: ONE_CONTRACT, remainingCount: 0 });
      expect(await client().getOrder(taken.orderId)).toMatchObject({ status: 'executed', price: yesAsk });

      const missed = await place(client(), janitor, {
        ticker,
        side: 'ask',
        price: PRICE_ONE - FAR_BID, // sell YES at $0.99: nobody bids that high
        count: ONE_CONTRACT,
        timeInForce: 'immediate_or_cancel',
      });
      expect(missed).toMatchObject({ fillCount: 0, remainingCount: 0 });
      expect(await client().getOrder(missed.orderId)).toMatchObject({ status: 'canceled', side: 'ask' });
    },
  );
});
