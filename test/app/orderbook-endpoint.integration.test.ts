// Issue "Live orderbooks", done-when: after faulted runs (seq skips, duplicates, malformed frames,
// dropped sockets), GET /v3/orderbook/:ticker on the daemon equals the simulator's REST book.
import { describe, expect, it, vi } from 'vitest';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';
import { setFlow } from '../support/sim-flow';

const daemons = useDaemon();

const WAIT = { timeout: 30_000, interval: 50 };
type Book = { orderbook_fp: { yes_dollars: string[][]; no_dollars: string[][] } };

const json = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
};

async function booksEqualExchange(d: Daemon): Promise<boolean> {
  for (const ticker of d.trader.actor.getSnapshot().context.markets) {
    const ours = await json<Book & { stale: boolean }>(`${d.url}/v3/orderbook/${ticker}`);
    const theirs = await json<Book>(`${d.exchange.apiUrl}/markets/${ticker}/orderbook`);
    if (ours.status !== 200 || ours.body.stale) return false;
    if (JSON.stringify(ours.body.orderbook_fp) !== JSON.stringify(theirs.body.orderbook_fp)) return false;
  }
  return true;
}

describe('GET /v3/orderbook/:ticker after faulted runs', () => {
  it('serves exactly the exchange book once the faults clear and the flow stops', async () => {
    const d = await daemons.start({ V3_SIM_RATE: '400' });
    await d.waitForState('ready');
    const feed = () => d.trader.feed.stats();

    await d.faults({ seqSkipRate: 0.05, duplicateRate: 0.05, malformedRate: 0.02 });
    await vi.waitFor(() => {
      expect(feed().gaps).toBeGreaterThan(0);
      expect(feed().duplicates).toBeGreaterThan(0);
      expect(feed().malformed).toBeGreaterThan(0);
    }, WAIT);
    await d.faults({ dropConnections: true });
    await vi.waitFor(() => expect(d.state()).toBe('degraded'), WAIT);
    await d.faults(null);
    await d.waitForState('ready');

    // Clean frames after the faults expose any gap the last faulty frame left; then freeze the books.
    const clean = feed().deltas;
    await vi.waitFor(() => expect(feed().deltas).toBeGreaterThan(clean + 200), WAIT);
    await setFlow(d.exchange.sim, false); // throws unless answered 200
    await vi.waitFor(async () => {
      expect(feed().resyncsInFlight).toBe(0);
      expect(await booksEqualExchange(d)).toBe(true);
    }, WAIT);

    const ticker = d.trader.actor.getSnapshot().context.markets[0]!;
    const top = await json<Book & { seq: number }>(`${d.url}/v3/orderbook/${ticker}?depth=1`);
    expect(top.body.orderbook_fp.yes_dollars.length).toBeLessThanOrEqual(1);
    expect(typeof top.body.seq).toBe('number');
    const unknown = await json<{ error: { code: string } }>(`${d.url}/v3/orderbook/NOPE-XX`);
    expect(unknown.status).toBe(404);
    expect(feed().resyncs).toBeGreaterThan(0);
  }, 90_000);

  it('recovers from reordered frames and a subscription the exchange declares dead (error 10)', async () => {
    const d = await daemons.start({ V3_SIM_RATE: '400' });
    await d.waitForState('ready');
    const feed = () => d.trader.feed.stats();
    await d.faults({ reorderRate: 0.05 });
    await vi.waitFor(() => expect(feed().gaps).toBeGreaterThan(0), WAIT);
    const killed = await fetch(`${d.exchange.sim.url}/sim/ws/error`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 10 }),
    });
    expect(((await killed.json()) as { errors: number }).errors).toBeGreaterThan(0);
    await d.faults(null);
    const clean = feed().deltas;
    await vi.waitFor(() => expect(feed().deltas).toBeGreaterThan(clean + 200), WAIT);
    await setFlow(d.exchange.sim, false);
    await vi.waitFor(async () => {
      expect(feed().resyncsInFlight).toBe(0);
      expect(await booksEqualExchange(d)).toBe(true);
    }, WAIT);
    expect(feed().resubscribes).toBeGreaterThan(0);
  }, 90_000);
});
