import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimKeyRegistry, verifyKalshiRequest } from '../../../src/sim/auth-verify';
import { createSeededRandom, createSimExchange, type SimExchangeEngine } from '../../../src/sim/engine';
import { createFaultController, type FaultController, type FaultPatch } from '../../../src/sim/faults';
import { createSimWsServer, type SimWsServer, type SimWsServerOptions } from '../../../src/sim/ws/ws-server';
import { connect, type Frame, makeKey, refused, type TestKey, wsHeaders } from './ws-client';

let alice: TestKey;
let bob: TestKey;
beforeAll(() => {
  alice = makeKey();
  bob = makeKey();
});

interface Rig {
  url: string;
  exchange: SimExchangeEngine;
  faults: FaultController;
  wsServer: SimWsServer;
  tickers: [string, string, string];
}

let open: { server: Server; wsServer: SimWsServer } | undefined;
afterEach(async () => {
  if (!open) return;
  open.wsServer.close();
  await new Promise<void>((resolve) => open?.server.close(() => resolve()));
  open = undefined;
});

async function rig(faultPatch: FaultPatch = {}, extra: Partial<SimWsServerOptions> = {}): Promise<Rig> {
  const exchange = createSimExchange({ seed: 5, markets: { count: 3 } });
  const faults = createFaultController(createSeededRandom(9), faultPatch);
  const keys = createSimKeyRegistry();
  keys.register(alice.keyId, alice.publicKeyPem, 'alice');
  keys.register(bob.keyId, bob.publicKeyPem, 'bob');
  const wsServer = createSimWsServer({
    exchange,
    faults,
    authenticate: (req) => verifyKalshiRequest(keys, req.headers, 'GET', '/trade-api/ws/v2', Date.now),
    ...extra,
  });
  const server = createServer();
  server.on('upgrade', (req, socket, head) => wsServer.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open = { server, wsServer };
  const { port } = server.address() as AddressInfo;
  const tickers = exchange.listMarkets().map((m) => m.ticker) as [string, string, string];
  return { url: `ws://127.0.0.1:${port}/trade-api/ws/v2`, exchange, faults, wsServer, tickers };
}

const bid = (
  exchange: SimExchangeEngine,
  userId: string,
  ticker: string,
  price: number,
  clientOrderId?: string,
) => {
  const result = exchange.createOrder({
    userId,
    ticker,
    side: 'bid',
    price,
    count: 200,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    ...(clientOrderId ? { clientOrderId } : {}),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.order;
};

const isType = (type: string, id?: number) => (f: Frame) =>
  f.type === type && (id === undefined || f.id === id);

describe('simulator WS server', () => {
  it('refuses an upgrade without valid Kalshi headers with 401 and the error envelope', async () => {
    const { url } = await rig();
    const none = await refused(url, {});
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({
      error: { code: 'authentication_error', message: 'authentication_error' },
    });
    const forged = {
      ...wsHeaders(alice),
      'KALSHI-ACCESS-SIGNATURE': wsHeaders(bob)['KALSHI-ACCESS-SIGNATURE'],
    };
    expect((await refused(url, forged)).status).toBe(401);
  });

  it('subscribes to several markets: ack, snapshots, then deltas with contiguous seq on the sid', async () => {
    const { url, exchange, tickers } = await rig();
    const c = await connect(url, alice);
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: tickers } });
    expect(await c.next(isType('subscribed', 1))).toEqual({
      id: 1,
      type: 'subscribed',
      msg: { channel: 'orderbook_delta', sid: 1 },
    });
    await c.next((f) => f.type === 'orderbook_snapshot' && f.seq === 3);
    for (const [i, ticker] of [...tickers, tickers[0]].entries()) bid(exchange, 'bob', ticker, 100 + i * 100);
    await c.next((f) => f.type === 'orderbook_delta' && f.seq === 7);
    const sequenced = c.frames.filter((f) => f.sid === 1 && f.seq !== undefined);
    expect(sequenced.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sequenced.slice(3).map((f) => f.msg.market_ticker)).toEqual([...tickers, tickers[0]]);
    expect(sequenced.slice(0, 3).map((f) => f.msg.market_ticker)).toEqual(tickers);
  });

  it("carries client_order_id only on the deltas sent to the order's owner", async () => {
    const { url, exchange, tickers } = await rig();
    const a = await connect(url, alice);
    const b = await connect(url, bob);
    for (const c of [a, b]) {
      c.send({
        id: 1,
        cmd: 'subscribe',
        params: { channels: ['orderbook_delta'], market_ticker: tickers[1] },
      });
      await c.next(isType('orderbook_snapshot'));
    }
    bid(exchange, 'alice', tickers[1], 300, 'alice-order-1');
    const mine = await a.next(isType('orderbook_delta'));
    const theirs = await b.next(isType('orderbook_delta'));
    expect(mine.msg).toMatchObject({
      client_order_id: 'alice-order-1',
      subaccount: 0,
      price_dollars: '0.0300',
    });
    expect(theirs.msg.price_dollars).toBe('0.0300');
    expect(theirs.msg).not.toHaveProperty('client_order_id');
  });

  it('answers get_snapshot (action in params) with the command id; a top-level action is error 15', async () => {
    const { url, tickers } = await rig();
    const c = await connect(url, alice);
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: tickers[0] } });
    await c.next(isType('orderbook_snapshot'));
    c.send({
      id: 2,
      cmd: 'update_subscription',
      params: { sids: [1], action: 'get_snapshot', market_tickers: [tickers[0]] },
    });
    expect(await c.next(isType('orderbook_snapshot', 2))).toMatchObject({
      sid: 1,
      seq: 2,
      msg: { market_ticker: tickers[0] },
    });
    c.send({ id: 3, cmd: 'update_subscription', action: 'get_snapshot', params: { sids: [1] } });
    expect(await c.next(isType('error', 3))).toEqual({
      id: 3,
      type: 'error',
      msg: { code: 15, msg: 'Action required' },
    });
    c.send({
      id: 4,
      cmd: 'subscribe',
      params: { channels: ['orderbook_deltas'], market_ticker: tickers[0] },
    });
    expect((await c.next(isType('error', 4))).msg).toEqual({ code: 8, msg: 'Unknown channel name' });
  });

  it('stops a subscription on unsubscribe', async () => {
    const { url, exchange, tickers } = await rig();
    const c = await connect(url, alice);
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: tickers[0] } });
    await c.next(isType('orderbook_snapshot'));
    c.send({ id: 2, cmd: 'unsubscribe', params: { sids: [1] } });
    expect(await c.next(isType('unsubscribed', 2))).toEqual({ id: 2, sid: 1, seq: 1, type: 'unsubscribed' });
    bid(exchange, 'bob', tickers[0], 100);
    c.send({ id: 3, cmd: 'list_subscriptions' });
    expect((await c.next(isType('ok', 3))).msg).toEqual([]);
    expect(c.frames.some((f) => f.type === 'orderbook_delta')).toBe(false);
  });

  it('pings with payload "heartbeat" and drops a client that stops ponging', async () => {
    // Pong deadlines run on a clock the test moves (the heartbeat stays real): a real 150 ms deadline
    // also dropped the ponging client whenever a loaded machine delayed its pong.
    let hostMs = 0;
    const { url, wsServer } = await rig({}, { heartbeatMs: 15, pongTimeoutMs: 1_000, hostNow: () => hostMs });
    const live = await connect(url, alice);
    const silent = await connect(url, bob, { autoPong: false });
    hostMs = 1_000; // both at the deadline, neither past it
    await new Promise<void>((resolve) => live.ws.once('ping', () => resolve()));
    expect(live.pings[0]).toBe('heartbeat');
    // The live client's pong went out before this command: once answered, the server has its pong (at 1 s).
    live.send({ id: 1, cmd: 'list_subscriptions' });
    await live.next(isType('ok', 1));
    hostMs = 1_500;
    expect(await silent.closed).toBe(1006);
    expect(wsServer.counters.pongTimeouts).toBe(1);
    expect(live.ws.readyState).toBe(live.ws.OPEN);
  });

  it('publishes ticker frames for changed markets on its interval', async () => {
    const { url, exchange, tickers } = await rig({}, { tickerIntervalMs: 10 });
    const c = await connect(url, alice);
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['ticker'], market_ticker: tickers[2] } });
    await c.next(isType('subscribed'));
    const [best, size] = exchange.getBook(tickers[2])!.yes.at(-1)!;
    bid(exchange, 'bob', tickers[0], 100); // another market: filtered out
    bid(exchange, 'bob', tickers[2], best); // joins the best bid: 2 more contracts
    const ticker = await c.next(isType('ticker'));
    expect(ticker.msg).toMatchObject({
      market_ticker: tickers[2],
      yes_bid_dollars: (best / 10_000).toFixed(4),
      yes_bid_size_fp: ((size + 200) / 100).toFixed(2),
    });
    expect(c.frames.filter(isType('ticker')).every((f) => f.msg.market_ticker === tickers[2])).toBe(true);
  });
});

describe('simulator WS faults', () => {
  const subscribeBook = async (url: string, ticker: string) => {
    const c = await connect(url, alice);
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: ticker } });
    await c.rawCount(2);
    return c;
  };

  it('seqSkipRate 1: updates vanish but their seq is consumed, so the client sees a jump', async () => {
    const { url, exchange, faults, tickers } = await rig({ seqSkipRate: 1 });
    const c = await subscribeBook(url, tickers[0]);
    bid(exchange, 'bob', tickers[0], 100);
    bid(exchange, 'bob', tickers[0], 200);
    faults.set({ seqSkipRate: 0 });
    bid(exchange, 'bob', tickers[0], 300);
    const delta = await c.next(isType('orderbook_delta'));
    expect(delta.seq).toBe(4);
    expect(c.frames.filter((f) => f.sid === 1 && f.seq !== undefined).map((f) => f.seq)).toEqual([1, 4]);
  });

  it('duplicateRate 1: each frame arrives twice with the same seq', async () => {
    const { url, exchange, tickers } = await rig({ duplicateRate: 1 });
    const c = await subscribeBook(url, tickers[0]);
    bid(exchange, 'bob', tickers[0], 100);
    await c.rawCount(5);
    expect(c.frames.filter((f) => f.seq !== undefined).map((f) => [f.type, f.seq])).toEqual([
      ['orderbook_snapshot', 1],
      ['orderbook_snapshot', 1],
      ['orderbook_delta', 2],
      ['orderbook_delta', 2],
    ]);
  });

  it('malformedRate 1: data frames are unparsable or carry a wrongly typed field', async () => {
    const { url, exchange, tickers } = await rig({ malformedRate: 1 });
    const c = await subscribeBook(url, tickers[0]);
    for (let i = 1; i <= 6; i++) bid(exchange, 'bob', tickers[0], i * 100);
    const raw = await c.rawCount(8);
    expect(JSON.parse(raw[0]!)).toMatchObject({ type: 'subscribed' });
    let unparsable = 0;
    for (const text of raw.slice(1)) {
      try {
        const frame = JSON.parse(text);
        expect(typeof frame.seq === 'string' || typeof frame.sid === 'string').toBe(true);
      } catch {
        unparsable++;
      }
    }
    expect(unparsable).toBeGreaterThan(0);
  });

  it('dropConnections: open sockets are terminated and new ones too, until cleared', async () => {
    const { url, faults, wsServer } = await rig();
    const c = await connect(url, alice);
    faults.set({ dropConnections: true });
    expect(await c.closed).toBe(1006);
    const again = await connect(url, alice);
    expect(await again.closed).toBe(1006);
    faults.set({ dropConnections: false });
    const fine = await connect(url, alice);
    fine.send({ id: 1, cmd: 'list_subscriptions' });
    expect(await fine.next(isType('ok', 1))).toEqual({ id: 1, type: 'ok', msg: [] });
    expect(wsServer.counters.connectionsDropped).toBe(2);
  });

  it('refuseUpgrade 503: the handshake gets 503 with the service_unavailable envelope', async () => {
    const { url, faults } = await rig({ refuseUpgrade: 503 });
    expect(await refused(url, wsHeaders(alice))).toEqual({
      status: 503,
      body: { error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' } },
    });
    faults.clear();
    await connect(url, alice);
  });
});
