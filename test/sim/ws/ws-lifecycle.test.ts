import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderBody, type SimRig, startRig } from '../sim-rig';
import { makeKey, type TestClient, type TestKey } from './ws-client';

let key: TestKey;
beforeAll(() => {
  key = makeKey();
});

let rig: SimRig | undefined;
afterEach(async () => {
  await rig?.sim.close();
  rig = undefined;
});

const CHANNELS = ['orderbook_delta', 'ticker', 'fill', 'user_orders', 'market_positions'];
const CLIENTS = 4;

async function subscribedClient(r: SimRig): Promise<TestClient> {
  const client = await r.ws();
  client.send({ id: 1, cmd: 'subscribe', params: { channels: CHANNELS, market_tickers: r.tickers } });
  for (let sid = 1; sid <= CHANNELS.length; sid++)
    await client.next((f) => f.type === 'subscribed' && f.msg.sid === sid);
  return client;
}

describe('simulator WS: per-connection state', () => {
  it('is released when connections end, cycle after cycle of dropConnections', async () => {
    // The flow keeps books moving; held private frames (privateDelayMs) are pending at every drop.
    rig = await startRig(key, { markets: 3, flowRunning: true, rate: 500, faults: { privateDelayMs: 200 } });
    const r = rig;
    for (let cycle = 0; cycle < 5; cycle++) {
      const clients = await Promise.all(Array.from({ length: CLIENTS }, () => subscribedClient(r)));
      expect(r.sim.ws.stats()).toEqual({ connections: CLIENTS, subscriptions: CLIENTS * CHANNELS.length });
      // Own orders: user_order frames sit in each connection's private lane when the drop comes.
      const placed = await r.rest(
        'POST',
        '/portfolio/events/orders',
        orderBody(r.tickers[0] ?? '', 'bid', '0.0100', `c-${cycle}`),
      );
      expect(placed.status).toBe(201);
      expect((await r.admin('POST', 'faults', { dropConnections: true })).status).toBe(200);
      await Promise.all(clients.map((c) => c.closed));
      await vi.waitFor(() => expect(r.sim.ws.stats()).toEqual({ connections: 0, subscriptions: 0 }));
      expect(r.sim.ws.sessions()).toEqual([]);
      await r.admin('POST', 'faults', { dropConnections: false });
    }
    const state = await r.admin('GET', 'state');
    expect(state.body.memory.ws).toEqual({ connections: 0, subscriptions: 0 });
    expect(state.body.counters.ws.connectionsDropped).toBe(5 * CLIENTS);
  });
});
