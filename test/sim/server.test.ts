import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/adapters/kalshi/auth';
import { isLoopbackAddress } from '../../src/sim/admin/admin-app';
import { type SimulatorHandle, startSimulator } from '../../src/sim/server';
import { connect, type Frame, makeKey, type TestKey } from './ws/ws-client';

let key: TestKey;
beforeAll(() => {
  key = makeKey();
});

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async () => {
  sim = await startSimulator({
    port: 0,
    markets: 3,
    seed: 4,
    flowRunning: false,
    keys: [{ ...key, userId: 'tester' }],
  });
  return sim;
};

const admin = (s: SimulatorHandle, method: string, path: string, body?: string) =>
  fetch(`${s.url}/sim/${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });

const createOrder = (s: SimulatorHandle, ticker: string) => {
  const path = '/trade-api/v2/portfolio/events/orders';
  return fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(key.creds, 'POST', path, Date.now) },
    body: JSON.stringify({
      ticker,
      side: 'bid',
      price: '0.0100',
      count: '1.00',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    }),
  });
};

describe('startSimulator', () => {
  it('serves REST, WS and the admin API on one loopback port', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.restUrl).toBe(`${s.url}/trade-api/v2`);
    expect(s.wsUrl).toBe(`ws://127.0.0.1:${s.port}/trade-api/ws/v2`);
    expect((await fetch(`${s.restUrl}/exchange/status`)).status).toBe(200);
    const client = await connect(s.wsUrl, key);
    client.send({ id: 1, cmd: 'list_subscriptions' });
    await client.next((f) => f.id === 1);
    const state = (await (await admin(s, 'GET', 'state')).json()) as Frame;
    expect(state.markets).toHaveLength(3 + 3 * 3); // generated, and three rolling series of three strikes
    expect(state.clients).toEqual([{ id: 1, userId: 'tester', subscriptions: [] }]);
    expect(state.counters.ws.connected).toBe(1);
    expect(state.flow).toMatchObject({ running: false });
    expect(state.faults).toMatchObject({ seqSkipRate: 0 });
    // The admin API lives beside the Kalshi API, never inside it.
    expect((await fetch(`${s.restUrl}/sim/faults`)).status).toBe(404);
  });

  it('sets, validates and clears faults through the admin API', async () => {
    const s = await start();
    expect((await admin(s, 'POST', 'faults', '{not json')).status).toBe(400);
    const bad = await admin(s, 'POST', 'faults', JSON.stringify({ seqSkipRate: 3 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await admin(s, 'POST', 'faults', JSON.stringify({ unknownFault: true }))).status).toBe(400);
    const set = await admin(s, 'POST', 'faults', JSON.stringify({ duplicateRate: 0.5 }));
    expect(await set.json()).toMatchObject({ duplicateRate: 0.5, seqSkipRate: 0 });
    expect(await (await admin(s, 'GET', 'faults')).json()).toMatchObject({ duplicateRate: 0.5 });
    expect(await (await admin(s, 'DELETE', 'faults')).json()).toMatchObject({ duplicateRate: 0 });
    expect(s.faults.get().duplicateRate).toBe(0);
  });

  it('restErrorRate 1 answers REST with the 503 envelope', async () => {
    const s = await start();
    await admin(s, 'POST', 'faults', JSON.stringify({ restErrorRate: 1 }));
    const res = await fetch(`${s.restUrl}/exchange/status`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' },
    });
    // Admin routes are never faulted.
    expect((await admin(s, 'GET', 'faults')).status).toBe(200);
  });

  it('pauseTrading makes REST order entry answer 409 trading_is_paused', async () => {
    const s = await start();
    const ticker = s.exchange.listMarkets()[0]!.ticker;
    await admin(s, 'POST', 'faults', JSON.stringify({ pauseTrading: [ticker] }));
    const paused = await createOrder(s, ticker);
    expect(paused.status).toBe(409);
    expect(await paused.json()).toMatchObject({ error: { code: 'trading_is_paused' } });
    await admin(s, 'DELETE', 'faults');
    expect((await createOrder(s, ticker)).status).toBe(201);
  });

  it('refuses the WS handshake with 503 when told to', async () => {
    const s = await start();
    await admin(s, 'POST', 'faults', JSON.stringify({ refuseUpgrade: 503 }));
    await expect(connect(s.wsUrl, key)).rejects.toMatchObject({ status: 503 });
  });

  it('refuseKeys makes every key unknown on private REST and the WS upgrade, until cleared', async () => {
    const s = await start();
    const ticker = s.exchange.listMarkets()[0]!.ticker;
    await admin(s, 'POST', 'faults', JSON.stringify({ refuseKeys: true }));
    const refused = await createOrder(s, ticker);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: { details: expect.stringContaining('INVALID_API_KEY') },
    });
    await expect(connect(s.wsUrl, key)).rejects.toMatchObject({ status: 401 });
    // Public market data needs no key and stays served.
    expect((await fetch(`${s.restUrl}/exchange/status`)).status).toBe(200);
    await admin(s, 'DELETE', 'faults');
    expect((await createOrder(s, ticker)).status).toBe(201);
    (await connect(s.wsUrl, key)).ws.terminate();
  });

  it('steers the synthetic flow', async () => {
    const s = await start();
    const res = await admin(s, 'POST', 'flow', JSON.stringify({ running: true, rate: 0 }));
    expect(await res.json()).toMatchObject({ running: true, rate: 0 });
    expect(s.flow.stats().running).toBe(true);
    expect((await admin(s, 'POST', 'flow', JSON.stringify({ rate: 5 }))).status).toBe(400);
  });

  it('keeps none of the flow’s finished business, and API users’ history up to its limit', async () => {
    sim = await startSimulator({
      port: 0,
      markets: 3,
      seed: 4,
      flowRunning: false,
      historyLimit: 2,
      keys: [{ ...key, userId: 'tester' }],
    });
    const seeded = sim.exchange.retention().orders;
    sim.flow.setRunning(true);
    expect(sim.flow.step(3_000)).toBe(3_000);
    const ticker = sim.exchange.listMarkets()[0]?.ticker ?? '';
    for (let i = 0; i < 4; i++) expect((await createOrder(sim, ticker)).status).toBe(201);
    sim.exchange.cancelAll('tester');
    expect(sim.exchange.retention()).toMatchObject({ historyOrders: 2, historyFills: 0 });
    const state = (await (await admin(sim, 'GET', 'state')).json()) as Frame;
    expect(state.memory.retention.historyOrders).toBe(2);
    // Besides the API user's two, only resting orders are known (the seeded books, at most 30 flow
    // quotes a market): the flow forgot everything that ended.
    const markets = sim.exchange.listMarkets().length;
    expect(state.memory.retention.orders).toBeLessThanOrEqual(seeded + markets * 30 + 2);
    expect(sim.flow.stats().placed).toBeGreaterThan(1_000);
  });

  it('frees its port on close', async () => {
    const s = await start();
    await connect(s.wsUrl, key);
    await s.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(s.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('treats only loopback callers as admins', () => {
    expect(['127.0.0.1', '127.5.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.1.2', '2001:db8::1', undefined].some(isLoopbackAddress)).toBe(false);
  });
});

describe('startSimulator on a busy port', () => {
  it('rejects and leaves nothing running', async () => {
    const first = await startSimulator({ port: 0, markets: 1, flowRunning: false });
    try {
      await expect(startSimulator({ port: first.port, markets: 1 })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});
