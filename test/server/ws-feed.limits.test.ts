import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from './support/fake-ports';
import { type Frame, type Harness, startFeed, TestClient } from './support/ws-harness';

/** 256 markets of 128 characters: the largest subscription set a client may hold. */
const MARKETS = Array.from({ length: 256 }, (_, i) => `M-${String(i).padStart(3, '0')}-${'x'.repeat(122)}`);
const size = (f: Frame) => JSON.stringify(f).length;

describe('/v3/ws limits on what a client can make the server do', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers a subscription change with the change, and an empty request with a short error', async () => {
    h = await startFeed(fakePorts().ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'subscribe', channels: ['orderbook'], markets: MARKETS });
    expect((await c.next('subscribed')).data.market_count).toBe(256);

    // 34 bytes in: a few dozen back, not the ~34 KB subscription list.
    c.send('{"type":"subscribe","channels":[]}');
    const empty = await c.next((f) => f.type === 'subscribed' || f.type === 'error');
    expect(empty.data.code).toBe('empty_subscription');
    expect(size(empty)).toBeLessThan(200);

    c.send({ type: 'subscribe', channels: ['orderbook'], markets: [MARKETS[0]] });
    const again = await c.next('subscribed');
    expect(again.data).toEqual({ channels: ['orderbook'], added: [], market_count: 256 });
    c.send({ type: 'unsubscribe', channels: ['orderbook'], markets: ['not-subscribed'] });
    expect(size(await c.next('subscribed'))).toBeLessThan(200);
    c.close();
  });

  it('closes a client that floods control frames with 1008, and counts it', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    // A frozen clock: the budget never refills, so exactly the burst is answered.
    h = await startFeed(fakePorts().ports, {
      now: () => 1_767_323_045_000,
      frameBudget: { perSecond: 20, burst: 10 },
      metrics,
    });
    const flooder = await TestClient.open(h.url);
    const other = await TestClient.open(h.url);
    for (let i = 0; i < 50; i++) flooder.send({ type: 'ping' });
    expect(await flooder.closed).toEqual({ code: 1008, reason: 'too many frames' });
    expect(flooder.pending('pong')).toHaveLength(10);
    expect(h.feed.stats()).toMatchObject({ rateLimitCloses: 1, clients: 1 });
    expect((await metrics.consoleRateLimitCloses.get()).values[0]?.value).toBe(1);
    // Everyone else is untouched.
    await other.sync();
    other.close();
  });
});
