import { describe, expect, it } from 'vitest';
import { createSeededRandom, createSimExchange, type SimExchangeEngine } from '../../../src/sim/engine';
import { createFaultController } from '../../../src/sim/faults';
import { createOrderFlow } from '../../../src/sim/flow/order-flow';
import { createOutbox, newWsCounters } from '../../../src/sim/ws/outbox';
import { Session } from '../../../src/sim/ws/session';
import { createTickerFeed } from '../../../src/sim/ws/ticker-feed';

import type { Frame } from './ws-client';

const NOW = 1_700_000_000_000;

function harness() {
  const exchange = createSimExchange({ now: () => NOW, seed: 7, markets: { count: 3 } });
  const faults = createFaultController(createSeededRandom(1));
  const feed = createTickerFeed(
    exchange,
    () => NOW,
    () => {},
  );
  const counters = newWsCounters();
  const connect = (userId: string, id = 1) => {
    const frames: Frame[] = [];
    const sink = {
      send: (t: string) => frames.push(JSON.parse(t)),
      bufferedAmount: () => 0,
      close: () => {},
    };
    const session = new Session(id, userId, {
      exchange,
      outbox: createOutbox(sink, faults, counters, 1 << 20),
      counters,
      tickerMsg: feed.current,
    });
    exchange.subscribe((e) => session.onEvent(e));
    const send = (cmd: unknown) => session.handleText(JSON.stringify(cmd));
    return { session, frames, send };
  };
  const tickers = exchange.listMarkets().map((m) => m.ticker);
  return { exchange, connect, tickers: tickers as [string, string, string] };
}

const order = (
  exchange: SimExchangeEngine,
  userId: string,
  ticker: string,
  price: number,
  clientOrderId?: string,
) =>
  exchange.createOrder({
    userId,
    ticker,
    side: 'bid',
    price,
    count: 300,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    ...(clientOrderId ? { clientOrderId } : {}),
  });

describe('Session', () => {
  it('acks a subscription, sends one snapshot per market, then deltas with contiguous seq per sid', () => {
    const { exchange, connect, tickers } = harness();
    const alice = connect('alice');
    alice.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_tickers: tickers.slice(0, 2) },
    });
    expect(alice.frames[0]).toEqual({
      id: 1,
      type: 'subscribed',
      msg: { channel: 'orderbook_delta', sid: 1 },
    });
    const snaps = alice.frames.slice(1);
    expect(snaps.map((f) => [f.type, f.sid, f.seq, f.msg.market_ticker])).toEqual([
      ['orderbook_snapshot', 1, 1, tickers[0]],
      ['orderbook_snapshot', 1, 2, tickers[1]],
    ]);
    const book = exchange.getBook(tickers[0])!;
    expect(snaps[0]!.msg.yes_dollars_fp[0]).toEqual([
      (book.yes[0]![0] / 10_000).toFixed(4),
      (book.yes[0]![1] / 100).toFixed(2),
    ]);
    expect(snaps[0]!.msg.market_id).toBe(exchange.getMarket(tickers[0])!.marketId);

    order(exchange, 'bob', tickers[0], 100);
    order(exchange, 'bob', tickers[1], 100);
    order(exchange, 'bob', tickers[2], 100); // not subscribed
    const deltas = alice.frames.filter((f) => f.type === 'orderbook_delta');
    expect(deltas.map((f) => [f.seq, f.msg.market_ticker])).toEqual([
      [3, tickers[0]],
      [4, tickers[1]],
    ]);
    expect(deltas[0]!.msg).toMatchObject({
      price_dollars: '0.0100',
      delta_fp: '3.00',
      side: 'yes',
      ts_ms: NOW,
    });
    expect(deltas[0]!.msg).not.toHaveProperty('client_order_id');
  });

  it('shows client_order_id on a delta only to the owner of the order', () => {
    const { exchange, connect, tickers } = harness();
    const alice = connect('alice', 1);
    const bob = connect('bob', 2);
    for (const c of [alice, bob])
      c.send({
        id: 1,
        cmd: 'subscribe',
        params: { channels: ['orderbook_delta'], market_ticker: tickers[0] },
      });
    order(exchange, 'alice', tickers[0], 200, 'mine-1');
    const aliceDelta = alice.frames.find((f) => f.type === 'orderbook_delta');
    const bobDelta = bob.frames.find((f) => f.type === 'orderbook_delta');
    expect(aliceDelta?.msg).toMatchObject({ client_order_id: 'mine-1', subaccount: 0 });
    expect(bobDelta?.msg).toBeDefined();
    expect(bobDelta?.msg).not.toHaveProperty('client_order_id');
    expect(bobDelta?.msg).not.toHaveProperty('subaccount');
  });

  it('reports NO levels in YES pricing only with use_yes_price', () => {
    const { exchange, connect, tickers } = harness();
    const plain = connect('a', 1);
    const yes = connect('b', 2);
    plain.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_ticker: tickers[0], use_yes_price: false },
    });
    yes.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_ticker: tickers[0], use_yes_price: true },
    });
    const noBest = exchange.getBook(tickers[0])!.no.at(-1)![0];
    const plainNo = plain.frames[1]!.msg.no_dollars_fp.map((l: string[]) => l[0]);
    const yesNo = yes.frames[1]!.msg.no_dollars_fp.map((l: string[]) => l[0]);
    expect(plainNo).toContain((noBest / 10_000).toFixed(4));
    expect(yesNo).toContain(((10_000 - noBest) / 10_000).toFixed(4));
  });

  it('answers get_snapshot with the command id, and update/unsubscribe/list with the documented frames', () => {
    const { connect, tickers } = harness();
    const c = connect('alice');
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: tickers[0] } });
    c.send({ id: 2, cmd: 'update_subscription', params: { sids: [1], action: 'get_snapshot' } });
    expect(c.frames.at(-1)).toMatchObject({ id: 2, type: 'orderbook_snapshot', sid: 1, seq: 2 });
    c.send({ id: 3, cmd: 'update_subscription', action: 'get_snapshot', params: { sids: [1] } });
    expect(c.frames.at(-1)).toEqual({ id: 3, type: 'error', msg: { code: 15, msg: 'Action required' } });
    c.send({
      id: 4,
      cmd: 'update_subscription',
      params: { sid: 1, action: 'add_markets', market_tickers: [tickers[1]] },
    });
    expect(c.frames.at(-2)).toEqual({
      id: 4,
      sid: 1,
      seq: 2,
      type: 'ok',
      msg: { market_tickers: [tickers[0], tickers[1]] },
    });
    expect(c.frames.at(-1)).toMatchObject({
      type: 'orderbook_snapshot',
      seq: 3,
      msg: { market_ticker: tickers[1] },
    });
    c.send({
      id: 5,
      cmd: 'update_subscription',
      params: { sid: 1, action: 'delete_markets', market_ticker: tickers[0] },
    });
    expect(c.frames.at(-1)).toEqual({
      id: 5,
      sid: 1,
      seq: 3,
      type: 'ok',
      msg: { market_tickers: [tickers[1]] },
    });
    c.send({ id: 6, cmd: 'subscribe', params: { channels: ['fill', 'ticker'] } });
    c.send({ id: 7, cmd: 'list_subscriptions' });
    expect(c.frames.at(-1)).toEqual({
      id: 7,
      type: 'ok',
      msg: [
        { channel: 'orderbook_delta', sid: 1 },
        { channel: 'fill', sid: 2 },
        { channel: 'ticker', sid: 3 },
      ],
    });
    c.send({ id: 8, cmd: 'unsubscribe', params: { sids: [1, 2, 9] } });
    expect(c.frames.slice(-3)).toEqual([
      { id: 8, sid: 1, seq: 3, type: 'unsubscribed' },
      { id: 8, sid: 2, type: 'unsubscribed' },
      { id: 8, type: 'error', msg: { code: 7, msg: 'Unknown subscription ID' } },
    ]);
  });

  it('rejects unknown channels (8), unknown markets (11) and snapshots of other channels (13)', () => {
    const { connect, tickers } = harness();
    const c = connect('alice');
    c.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta', 'nope'], market_ticker: tickers[0] },
    });
    expect(c.frames).toEqual([{ id: 1, type: 'error', msg: { code: 8, msg: 'Unknown channel name' } }]);
    c.send({ id: 2, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: 'NOPE-1' } });
    expect(c.frames.at(-1)).toEqual({
      id: 2,
      type: 'error',
      msg: { code: 11, msg: 'Invalid parameter', market_tickers: ['NOPE-1'] },
    });
    c.send({ id: 3, cmd: 'subscribe', params: { channels: ['trade'] } });
    c.send({ id: 4, cmd: 'update_subscription', params: { sid: 1, action: 'get_snapshot' } });
    expect(c.frames.at(-1)).toMatchObject({ id: 4, type: 'error', msg: { code: 13 } });
  });

  it('routes fills, orders and positions to their owner only, trades and lifecycle to everyone', () => {
    const { exchange, connect, tickers } = harness();
    const alice = connect('alice', 1);
    const bob = connect('bob', 2);
    const channels = ['fill', 'user_orders', 'market_positions', 'trade', 'market_lifecycle_v2'];
    for (const c of [alice, bob]) c.send({ id: 1, cmd: 'subscribe', params: { channels } });
    const bestYes = exchange.getBook(tickers[0])!.yes.at(-1)![0];
    const hit = exchange.createOrder({
      userId: 'alice',
      ticker: tickers[0],
      side: 'ask',
      price: bestYes,
      count: 100,
      timeInForce: 'immediate_or_cancel',
      selfTradePrevention: 'taker_at_cross',
      clientOrderId: 'hit-1',
    });
    expect(hit.ok && hit.value.fills.length).toBeGreaterThan(0);
    exchange.setPaused(tickers[1], true);
    const types = (frames: Frame[]) => new Set(frames.map((f) => f.type));
    expect(types(alice.frames)).toEqual(
      new Set(['subscribed', 'fill', 'user_order', 'market_position', 'trade', 'market_lifecycle_v2']),
    );
    expect(types(bob.frames)).toEqual(new Set(['subscribed', 'trade', 'market_lifecycle_v2']));
    const fill = alice.frames.find((f) => f.type === 'fill')!;
    expect(fill.msg).toMatchObject({
      client_order_id: 'hit-1',
      is_taker: true,
      book_side: 'ask',
      outcome_side: 'no',
    });
    expect(fill).not.toHaveProperty('seq');
    const trade = bob.frames.find((f) => f.type === 'trade')!;
    expect(trade.seq).toBe(1);
    expect(trade.msg).toMatchObject({
      taker_book_side: 'ask',
      yes_price_dollars: (bestYes / 10_000).toFixed(4),
    });
    const lifecycle = bob.frames.find((f) => f.type === 'market_lifecycle_v2')!;
    expect(lifecycle.msg).toEqual({
      market_ticker: tickers[1],
      event_type: 'deactivated',
      is_deactivated: true,
    });
    const userOrder = alice.frames.find((f) => f.type === 'user_order')!;
    expect(userOrder.msg).toMatchObject({ client_order_id: 'hit-1', user_id: 'alice', ticker: tickers[0] });
  });

  it('sends initial ticker frames on request', () => {
    const { connect, tickers } = harness();
    const c = connect('alice');
    c.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['ticker'], market_tickers: tickers, send_initial_snapshot: true },
    });
    const frames = c.frames.filter((f) => f.type === 'ticker');
    expect(frames.map((f) => f.msg.market_ticker)).toEqual(tickers);
    expect(frames[0]!.msg).toMatchObject({ ts_ms: NOW, ts: NOW / 1000 });
    expect(frames[0]!.msg.yes_bid_dollars).toMatch(/^0\.\d{4}$/);
  });

  it('lets a client rebuild every book exactly from snapshot + deltas under synthetic flow', () => {
    const { exchange, connect, tickers } = harness();
    const c = connect('watcher');
    c.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: tickers } });
    const flow = createOrderFlow({ exchange, rng: createSeededRandom(21), rate: 1 });
    flow.step(400);
    const books = new Map<string, { yes: Map<string, number>; no: Map<string, number> }>();
    let seq = 0;
    for (const f of c.frames.filter((x) => x.sid === 1)) {
      expect(f.seq).toBe(++seq);
      const ticker = f.msg.market_ticker as string;
      if (f.type === 'orderbook_snapshot') {
        const side = (levels: string[][] = []) =>
          new Map(levels.map(([p, q]) => [p!, Math.round(Number(q) * 100)]));
        books.set(ticker, { yes: side(f.msg.yes_dollars_fp), no: side(f.msg.no_dollars_fp) });
      } else {
        const ladder = books.get(ticker)![f.msg.side as 'yes' | 'no'];
        const next = (ladder.get(f.msg.price_dollars) ?? 0) + Math.round(Number(f.msg.delta_fp) * 100);
        expect(next).toBeGreaterThanOrEqual(0);
        if (next === 0) ladder.delete(f.msg.price_dollars);
        else ladder.set(f.msg.price_dollars, next);
      }
    }
    expect(seq).toBeGreaterThan(100);
    for (const ticker of tickers) {
      const engine = exchange.getBook(ticker)!;
      const asMap = (ladder: Array<[number, number]>) =>
        new Map(ladder.map(([p, q]) => [(p / 10_000).toFixed(4), q]));
      expect(books.get(ticker)?.yes).toEqual(asMap(engine.yes));
      expect(books.get(ticker)?.no).toEqual(asMap(engine.no));
    }
  });
});
