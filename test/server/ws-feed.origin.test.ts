import { afterEach, describe, expect, it } from 'vitest';
import { fakePorts } from './support/fake-ports';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

describe('/v3/ws origin check', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('refuses a cross-origin browser with 403 and counts it', async () => {
    h = await startFeed(fakePorts().ports);
    expect(await TestClient.refused(h.url, { Origin: 'http://evil.example' })).toBe(403);
    expect(h.feed.stats()).toMatchObject({ clients: 0, refusedUpgrades: 1 });
  });

  it('accepts same-origin, listed origins and clients without an Origin', async () => {
    h = await startFeed(fakePorts().ports);
    const variants: Record<string, string>[] = [
      { Origin: `http://127.0.0.1:${h.port}` },
      { Origin: 'http://console.example:5173' },
      {},
    ];
    for (const headers of variants) {
      const c = await TestClient.open(h.url, headers);
      expect((await c.next('connection')).type).toBe('connection');
      c.close();
    }
    expect(h.feed.stats().refusedUpgrades).toBe(0);
  });

  it('refuses upgrades beyond maxClients with 503', async () => {
    h = await startFeed(fakePorts().ports, { maxClients: 1 });
    const c = await TestClient.open(h.url);
    expect(await TestClient.refused(h.url)).toBe(503);
    c.close();
  });
});
