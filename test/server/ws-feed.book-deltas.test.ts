// The `orderbook_delta` channel on a real /v3/ws server over a real book store: a client that applies
// the snapshot and deltas to its own copy ends with the daemon's book, after a stream of changes, after
// the daemon's book is rebuilt (snapshot, gap) and after the client itself fell behind; full-book
// clients keep getting whole `orderbook` frames.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookStore } from '../../src/domain/book-store';
import { createSeededRandom } from '../../src/domain/seeded-random';
import { createMetrics } from '../../src/server/metrics';
import { toBookView } from '../../src/server/view-mappers';
import { BookReplica } from '../support/book-replica';
import { fakePorts } from './support/fake-ports';
import { type Frame, type Harness, startFeed, TestClient } from './support/ws-harness';

const SID = 1;
const TICKERS = ['KXA-1', 'KXB-2', 'KXC-3', 'KXD-4'];
const WAIT = { timeout: 10_000, interval: 20 };

/** A real book store fed like the orderbook actor feeds it, published like its publisher does. */
function daemonBooks(seed: number) {
  const store = new BookStore({ now: () => 1_700_000_000_000 });
  const random = createSeededRandom(seed);
  /** Markets the daemon has no book of (not followed yet, or removed), as the ports see it. */
  const hidden = new Set<string>();
  const fake = fakePorts({
    getBook: (ticker) => {
      const book = hidden.has(ticker) ? undefined : store.get(ticker);
      if (book === undefined) return undefined;
      const meta = { seq: book.seq < 0 ? null : book.seq, stale: !book.fresh, updatedMs: book.updatedTsMs };
      return toBookView(ticker, { yes: book.levelsAscending('yes'), no: book.levelsAscending('no') }, meta);
    },
    getLiveBook: (ticker) => {
      const book = hidden.has(ticker) ? undefined : store.get(ticker);
      return book === undefined ? undefined : { book, trade: undefined };
    },
  });
  let seq = 0;
  store.follow(TICKERS);
  store.subscribe(SID, TICKERS);
  // YES and NO bids both below 50¢: no change can lock or cross the book.
  const price = () => 100 + Math.floor(random() * 40) * 100;
  const snapshot = (ticker: string, levels = 10) => {
    const side = () =>
      Array.from({ length: levels }, (_, i) => [100 + i, 100 + Math.floor(random() * 900)]).flat();
    store.handleSnapshot({ kind: 'snapshot', sid: SID, seq: ++seq, ticker, yes: side(), no: side() });
  };
  const change = () => {
    const ticker = TICKERS[Math.floor(random() * TICKERS.length)]!;
    const side = random() < 0.5 ? 'yes' : 'no';
    const at = price();
    const held = store.get(ticker)?.ladder(side).sizeOf(at) ?? 0;
    // Removes the level a third of the time, else grows or shrinks it.
    const delta =
      held > 0 && random() < 0.33 ? -held : held > 0 && random() < 0.5 ? -1 : 1 + Math.floor(random() * 500);
    store.handleDelta({
      kind: 'delta',
      sid: SID,
      seq: ++seq,
      ticker,
      side,
      price: at,
      delta,
      tsMs: 1_700_000_000_000 + seq,
    });
  };
  const publish = () => store.drainDirty((ticker) => fake.emit({ type: 'book', ticker }));
  return {
    fake,
    store,
    hidden,
    snapshot,
    change,
    publish,
    /** A seq skipped: every book of the sid goes stale until its snapshot. */
    gap: () => {
      seq += 2;
      store.handleDelta({
        kind: 'delta',
        sid: SID,
        seq,
        ticker: TICKERS[0]!,
        side: 'yes',
        price: 100,
        delta: 1,
        tsMs: 0,
      });
    },
    levels: (ticker: string) => fake.ports.getBook(ticker)!.orderbook_fp,
    stale: (ticker: string) => store.isStale(ticker),
  };
}

/** A client whose every book frame goes into its replica (and its frame queue, as any TestClient's). */
async function deltaClient(url: string, markets = TICKERS) {
  const client = await TestClient.open(url);
  const replica = new BookReplica();
  const wholeBooks: Frame[] = [];
  client.ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as Frame;
    if (!replica.apply(frame) && frame.type === 'orderbook') wholeBooks.push(frame);
  });
  client.send({ type: 'subscribe', channels: ['orderbook_delta'], markets });
  await client.next('subscribed');
  return { client, replica, wholeBooks };
}

const paused = (c: TestClient) => (c.ws as unknown as { _socket: Socket })._socket;

describe('/v3/ws orderbook_delta', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('keeps a client copy equal to the book through a stream of changes; full-book clients get whole books', async () => {
    const d = daemonBooks(7);
    for (const t of TICKERS) d.snapshot(t);
    d.publish();
    h = await startFeed(d.fake.ports);
    const a = await deltaClient(h.url);
    const b = await deltaClient(h.url, TICKERS.slice(0, 2));
    const full = await TestClient.open(h.url);
    full.send({ type: 'subscribe', channels: ['orderbook'], markets: TICKERS });
    const lastWhole = new Map<string, Frame>();
    full.ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      if (frame.type.startsWith('orderbook')) lastWhole.set(`${frame.type}:${frame.data.ticker}`, frame);
    });
    await full.next('subscribed');

    for (let round = 0; round < 400; round++) {
      for (let i = 1 + (round % 5); i > 0; i--) d.change();
      d.publish();
    }
    await Promise.all([a.client.sync(), b.client.sync(), full.sync()]);

    for (const t of TICKERS) {
      expect(a.replica.levels(t)).toEqual(d.levels(t));
      expect(lastWhole.get(`orderbook:${t}`)?.data.levels).toEqual(d.levels(t));
    }
    for (const t of TICKERS.slice(0, 2)) expect(b.replica.levels(t)).toEqual(d.levels(t));
    expect(b.replica.books.has(TICKERS[2]!)).toBe(false);
    // One snapshot per market on subscribe, deltas after: no rebuild happened.
    expect(a.replica).toMatchObject({ snapshots: TICKERS.length, gaps: 0, orphans: 0 });
    expect(a.replica.deltas).toBeGreaterThan(300);
    expect(a.wholeBooks).toEqual([]);
    expect([...lastWhole.keys()].every((k) => k.startsWith('orderbook:'))).toBe(true);
    a.client.close();
    b.client.close();
    full.close();
  });

  it('answers a delta subscription like any other, counts both forms against the cap and drops both', async () => {
    h = await startFeed(fakePorts().ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'subscribe', channels: ['orderbook_delta'], markets: ['KXA-1'] });
    expect((await c.next('subscribed')).data).toEqual({
      channels: ['orderbook_delta'],
      added: ['KXA-1'],
      market_count: 1,
    });
    expect((await c.next('price_history')).data.ticker).toBe('KXA-1');
    const snapshot = (await c.next('orderbook_snapshot')).data;
    // The whole-book frame's fields and values, plus the publish number.
    const whole = fakePorts().ports.getBook('KXA-1')!;
    expect(snapshot).toMatchObject({
      ticker: 'KXA-1',
      publish_seq: 1,
      levels: whole.orderbook_fp,
      seq: 7,
      stale: false,
      yes_bid_dollars: '0.4500',
      yes_ask_dollars: '0.4600',
      spread_dollars: '0.0100',
    });
    const markets = Array.from({ length: 256 }, (_, i) => `M-${i}`);
    c.send({ type: 'subscribe', channels: ['orderbook'], markets });
    expect((await c.next('error')).data.code).toBe('too_many_markets');
    c.send({ type: 'subscribe', channels: ['orderbook'], markets: ['KXA-1'] });
    expect((await c.next('subscribed')).data).toMatchObject({
      channels: ['orderbook', 'orderbook_delta'],
      market_count: 2,
    });
    c.send({ type: 'unsubscribe' });
    expect((await c.next('subscribed')).data).toMatchObject({
      channels: [],
      removed: ['KXA-1'],
      market_count: 0,
    });
    c.close();
  });

  it('sends a snapshot instead of a delta whenever the book is rebuilt: a new snapshot, a gap, its resync', async () => {
    const d = daemonBooks(11);
    for (const t of TICKERS) d.snapshot(t);
    d.publish();
    h = await startFeed(d.fake.ports);
    const { client, replica } = await deltaClient(h.url);
    const frames: Frame[] = [];
    client.ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Frame));
    const bookFrames = () => frames.filter((f) => f.type.startsWith('orderbook_'));

    for (let i = 0; i < 50; i++) d.change();
    d.publish();
    await client.sync();
    expect(bookFrames().every((f) => f.type === 'orderbook_delta')).toBe(true);

    // The exchange re-sends one market's book: its subscribers start over from it.
    frames.length = 0;
    d.snapshot(TICKERS[1]!, 30);
    d.publish();
    await client.sync();
    expect(bookFrames().map((f) => [f.type, f.data.ticker, f.data.stale])).toEqual([
      ['orderbook_snapshot', TICKERS[1], false],
    ]);
    expect(replica.levels(TICKERS[1]!)).toEqual(d.levels(TICKERS[1]!));

    // A gap: every book goes stale (a snapshot each, marked stale), then each resync snapshot.
    frames.length = 0;
    d.gap();
    d.publish();
    await client.sync();
    expect(bookFrames().map((f) => [f.type, f.data.stale])).toEqual(
      TICKERS.map(() => ['orderbook_snapshot', true]),
    );
    for (const t of TICKERS) expect(replica.stale(t)).toBe(true);
    frames.length = 0;
    for (const t of TICKERS) d.snapshot(t, 5);
    d.publish();
    for (let i = 0; i < 50; i++) d.change();
    d.publish();
    await client.sync();
    expect(bookFrames().filter((f) => f.type === 'orderbook_snapshot')).toHaveLength(TICKERS.length);
    for (const t of TICKERS) {
      expect(replica.stale(t)).toBe(false);
      expect(replica.levels(t)).toEqual(d.levels(t));
    }
    expect(replica).toMatchObject({ gaps: 0, orphans: 0 });
    client.close();
  });

  it('starts a client that subscribed before the daemon had the book from the snapshot a later subscriber starts from', async () => {
    const d = daemonBooks(17);
    const [t] = TICKERS as [string];
    d.hidden.add(t);
    h = await startFeed(d.fake.ports);
    const early = await deltaClient(h.url, [t]);
    expect(early.replica.books.has(t)).toBe(false);
    // The book arrives, and before any publication a second client subscribes: its snapshot is the
    // starting point every later delta follows, the first client's included.
    d.hidden.delete(t);
    d.snapshot(t);
    const late = await deltaClient(h.url, [t]);
    for (let i = 0; i < 40; i++) d.change();
    d.publish();
    await Promise.all([early.client.sync(), late.client.sync()]);
    expect(early.replica.levels(t)).toEqual(d.levels(t));
    expect(late.replica.levels(t)).toEqual(d.levels(t));
    expect(early.replica).toMatchObject({ snapshots: 1, gaps: 0, orphans: 0 });
    early.client.close();
    late.client.close();
  });

  it('skips a slow client’s book frames while it is behind and resyncs it with snapshots once it reads', async () => {
    const d = daemonBooks(13);
    for (const t of TICKERS) d.snapshot(t, 300);
    d.publish();
    const metrics = createMetrics({ defaultMetrics: false });
    h = await startFeed(d.fake.ports, {
      maxBufferedBytes: 256 * 1024 * 1024,
      deltaBacklogBytes: 64 * 1024,
      metrics,
    });
    const slow = await deltaClient(h.url);
    const fast = await deltaClient(h.url);
    paused(slow.client).pause();

    // Rebuilt books (~12 KB snapshots each), paced by the client that keeps up, until the slow one's
    // kernel buffers are full and its backlog passes the bound.
    let rounds = 0;
    while (h.feed.stats().deltaSkips === 0 && rounds < 3_000) {
      rounds++;
      for (const t of TICKERS) d.snapshot(t, 300);
      d.publish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(h.feed.stats().deltaSkips).toBeGreaterThan(0);
    // Changes it misses entirely while behind.
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 5; i++) d.change();
      d.publish();
    }
    await fast.client.sync();
    paused(slow.client).resume();

    await vi.waitFor(() => {
      for (const t of TICKERS) expect(slow.replica.levels(t)).toEqual(d.levels(t));
    }, WAIT);
    for (const t of TICKERS) expect(fast.replica.levels(t)).toEqual(d.levels(t));
    expect(slow.replica).toMatchObject({ gaps: 0, orphans: 0 });
    expect(fast.replica).toMatchObject({ gaps: 0, orphans: 0 });
    expect(h.feed.stats()).toMatchObject({ slowClientDrops: 0, clients: 2 });
    const skips = (await metrics.consoleDeltaSkips.get()).values[0]?.value;
    expect(skips).toBe(h.feed.stats().deltaSkips);
    slow.client.close();
    fast.client.close();
  });
});
