import { describe, expect, it } from 'vitest';
import { complementPrice, formatPrice } from '../../../src/domain/fixed-point';
import { useSimRig } from '../../support/fixtures';
import { orderBody, type SimRig, USER } from '../sim-rig';
import type { Frame, TestClient } from './ws-client';

const sims = useSimRig();

const PRIVATE_TYPES = new Set(['fill', 'user_order', 'market_position']);

/** The YES price that takes the best NO bid of the seeded book, so the order fills at once. */
function crossingPrice(r: SimRig, ticker: string): number {
  const best = r.sim.exchange.getBook(ticker)?.no.at(-1);
  if (!best) throw new Error('seeded book has no NO side');
  return complementPrice(best[0]);
}

async function subscribed(r: SimRig, channels: string[], ticker: string): Promise<TestClient> {
  const client = await r.ws();
  client.send({ id: 1, cmd: 'subscribe', params: { channels, market_ticker: ticker } });
  const acks = channels.map((_, i) => client.next((f) => f.type === 'subscribed' && f.msg.sid === i + 1));
  await Promise.all(acks);
  if (channels.includes('orderbook_delta')) await client.next((f) => f.type === 'orderbook_snapshot');
  return client;
}

const indexOf = (client: TestClient, match: (f: Frame) => boolean) => client.frames.findIndex(match);

describe('privateDelayMs', () => {
  it('holds fill, user_order and market_position past the REST answer and later public frames', async () => {
    const rig = await sims.start();
    const ticker = rig.tickers[0]!;
    const client = await subscribed(
      rig,
      ['orderbook_delta', 'fill', 'user_orders', 'market_positions'],
      ticker,
    );
    await rig.admin('POST', 'faults', { privateDelayMs: 500 });
    const created = await rig.rest(
      'POST',
      '/portfolio/events/orders',
      orderBody(ticker, 'bid', formatPrice(crossingPrice(rig, ticker)), 'delayed-1'),
    );
    expect(created.status).toBe(201);
    expect(client.frames.some((f) => PRIVATE_TYPES.has(f.type))).toBe(false);

    // A later public event: its delta overtakes the private frames of the earlier fill.
    const later = rig.sim.exchange.createOrder({
      userId: 'someone-else',
      ticker,
      side: 'bid',
      price: 100,
      count: 100,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    expect(later.ok).toBe(true);
    const isLater = (f: Frame) => f.type === 'orderbook_delta' && f.msg.price_dollars === '0.0100';
    await client.next(isLater);
    expect(client.frames.some((f) => PRIVATE_TYPES.has(f.type))).toBe(false);

    await Promise.all([...PRIVATE_TYPES].map((type) => client.next((f) => f.type === type)));
    // All three after the later delta, still in the engine's own order among themselves.
    const types = client.frames.slice(indexOf(client, isLater) + 1).map((f) => f.type);
    expect(types).toEqual(['fill', 'market_position', 'user_order']);
    expect(client.frames.find((f) => f.type === 'fill')?.msg.client_order_id).toBe('delayed-1');
    expect((await rig.admin('GET', 'state')).body.counters.ws.privateFramesDelayed).toBe(3);
  });
});

describe('privateReorder', () => {
  it("sends a user's user_order before the fill that caused it", async () => {
    const rig = await sims.start();
    const ticker = rig.tickers[1]!;
    const client = await subscribed(rig, ['fill', 'user_orders'], ticker);
    const take = (clientOrderId: string) => {
      const result = rig.sim.exchange.createOrder({
        userId: USER,
        ticker,
        side: 'bid',
        price: crossingPrice(rig, ticker),
        count: 100,
        clientOrderId,
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'taker_at_cross',
      });
      if (!result?.ok) throw new Error('order refused');
      return result.value.order.orderId;
    };
    const orderOf = async (orderId: string) => {
      await client.next((f) => f.type === 'fill' && f.msg.order_id === orderId);
      await client.next((f) => f.type === 'user_order' && f.msg.order_id === orderId);
      return client.frames.filter((f) => f.msg?.order_id === orderId).map((f) => f.type);
    };

    // Without the fault the engine's own order holds: the fill first.
    expect(await orderOf(take('plain-1'))).toEqual(['fill', 'user_order']);
    await rig.admin('POST', 'faults', { privateReorder: true });
    expect(await orderOf(take('reordered-1'))).toEqual(['user_order', 'fill']);
    const { body } = await rig.admin('GET', 'state');
    expect(body.faults.privateReorder).toBe(true);
    expect(body.counters.ws.privateFramesReordered).toBe(1);
  });
});
