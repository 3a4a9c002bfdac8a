// Issue "Books you can trust from a buggy exchange", private channels: a lost `subscribed` ack is not
// silently dropped. The daemon says the private channels are missing (degraded, with the reason),
// resubscribes them within 10 s, and a fill placed meanwhile reaches /v3/positions over the feed.
// /v3/status shows them as a component of their own throughout.
import { describe, expect, it, vi } from 'vitest';
import type { StatusView } from '../../src/server/views';
import { useDaemon } from '../support/fixtures';

const WAIT = { timeout: 20_000, interval: 50 };
const daemons = useDaemon();

const status = async (url: string) => (await (await fetch(`${url}/v3/status`)).json()) as StatusView;

interface PositionRow {
  ticker: string;
  position_fp: string;
}

describe('private channels that lose their subscribed ack', () => {
  it('are resubscribed within 10 s, degraded meanwhile, and a fill still reaches the positions', async () => {
    // No REST sync for an hour: whatever reaches the positions comes over the feed.
    const d = await daemons.start({ V3_SYNC_INTERVAL_SECONDS: '3600' });
    await d.waitForState('ready');
    const sim = d.exchange.sim;
    const userOrders = sim.ws.sessions()[0]?.subscriptions.find((s) => s.channel === 'user_orders');
    expect(userOrders).toBeDefined();

    // The exchange ends the subscription (error 10); the resubscribe's user_orders ack is then lost.
    await d.faults({ dropAckRate: 1, dropAckChannels: ['user_orders'] });
    const killed = await fetch(`${sim.url}/sim/ws/error`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 10, sid: userOrders!.sid }),
    });
    expect(((await killed.json()) as { errors: number }).errors).toBe(1);
    await vi.waitFor(() => expect(sim.ws.counters.acksDropped).toBe(1), WAIT);
    const lostAt = Date.now();
    await d.faults(null);
    expect(d.trader.feed.stats().privateChannels).toBe('missing');
    expect((await status(d.url)).components.private_channels).toEqual({
      healthy: false,
      detail: 'fills/orders/positions: missing',
    });

    // Meanwhile a YES buy at 99¢ fills against the simulator's resting asks: the fill comes on the
    // fill channel, whose ack did arrive.
    const ticker = d.trader.feed.books.tickers()[0]!;
    const fillsBefore = d.trader.trading.getSnapshot().context.counters.fills;
    const taker = await d.trader.service.submit({ ticker, side: 'bid', price: 9_900, count: 100 });
    expect(taker).toMatchObject({ outcome: 'accepted' });
    await vi.waitFor(async () => {
      const { positions } = (await (await fetch(`${d.url}/v3/positions`)).json()) as {
        positions: PositionRow[];
      };
      expect(positions.find((p) => p.ticker === ticker)?.position_fp).toBe('1.00');
    }, WAIT);
    expect(d.trader.trading.getSnapshot().context.counters.fills).toBeGreaterThan(fillsBefore);

    await vi.waitFor(() => expect(d.trader.feed.stats().privateChannels).toBe('subscribed'), WAIT);
    expect(Date.now() - lostAt).toBeLessThanOrEqual(10_000);
    await d.waitForState('ready');
    const transitions = d.trader.actor.getSnapshot().context.transitions;
    expect(transitions).toContainEqual(
      expect.objectContaining({
        from: 'ready',
        to: 'degraded',
        reason: expect.stringContaining('private channels not subscribed'),
      }),
    );
    expect(transitions.at(-1)).toMatchObject({ from: 'degraded', to: 'ready' });
    expect((await status(d.url)).components.private_channels).toEqual({
      healthy: true,
      detail: 'fills/orders/positions: subscribed',
    });
    expect(d.trader.feed.stats()).toMatchObject({ forcedReconnects: 0, feed: { up: true, state: 'live' } });
  }, 60_000);
});
