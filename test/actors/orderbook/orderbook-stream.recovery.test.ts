// The orderbook stream against a scripted Kalshi WS server: subscribe batches and private channels, a
// lost ack, errors 10/25, the get_snapshot → resubscribe → reconnect ladder, silence, and stop/restart.
// The parent hears FEED.UP and FEED.DOWN {reason} only, each on an edge.
import { createPrivateKey } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createOrderbookStream,
  type OrderbookStreamDeps,
} from '../../../src/actors/orderbook/orderbook-stream';
import fixtures from '../../fixtures/kalshi/ws-data-messages.json';
import { FakeKalshiWs, type ServerEvent } from '../../support/fake-kalshi-ws';
import { pemKeyPair } from '../../support/pem-key-pair';
import { startUnderParent } from '../parent-harness';
import { recordingLog } from './recording-log';

const MARKETS = ['A', 'B', 'C'];
/** Each market batch's subscribe: books and tickers (sids 1+2 for A, B; 3+4 for C; the private ones from 5). */
const BATCH = { channels: ['orderbook_delta', 'ticker'], use_yes_price: false, send_initial_snapshot: true };
const WAIT = { timeout: 10_000, interval: 10 };

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function start(deps: Partial<OrderbookStreamDeps> = {}, markets = MARKETS, refuse = 0) {
  const fake = await FakeKalshiWs.start();
  fake.refuseNext = refuse;
  cleanup.push(() => fake.close());
  const log = recordingLog();
  const privates: Array<{ type: string; message: unknown }> = [];
  const hooks = { frames: [] as string[], gaps: 0, resyncs: 0, duplicates: 0, malformed: 0, foreign: 0 };
  const stream = createOrderbookStream({
    wsUrl: fake.url,
    credentials: { keyId: 'fake-key', privateKey: createPrivateKey(pemKeyPair().privateKey) },
    now: Date.now,
    log,
    publishIntervalMs: 10,
    subscribeTimeoutMs: 150,
    resyncTimeoutMs: 100,
    resubscribeTimeoutMs: 200,
    staleCheckIntervalMs: 20,
    subscribeBatchSize: 2,
    onPrivate: (type, message) => privates.push({ type, message }),
    metrics: {
      onFrame: (type, n) => {
        for (let i = 0; i < n; i++) hooks.frames.push(type);
      },
      onGap: (n) => (hooks.gaps += n),
      onResync: (n) => (hooks.resyncs += n),
      onDuplicate: (n) => (hooks.duplicates += n),
      onMalformed: (n) => (hooks.malformed += n),
      onForeign: (n) => (hooks.foreign += n),
    },
    wsOptions: { backoff: { initialMs: 10, maxMs: 50 }, commandTimeoutMs: 200 },
    ...deps,
  });
  const run = () => {
    const parent = startUnderParent(stream.logic, { markets });
    cleanup.push(() => parent.stop());
    return parent;
  };
  const parent = run();
  const types = () => parent.received().map((e) => e.type);
  const waitForType = (type: string, from = 0) =>
    vi.waitFor(() => expect(types().slice(from)).toContain(type), WAIT);
  const subscribes = (tickers: string[]) =>
    fake.commands.filter(
      (c) => c.cmd === 'subscribe' && JSON.stringify(c.params?.market_tickers) === JSON.stringify(tickers),
    );
  return { fake, log, stream, parent, run, types, waitForType, privates, hooks, subscribes };
}

const isCmd =
  (cmd: string) =>
  (e: ServerEvent): e is Extract<ServerEvent, { kind: 'command' }> =>
    e.kind === 'command' && e.command.cmd === cmd;

describe('orderbook stream with a scripted server', () => {
  it('subscribes markets in batches with use_yes_price pinned and their tickers, plus the private channels', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    const subs = t.fake.commands.filter((c) => c.cmd === 'subscribe').map((c) => c.params);
    expect(subs).toEqual([
      { ...BATCH, market_tickers: ['A', 'B'] },
      { ...BATCH, market_tickers: ['C'] },
      { channels: ['fill', 'user_orders', 'market_positions', 'market_lifecycle_v2'] },
    ]);
    expect(t.types()).toEqual(['FEED.UP']);
    expect(t.stream.stats().privateChannels).toBe('subscribed');
    expect(t.fake.handshakes[0]?.keyId).toBe('fake-key');

    t.fake.send({ ...fixtures.fill, sid: 99 }); // a sid we never subscribed: not ours to act on
    t.fake.send({ ...fixtures.fill, sid: 5 }); // the fill channel of the private subscription
    t.fake.send(fixtures.ticker); // public data on a sid we never subscribed: dropped as foreign
    t.fake.send('{"type":"orderbook_delta","sid":1,'); // malformed
    const dup = t.fake.delta(1, 'A', '0.3000', '5.00');
    t.fake.send(dup);
    t.fake.send(dup);
    await vi.waitFor(() => {
      expect(t.privates.map((p) => p.type)).toEqual(['fill']);
      expect(t.hooks.malformed).toBe(1);
      expect(t.hooks.duplicates).toBe(1);
      expect(t.hooks.frames.filter((f) => f === 'orderbook_snapshot')).toHaveLength(3);
      expect(t.hooks.frames.filter((f) => f === 'fill')).toHaveLength(2);
      expect(t.hooks.foreign).toBe(2);
    }, WAIT);
    const fill = t.privates[0]?.message as { data: { orderId: string } } | undefined;
    expect(fill?.data.orderId).toBe(fixtures.fill.msg.order_id);
    expect(t.stream.books.getBook('A')?.yes.sizeOf(3_000)).toBe(500);
    expect(t.stream.stats().privateMessages).toBe(1);
  });

  it("keeps each followed market's last trade and volume from its batch's ticker sid; a bad frame is dropped", async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    const published: string[] = [];
    t.stream.subscribe((u) => published.push(u.ticker));
    t.fake.send(t.fake.delta(1, 'B', '0.2000', '1.00'));
    await vi.waitFor(() => expect(published).toContain('B'), WAIT); // the snapshots' publications are out
    published.length = 0;
    const ticker = (msg: Record<string, unknown>) => ({ type: 'ticker', sid: 2, msg });
    t.fake.send(ticker({ market_ticker: 'A', price_dollars: '0.4500', volume_fp: '12.00', ts_ms: 2_000 }));
    t.fake.send(ticker({ market_ticker: 'A', price_dollars: '0.4400', volume_fp: '10.00', ts_ms: 1_000 })); // older
    t.fake.send(ticker({ market_ticker: 'A', price_dollars: 'abc', volume_fp: '13.00' })); // malformed
    t.fake.send(ticker({ market_ticker: 'Z', price_dollars: '0.3000', volume_fp: '1.00' })); // not followed
    t.fake.send(t.fake.delta(1, 'B', '0.3000', '5.00')); // after the tickers: when it is in, so are they
    await vi.waitFor(() => expect(t.stream.books.getBook('B')?.yes.sizeOf(3_000)).toBe(500), WAIT);
    expect(t.stream.books.trade('A')).toEqual({ lastPrice: 4_500, volume: 1_200, updatedMs: 2_000 });
    expect(t.stream.books.trade('Z')).toBeUndefined();
    await vi.waitFor(() => {
      expect(t.hooks.malformed).toBe(1);
      expect(published).toContain('A'); // its book, unchanged, is sent again with the new figures
    }, WAIT);
    expect(t.stream.stats().connected).toBe(true);
  });

  it('resubscribes after error 10 and ignores the dead sid from then on', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    t.fake.send({ type: 'error', sid: 1, msg: { code: 10, msg: 'Channel error' } });
    await vi.waitFor(() => expect(t.subscribes(['A', 'B'])).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(t.stream.books.meta('A')?.stale).toBe(false), WAIT);
    expect(t.stream.stats().resubscribes).toBe(1);
    t.fake.send(t.fake.delta(1, 'A', '0.3000', '5.00'));
    t.fake.send(t.fake.delta(3, 'C', '0.3000', '7.00'));
    await vi.waitFor(() => expect(t.stream.books.getBook('C')?.yes.sizeOf(3_000)).toBe(700), WAIT);
    expect(t.stream.books.getBook('A')?.yes.sizeOf(3_000)).toBe(0);
    expect(
      t.log.lines.some((l) => l.msg.includes('resubscribing') && (l.obj as { code?: number }).code === 10),
    ).toBe(true);
  });

  it('climbs from get_snapshot to resubscribe to a forced reconnect, re-signing the new socket', async () => {
    const t = await start({ subscribeTimeoutMs: 5_000 });
    await t.waitForType('FEED.UP');
    t.fake.answerCommands = false;
    const from = t.types().length;
    t.fake.send({
      type: 'orderbook_delta',
      sid: 1,
      seq: 50,
      msg: { market_ticker: 'B', price_dollars: '0.3000', delta_fp: '1.00', side: 'yes', ts_ms: 1 },
    });
    const resync = await t.fake.events.find(isCmd('update_subscription'));
    expect(resync.command.params).toEqual({
      sids: [1],
      action: 'get_snapshot',
      market_tickers: ['A', 'B'],
    });
    await vi.waitFor(() => expect(t.subscribes(['A', 'B'])).toHaveLength(2), WAIT);
    t.fake.answerCommands = true; // too late for the resubscribe: RESUBSCRIBE_TIMEOUT replaces the socket
    await t.waitForType('FEED.DOWN', from);
    await t.waitForType('FEED.UP', from);
    expect(t.parent.received().slice(from)).toEqual([
      { type: 'FEED.DOWN', reason: 'books still stale after get_snapshot and a resubscribe' },
      { type: 'FEED.UP' },
    ]);
    const stats = t.stream.stats();
    expect(stats).toMatchObject({ resubscribes: 1, forcedReconnects: 1, connected: true, staleMarkets: [] });
    expect(t.fake.handshakes).toHaveLength(2);
    expect(t.fake.handshakes[1]?.signature).toBeDefined();
    expect(t.fake.handshakes[1]?.timestamp).not.toBe(t.fake.handshakes[0]?.timestamp);
    await vi.waitFor(() => expect(t.hooks.gaps).toBe(1), WAIT);
    expect(t.hooks.resyncs).toBe(1);
  });

  it('goes down with the reason when the private channels lose their ack, and resubscribes them', async () => {
    const t = await start({ subscribeTimeoutMs: 1_000 });
    t.fake.dropNextAck.add('user_orders');
    await vi.waitFor(() => expect(t.fake.commands).toHaveLength(3), WAIT);
    expect(t.stream.stats().privateChannels).toBe('missing');
    await t.waitForType('FEED.DOWN');
    expect(t.parent.received()[0]).toEqual({ type: 'FEED.DOWN', reason: 'private channels not subscribed' });
    await t.waitForType('FEED.UP');
    const privates = t.fake.commands.filter((c) =>
      (c.params?.channels as string[] | undefined)?.includes('fill'),
    );
    expect(privates).toHaveLength(2);
    expect(t.stream.stats()).toMatchObject({ privateChannels: 'subscribed', resubscribes: 1 });
    // The first attempt's orphan sids (the two acked ones) were handed back to the exchange.
    await vi.waitFor(() => expect(t.fake.commands.some((c) => c.cmd === 'unsubscribe')).toBe(true), WAIT);
  });

  it('goes down when every market goes silent and comes up when one is heard again', async () => {
    const t = await start({ staleMs: 300 });
    await t.waitForType('FEED.UP');
    const from = t.types().length;
    await t.waitForType('FEED.DOWN', from);
    expect(t.parent.received().at(-1)).toEqual({
      type: 'FEED.DOWN',
      reason: 'no usable message for 300 ms on any of 3 markets',
    });
    expect(t.stream.books.health()).toMatchObject({ healthy: false });
    t.fake.send(t.fake.delta(1, 'A', '0.3000', '1.00'));
    await t.waitForType('FEED.UP', from);
    expect(t.types().slice(from)).toEqual(['FEED.DOWN', 'FEED.UP']);
    expect(t.stream.books.health()).toMatchObject({ healthy: true, detail: '1/3 books live' });
  });

  it('closes the socket on stop, leaves the books stale, and runs again when restarted', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    t.parent.stop();
    await t.fake.events.find((e) => e.kind === 'close');
    expect(t.stream.stats()).toMatchObject({ running: false, connected: false, state: 'stopped' });
    expect(MARKETS.every((m) => t.stream.books.meta(m)?.stale)).toBe(true);
    expect(t.stream.books.health()).toEqual({ healthy: false, detail: 'orderbook stream not running' });

    const again = t.run();
    await vi.waitFor(() => expect(again.received().map((e) => e.type)).toContain('FEED.UP'), WAIT);
    expect(t.fake.handshakes).toHaveLength(2);
    expect(t.stream.stats().snapshots).toBe(6);
  });

  it('says FEED.DOWN once while the handshake is refused, then comes up when it is accepted', async () => {
    const t = await start({}, MARKETS, 3);
    await t.waitForType('FEED.UP');
    expect(t.types()).toEqual(['FEED.DOWN', 'FEED.UP']);
    expect(t.parent.received()[0]?.reason).toContain('503');
    expect(t.fake.handshakes).toHaveLength(4);
  });

  it('with no markets, is up and healthy once the private channels are subscribed', async () => {
    const t = await start({}, []);
    await t.waitForType('FEED.UP');
    expect(t.types()).toEqual(['FEED.UP']);
    expect(t.fake.commands.map((c) => c.params?.channels)).toEqual([
      ['fill', 'user_orders', 'market_positions', 'market_lifecycle_v2'],
    ]);
    expect(t.stream.books.health()).toEqual({ healthy: true, detail: 'no markets to stream' });
  });
});
