import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from './support/fake-ports';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

describe('/v3/ws slow clients', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('terminates a client that stops reading while the others keep receiving', async () => {
    const fake = fakePorts();
    const metrics = createMetrics({ defaultMetrics: false });
    h = await startFeed(fake.ports, { maxBufferedBytes: 256 * 1024, metrics });
    const slow = await TestClient.open(h.url);
    const good = await TestClient.open(h.url);
    await slow.next('trader_status');
    await good.next('trader_status');
    // The slow client's kernel buffers fill, then the server-side backlog grows past the bound.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    const padding = 'x'.repeat(128 * 1024);
    let sent = 0;
    // Each round waits for the good client to get the frame: the loop is paced by a reader that keeps up.
    while (h.feed.stats().slowClientDrops === 0 && sent < 1000) {
      sent++;
      const message = `event ${sent}`;
      fake.emit({
        type: 'activity',
        activity_type: 'sync',
        message,
        severity: 'info',
        state: 'ready',
        metadata: { padding },
      });
      await good.next((f) => f.type === 'system_activity' && f.data.message === message);
    }

    expect(sent).toBeGreaterThan(2); // dropped for falling behind, not for the first burst
    expect(h.feed.stats()).toMatchObject({ slowClientDrops: 1, clients: 1 });
    expect(await metrics.consoleSlowClientDrops.get()).toMatchObject({ values: [{ value: 1 }] });
    fake.emit({
      type: 'activity',
      activity_type: 'sync',
      message: 'after',
      severity: 'info',
      state: 'ready',
    });
    expect((await good.next((f) => f.data?.message === 'after')).type).toBe('system_activity');
    good.close();
    slow.close();
  });

  it('terminates a client that stops answering heartbeats, paced by a client that answers', async () => {
    h = await startFeed(fakePorts().ports, { pingIntervalMs: 100 });
    const silent = await TestClient.open(h.url);
    const live = await TestClient.open(h.url);
    await silent.next('trader_status');
    (silent.ws as unknown as { _socket: Socket })._socket.pause();
    for (let i = 0; i < 50 && h.feed.stats().deadClientDrops === 0; i++) await live.next('ping');
    expect(h.feed.stats()).toMatchObject({ deadClientDrops: 1, clients: 1 });
    await live.sync();
    live.close();
    silent.close();
  });
});
