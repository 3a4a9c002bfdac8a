// Issue "Books you can trust from a buggy exchange", done-when, through the whole daemon: under each of
// the simulator's buggy-exchange faults the books equal the simulator's own engine books within two
// audit periods (audit at 5 s), no book is reported fresh while wrong for longer, and a forged frame
// makes no junk book and no reconnect.
import { describe, expect, it, vi } from 'vitest';
import type { StatusView } from '../../src/server/views';
import type { FaultPatch } from '../../src/sim/faults';
import type { WsCounters } from '../../src/sim/ws/outbox';
import { booksEqualEngine, useWrongFreshWatch } from '../support/book-watch';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';

const AUDIT_MS = 5_000;
const WAIT = { timeout: 20_000, interval: 50 };
/** Two audit periods, plus one REST round trip. */
const HEALED = { timeout: 2 * AUDIT_MS + 1_000, interval: 50 };
/**
 * Longer than the feed's own lag behind the engine (a frame in flight, a busy CPU), shorter than
 * anything that fixes an applied forged frame (an audit confirms one AUDIT_CONFIRM later at the earliest).
 */
const LAG_MS = 1_000;

const daemons = useDaemon();
const watch = useWrongFreshWatch();

async function ready(): Promise<Daemon> {
  const d = await daemons.start({ V3_BOOK_AUDIT_INTERVAL_SECONDS: String(AUDIT_MS / 1000) });
  await d.waitForState('ready');
  await vi.waitFor(() => expect(booksEqualEngine(d)).toBe(true), WAIT);
  watch.start(d);
  return d;
}

/** Turns a fault on until the simulator has sent `count` of its frames, then off. */
async function inject(d: Daemon, patch: FaultPatch, counter: keyof WsCounters, count: number): Promise<void> {
  await d.faults(patch);
  await vi.waitFor(() => expect(d.exchange.sim.ws.counters[counter]).toBeGreaterThanOrEqual(count), WAIT);
  await d.faults(null);
}

/** What must hold after every fault: healed in time, never fresh-and-wrong for longer, no reconnect. */
async function expectHealed(d: Daemon, connectionsBefore: number): Promise<void> {
  await vi.waitFor(() => expect(booksEqualEngine(d)).toBe(true), HEALED);
  expect(watch.longest().ms).toBeLessThanOrEqual(2 * AUDIT_MS);
  expect(d.exchange.sim.ws.counters.connectionsAccepted).toBe(connectionsBefore);
  expect(d.trader.feed.stats().forcedReconnects).toBe(0);
}

const metric = async (d: Daemon, name: string): Promise<number> => {
  const text = await (await fetch(`${d.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`kalshi_trader_${name} `));
  return Number(line?.split(' ')[1] ?? Number.NaN);
};

describe('the daemon under a buggy exchange', () => {
  it('drops snapshots under a sid it never subscribed: counted, no book taken over', async () => {
    const d = await ready();
    const connections = d.exchange.sim.ws.counters.connectionsAccepted;
    await inject(d, { foreignSnapshotRate: 0.2 }, 'foreignSnapshots', 10);
    await expectHealed(d, connections);
    expect(watch.longest().ms).toBeLessThan(LAG_MS); // never applied: no book was wrong beyond lag
    expect(d.trader.feed.stats().foreign).toBeGreaterThanOrEqual(10);
    await vi.waitFor(async () =>
      expect(await metric(d, 'orderbook_foreign_total')).toBeGreaterThanOrEqual(10),
    );
    expect(d.state()).toBe('ready');
  }, 60_000);

  it('takes a forward seq jump as a gap and resyncs, never as the new reference', async () => {
    const d = await ready();
    const connections = d.exchange.sim.ws.counters.connectionsAccepted;
    await inject(d, { seqJumpRate: 0.05 }, 'seqJumps', 3);
    await expectHealed(d, connections);
    const stats = d.trader.feed.stats();
    expect(stats.gaps).toBeGreaterThanOrEqual(3);
    expect(stats.resyncs).toBeGreaterThanOrEqual(1);
    expect(stats.resubscribes).toBe(0); // get_snapshot was enough: the real stream was never dropped
  }, 60_000);

  it('never makes a book for a market it did not subscribe, and never resubscribes or reconnects for one', async () => {
    const d = await ready();
    const markets = d.trader.feed.books.tickers();
    const connections = d.exchange.sim.ws.counters.connectionsAccepted;
    const commandErrors = d.exchange.sim.ws.counters.commandErrors;
    await inject(d, { unsubscribedMarketRate: 0.2 }, 'unsubscribedFrames', 10);
    await expectHealed(d, connections);
    expect(watch.longest().ms).toBeLessThan(LAG_MS);
    const stats = d.trader.feed.stats();
    expect(stats.unsubscribed).toBeGreaterThanOrEqual(10);
    expect(stats).toMatchObject({ resubscribes: 0, gaps: 0 });
    // No junk ticker ever went into a command the exchange had to refuse.
    expect(d.exchange.sim.ws.counters.commandErrors).toBe(commandErrors);
    expect(d.trader.feed.books.tickers()).toEqual(markets);
    const junk = await fetch(`${d.url}/v3/orderbook/${markets[0]}-UNSUBSCRIBED`);
    expect(junk.status).toBe(404);
    expect(d.state()).toBe('ready');
  }, 60_000);

  it('finds deltas with a wrong size by the REST audit, resnapshots them and shows it in /v3/status', async () => {
    const d = await ready();
    const connections = d.exchange.sim.ws.counters.connectionsAccepted;
    // A size off by 3 contracts keeps the book valid: only the audit can see it, so it must.
    await inject(d, { wrongDeltaRate: 0.1, wrongDeltaKinds: ['size'] }, 'wrongDeltas', 5);
    // A confirmed mismatch shows in /v3/status until that market's next audit (one period later).
    const wrong = await vi.waitFor(async () => {
      const { book_audit } = (await (await fetch(`${d.url}/v3/status`)).json()) as StatusView;
      const found = Object.entries(book_audit.markets).find(([, m]) => m.result === 'mismatch');
      expect(found).toBeDefined();
      return { audit: book_audit, ticker: found![0] };
    }, HEALED);
    expect(wrong.audit).toMatchObject({ interval_seconds: AUDIT_MS / 1000, mismatches: expect.any(Number) });
    expect(wrong.audit.mismatches).toBeGreaterThan(0);
    expect(wrong.audit.last_run).not.toBeNull();
    expect(wrong.audit.markets[wrong.ticker]?.levels).toBeGreaterThan(0);
    await expectHealed(d, connections);
    const { audit } = d.trader.feed.stats();
    expect(audit.mismatches).toBeGreaterThanOrEqual(wrong.audit.mismatches);
    await vi.waitFor(async () =>
      expect(await metric(d, 'book_audit_mismatches_total')).toBe(audit.mismatches),
    );
    expect(d.logs.some((l) => l.includes('book differs from the exchange on two fetches'))).toBe(true);
  }, 60_000);

  it('heals deltas with a flipped side or another market, by the book checks or the audit', async () => {
    const d = await ready();
    const connections = d.exchange.sim.ws.counters.connectionsAccepted;
    await inject(d, { wrongDeltaRate: 0.1, wrongDeltaKinds: ['side', 'market'] }, 'wrongDeltas', 10);
    await expectHealed(d, connections);
    // Each was caught one way or the other: a book gone invalid resnapshots at once, the rest the audit finds.
    const stats = d.trader.feed.stats();
    expect(stats.invalid + stats.audit.mismatches).toBeGreaterThan(0);
  }, 60_000);
});
