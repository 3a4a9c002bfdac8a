import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from './support/fake-ports';
import { RawSocket } from './support/raw-socket';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

describe('/v3/ws at its client cap', () => {
  let h: Harness | undefined;
  const raw: RawSocket[] = [];
  afterEach(async () => {
    for (const s of raw.splice(0)) s.destroy();
    await h?.close();
    h = undefined;
  });

  it('makes room by closing the oldest connection that never answered a ping', async () => {
    let nowMs = 1_767_323_045_000;
    const metrics = createMetrics({ defaultMetrics: false });
    h = await startFeed(fakePorts().ports, { maxClients: 3, now: () => nowMs, metrics });
    // Upgrades that never read or answer anything (what locked consoles out for up to 39 s).
    for (let i = 0; i < 3; i++) {
      const s = RawSocket.open(h.port, '/v3/ws');
      raw.push(s);
      expect(await s.upgraded()).toBe(101);
      nowMs += 100;
    }
    // Within the grace period they are still given a chance.
    expect(await TestClient.refused(h.url)).toBe(503);
    nowMs += 5_000;
    const good = await TestClient.open(h.url);
    await good.sync();
    await raw[0]?.ended;
    expect(h.feed.stats()).toMatchObject({ clients: 3, evictions: 1 });
    expect((await metrics.consoleEvictions.get()).values).toEqual([
      { value: 1, labels: { reason: 'abandoned' } },
    ]);
    good.close();
  });

  it('never pushes out a client that answers: a newcomer is refused instead', async () => {
    let nowMs = 1_767_323_045_000;
    h = await startFeed(fakePorts().ports, { maxClients: 2, now: () => nowMs });
    const a = await TestClient.open(h.url);
    const b = await TestClient.open(h.url);
    await a.sync();
    await b.sync();
    nowMs += 60_000;
    expect(await TestClient.refused(h.url)).toBe(503);
    expect(h.feed.stats()).toMatchObject({ clients: 2, evictions: 0 });
    a.close();
    b.close();
  });

  it("closes a page's oldest connection for its newcomer (the original console leaks one per state change)", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    h = await startFeed(fakePorts().ports, { maxClients: 3, metrics });
    const page = { Origin: `http://127.0.0.1:${h.port}` };
    const other = { Origin: 'http://console.example:5173' };
    const first = await TestClient.open(h.url, page);
    const elsewhere = await TestClient.open(h.url, other);
    const second = await TestClient.open(h.url, page);
    for (const c of [first, elsewhere, second]) await c.sync();

    // Full, everyone answers: the page's newcomer replaces its own oldest connection, nobody else's.
    const third = await TestClient.open(h.url, page);
    expect(await first.closed).toEqual({
      code: 1008,
      reason: 'replaced by a newer connection from the same page',
    });
    await third.sync();
    await elsewhere.sync();
    await second.sync();
    expect(h.feed.stats()).toMatchObject({ clients: 3, evictions: 1, refusedUpgrades: 0 });

    // A client without an Origin (a script, not a page) has no page to take room from: refused.
    expect(await TestClient.refused(h.url)).toBe(503);
    expect((await metrics.consoleEvictions.get()).values).toEqual([
      { value: 1, labels: { reason: 'same_peer' } },
    ]);
    expect((await metrics.consoleRefusedUpgrades.get()).values).toEqual([
      { value: 1, labels: { reason: 'too_many_clients' } },
    ]);
    for (const c of [elsewhere, second, third]) c.close();
  });
});
