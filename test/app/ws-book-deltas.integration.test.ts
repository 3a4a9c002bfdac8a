// The `orderbook_delta` channel on the whole daemon against the simulator: through seq gaps, resyncs and
// a dropped feed, a client that applies the snapshots and deltas to its own copy ends with exactly the
// book GET /v3/orderbook/:ticker serves, and a full-book client's last `orderbook` frame says the same.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { BookReplica, type Levels } from '../support/book-replica';
import { useDaemon } from '../support/fixtures';
import { setFlow } from '../support/sim-flow';

const daemons = useDaemon();
const WAIT = { timeout: 30_000, interval: 50 };
type Frame = { type: string; data: { ticker?: string; levels?: Levels } & Record<string, unknown> };

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

/** Opens /v3/ws, subscribes to `markets` on `channel`, and hands every frame to `onFrame`. */
async function subscribe(url: string, channel: string, markets: string[], onFrame: (f: Frame) => void) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v3/ws`);
  sockets.push(ws);
  // Listen before `open`: the server speaks first.
  ws.on('message', (raw) => onFrame(JSON.parse(String(raw)) as Frame));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'subscribe', channels: [channel], markets }));
}

describe('/v3/ws orderbook_delta on the running daemon', () => {
  it('keeps a client copy equal to the daemon book through gaps, resyncs and a reconnect', async () => {
    const d = await daemons.start({ V3_SIM_RATE: '400', V3_BOOK_PUBLISH_INTERVAL_MS: '0' });
    await d.waitForState('ready');
    const feed = () => d.trader.feed.stats();
    const markets = d.trader.actor.getSnapshot().context.markets;
    const replica = new BookReplica();
    const wholeBooks = new Map<string, Levels>();
    await subscribe(d.url, 'orderbook_delta', markets, (f) => replica.apply(f));
    await subscribe(d.url, 'orderbook', markets, (f) => {
      if (f.type === 'orderbook') wholeBooks.set(f.data.ticker!, f.data.levels!);
    });
    await vi.waitFor(() => expect(replica.deltas).toBeGreaterThan(100), WAIT);
    const snapshotsBefore = replica.snapshots;

    await d.faults({ seqSkipRate: 0.05, duplicateRate: 0.05 });
    await vi.waitFor(() => expect(feed().gaps).toBeGreaterThan(2), WAIT);
    await d.faults({ dropConnections: true });
    await vi.waitFor(() => expect(d.state()).toBe('degraded'), WAIT);
    await d.faults(null);
    await d.waitForState('ready');
    // Each rebuild reached the client as a snapshot, never as a delta it could not have followed.
    expect(replica.snapshots).toBeGreaterThan(snapshotsBefore + markets.length);

    const clean = feed().deltas;
    await vi.waitFor(() => expect(feed().deltas).toBeGreaterThan(clean + 200), WAIT);
    await setFlow(d.exchange.sim, false); // throws unless answered 200
    await vi.waitFor(async () => {
      expect(feed().resyncsInFlight).toBe(0);
      for (const ticker of markets) {
        const res = await fetch(`${d.url}/v3/orderbook/${ticker}`);
        const book = (await res.json()) as { stale: boolean; orderbook_fp: Levels };
        expect(book.stale).toBe(false);
        expect(replica.stale(ticker)).toBe(false);
        expect(replica.levels(ticker)).toEqual(book.orderbook_fp);
        expect(wholeBooks.get(ticker)).toEqual(book.orderbook_fp);
      }
    }, WAIT);
    expect(replica).toMatchObject({ gaps: 0, orphans: 0 });
  }, 90_000);
});
