// The orderbook stream against a scripted Kalshi WS server: subscribe batches and private channels,
// errors 10/25, the resync → resubscribe → reconnect ladder, staleness (FEED.DOWN), and stop/restart.
import { createPrivateKey } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createOrderbookStream,
  type OrderbookStreamDeps,
} from '../../../src/actors/orderbook/orderbook-stream';
import fixtures from '../../fixtures/kalshi/ws-data-messages.json';
import { FakeKalshiWs, type ServerEvent } from '../../support/fake-kalshi-ws';
import { startUnderParent } from '../parent-harness';
import { recordingLog } from './recording-log';
import { keyPair } from './stream-harness';

const MARKETS = ['A', 'B', 'C'];
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
  const hooks = { frames: [] as string[], gaps: 0, resyncs: 0, duplicates: 0, malformed: 0 };
  const stream = createOrderbookStream({
    wsUrl: fake.url,
    credentials: { keyId: 'fake-key', privateKey: createPrivateKey(keyPair().privateKey) },
    now: Date.now,
    log,
    publishIntervalMs: 10,
    resyncTimeoutMs: 100,
    staleCheckIntervalMs: 20,
    subscribeBatchSize: 2,
    onPrivate: (type, message) => privates.push({ type, message }),
    metrics: {
      onFrame: (type, n) => hooks.frames.push(...Array<string>(n).fill(type)),
      onGap: (n) => {
        hooks.gaps += n;
      },
      onResync: (n) => {
        hooks.resyncs += n;
      },
      onDuplicate: (n) => {
        hooks.duplicates += n;
      },
      onMalformed: (n) => {
        hooks.malformed += n;
      },
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
  it('subscribes markets in batches with use_yes_price pinned, plus the private channels', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    const subs = t.fake.commands.filter((c) => c.cmd === 'subscribe').map((c) => c.params);
    expect(subs).toEqual([
      { channels: ['orderbook_delta'], market_tickers: ['A', 'B'], use_yes_price: false },
      { channels: ['orderbook_delta'], market_tickers: ['C'], use_yes_price: false },
      { channels: ['fill', 'user_orders', 'market_positions'] },
    ]);
    expect(t.types()).toEqual(['FEED.UP']);
    expect(t.fake.handshakes[0]?.keyId).toBe('fake-key');

    t.fake.send(fixtures.fill);
    t.fake.send(fixtures.ticker); // public data: not routed to trading
    t.fake.send('{"type":"orderbook_delta","sid":1,'); // malformed
    const dup = t.fake.delta(1, 'A', '0.3000', '5.00');
    t.fake.send(dup);
    t.fake.send(dup);
    await vi.waitFor(() => {
      expect(t.privates.map((p) => p.type)).toEqual(['fill']);
      expect(t.hooks.malformed).toBe(1);
      expect(t.hooks.duplicates).toBe(1);
      expect(t.hooks.frames.filter((f) => f === 'orderbook_snapshot')).toHaveLength(3);
      expect(t.hooks.frames).toContain('fill');
    }, WAIT);
    const fill = t.privates[0]?.message as { data: { orderId: string } } | undefined;
    expect(fill?.data.orderId).toBe(fixtures.fill.msg.order_id);
    expect(t.stream.books.getBook('A')?.yes.sizeOf(3_000)).toBe(500);
    expect(t.stream.stats().privateMessages).toBe(1);
  });

  it('resubscribes after error 10 and ignores the dead sid from then on', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    t.fake.send({ type: 'error', sid: 1, msg: { code: 10, msg: 'Channel error' } });
    await vi.waitFor(() => expect(t.subscribes(['A', 'B'])).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(t.stream.books.meta('A')?.stale).toBe(false), WAIT);
    expect(t.stream.stats().resubscribes).toBe(1);
    t.fake.send(t.fake.delta(1, 'A', '0.3000', '5.00'));
    t.fake.send(t.fake.delta(2, 'C', '0.3000', '7.00'));
    await vi.waitFor(() => expect(t.stream.books.getBook('C')?.yes.sizeOf(3_000)).toBe(700), WAIT);
    expect(t.stream.books.getBook('A')?.yes.sizeOf(3_000)).toBe(0);
    expect(
      t.log.lines.some((l) => l.msg.includes('resubscribing') && (l.obj as { code?: number }).code === 10),
    ).toBe(true);
  });

  it('climbs from get_snapshot to resubscribe to a forced reconnect, re-signing the new socket', async () => {
    const t = await start();
    await t.waitForType('FEED.UP');
    t.fake.answerCommands = false;
    const from = t.types().length;
    t.fake.send({
      type: 'orderbook_delta',
      sid: 1,
      seq: 50,
      msg: { market_ticker: 'B', price_dollars: '0.3000', delta_fp: '1.00', side: 'yes', ts_ms: 1 },
    });
    // A gap is the stream's own business: it resyncs without telling the root.
    const resync = await t.fake.events.find(isCmd('update_subscription'));
    expect(resync.command.params).toEqual({
      sids: [1],
      action: 'get_snapshot',
      market_tickers: ['A', 'B'],
    });
    await vi.waitFor(() => expect(t.subscribes(['A', 'B'])).toHaveLength(2), WAIT);
    t.fake.answerCommands = true; // too late for the resubscribe: it times out and forces a reconnect
    await t.waitForType('FEED.DOWN', from);
    await t.waitForType('FEED.UP', from);
    expect(t.types().slice(from)).toEqual(['FEED.DOWN', 'FEED.UP']);
    const stats = t.stream.stats();
    expect(stats).toMatchObject({ resubscribes: 1, forcedReconnects: 1, connected: true, staleMarkets: [] });
    expect(t.fake.handshakes).toHaveLength(2);
    expect(t.fake.handshakes[1]?.signature).toBeDefined();
    expect(t.fake.handshakes[1]?.timestamp).not.toBe(t.fake.handshakes[0]?.timestamp);
    await vi.waitFor(() => expect(t.hooks.gaps).toBe(1), WAIT);
    expect(t.hooks.resyncs).toBe(1);
  });

  it('says FEED.DOWN when every market goes silent and FEED.UP when one is heard again', async () => {
    const t = await start({ staleMs: 300 });
    await t.waitForType('FEED.UP');
    const from = t.types().length;
    await t.waitForType('FEED.DOWN', from);
    expect(t.parent.received().at(-1)?.reason).toMatch(/no usable message/);
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

  it('with no markets, is connected, up and healthy with only the private channels', async () => {
    const t = await start({}, []);
    await t.waitForType('FEED.UP');
    expect(t.types()).toEqual(['FEED.UP']);
    // FEED.UP does not wait for the private subscription: wait for the server to have received it.
    await vi.waitFor(() =>
      expect(t.fake.commands.map((c) => c.params?.channels)).toEqual([
        ['fill', 'user_orders', 'market_positions'],
      ]),
    );
    expect(t.stream.books.health().healthy).toBe(true);
  });
});
