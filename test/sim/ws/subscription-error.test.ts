import { describe, expect, it } from 'vitest';
import { useSimRig } from '../../support/fixtures';
import type { SimRig } from '../sim-rig';
import type { Frame, TestClient } from './ws-client';

const sims = useSimRig();

const restingBid = (r: SimRig, ticker: string, price: number) => {
  const result = r.sim.exchange.createOrder({
    userId: 'someone-else',
    ticker,
    side: 'bid',
    price,
    count: 100,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
  });
  if (!result.ok) throw new Error(result.error.message);
};

/** Subscribes orderbook_delta (sid 1) and trade (sid 2) on one market and waits for the snapshot. */
async function subscribedClient(r: SimRig, ticker: string): Promise<TestClient> {
  const client = await r.ws();
  client.send({
    id: 1,
    cmd: 'subscribe',
    params: { channels: ['orderbook_delta', 'trade'], market_ticker: ticker },
  });
  await client.next((f) => f.type === 'orderbook_snapshot');
  await client.next((f) => f.type === 'subscribed' && f.msg.channel === 'trade');
  return client;
}

/** A command round trip: every frame the server wrote before its answer has arrived by then. */
async function roundTrip(client: TestClient, id: number): Promise<Frame> {
  client.send({ id, cmd: 'list_subscriptions' });
  return client.next((f) => f.id === id);
}

describe('POST /sim/ws/error', () => {
  it('ends every orderbook sid with error 10, keeps the socket, and a resubscribe starts afresh', async () => {
    const rig = await sims.start();
    const ticker = rig.tickers[0]!;
    const client = await subscribedClient(rig, ticker);
    const other = await subscribedClient(rig, ticker);

    const res = await rig.admin('POST', 'ws/error', { code: 10 });
    expect(res).toEqual({ status: 200, body: { clients: 2, errors: 2 } });
    expect(await client.next((f) => f.type === 'error')).toEqual({
      type: 'error',
      sid: 1,
      seq: 1,
      msg: { code: 10, msg: 'Channel error' },
    });

    restingBid(rig, ticker, 100);
    expect((await roundTrip(client, 2)).msg).toEqual([{ channel: 'trade', sid: 2 }]);
    expect(client.frames.filter((f) => f.sid === 1).map((f) => f.type)).toEqual([
      'orderbook_snapshot',
      'error',
    ]);
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    client.send({
      id: 3,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_ticker: ticker },
    });
    expect(await client.next((f) => f.id === 3 && f.type === 'subscribed')).toMatchObject({
      msg: { sid: 3 },
    });
    const snapshot = await client.next((f) => f.type === 'orderbook_snapshot' && f.sid === 3);
    expect(snapshot).toMatchObject({ seq: 1, msg: { market_ticker: ticker } });
    restingBid(rig, ticker, 200);
    expect(await client.next((f) => f.type === 'orderbook_delta')).toMatchObject({ sid: 3, seq: 2 });
    expect((await rig.admin('GET', 'state')).body.counters.ws.subscriptionErrorsInjected).toBe(2);
    other.ws.close();
  });

  it('targets one sid with error 25 and closes the socket when asked', async () => {
    const rig = await sims.start();
    const client = await subscribedClient(rig, rig.tickers[1]!);
    expect((await rig.admin('POST', 'ws/error', { code: 25, sid: 2, close: true })).body).toEqual({
      clients: 1,
      errors: 1,
    });
    expect(await client.closed).toBe(1008);
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([
      { type: 'error', sid: 2, seq: 0, msg: { code: 25, msg: 'Subscription buffer overflow' } },
    ]);
  });

  it('validates the command and reports a sid nobody has', async () => {
    const rig = await sims.start();
    for (const bad of [
      { code: 11 },
      { code: 10, sid: 0 },
      { code: 10, close: 'no' },
      { code: 10, extra: 1 },
    ]) {
      expect((await rig.admin('POST', 'ws/error', bad)).status).toBe(400);
    }
    expect((await rig.admin('POST', 'ws/error', { code: 10, sid: 7 })).body).toEqual({
      clients: 0,
      errors: 0,
    });
  });
});
