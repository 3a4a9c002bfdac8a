import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonEvent } from '../../src/server/events';
import { toBookView } from '../../src/server/view-mappers';
import type { BookView } from '../../src/server/views';
import { fakePorts } from './support/fake-ports';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

/** Fake ports whose books the test moves: a `book` event only says a market changed. */
function fakeBooks() {
  const books = new Map<string, BookView>();
  const built: string[] = [];
  const fake = fakePorts();
  const base = fake.ports.getBook;
  fake.ports.getBook = (ticker, depth) => {
    built.push(ticker);
    return books.get(ticker) ?? base(ticker, depth);
  };
  const book = (ticker: string, seq: number): DaemonEvent => {
    books.set(
      ticker,
      toBookView(ticker, { yes: [[4000, 100]], no: [[5500, 100]] }, { seq, stale: false, updatedMs: seq }),
    );
    return { type: 'book', ticker };
  };
  return { fake, book, built };
}

describe('/v3/ws orderbook subscriptions', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('sends book updates only for the markets a client subscribed to', async () => {
    const { fake, book, built } = fakeBooks();
    h = await startFeed(fake.ports);
    const a = await TestClient.open(h.url);
    const b = await TestClient.open(h.url);
    const legacy = await TestClient.open(h.url);

    a.send({ type: 'subscribe', channels: ['orderbook'], markets: ['KXA-1'] });
    expect((await a.next('subscribed')).data).toEqual({
      channels: ['orderbook'],
      added: ['KXA-1'],
      market_count: 1,
    });
    // The session's price history first (the chart need not start over), then the current book, from
    // the port, with its top of book derived.
    const history = await a.next((f) => f.type === 'price_history' || f.type === 'orderbook');
    expect(history).toMatchObject({ type: 'price_history', data: fake.ports.getPriceHistory('KXA-1') });
    const initial = await a.next('orderbook');
    expect(initial.data).toMatchObject({
      ticker: 'KXA-1',
      yes_bid_dollars: '0.4500',
      yes_ask_dollars: '0.4600',
      spread_dollars: '0.0100',
      seq: 7,
    });
    legacy.send({ type: 'subscribe', subscriptions: ['state_transitions', 'trader_status'] });
    await legacy.next('subscribed');
    b.send({ type: 'subscribe', channels: ['orderbook'], markets: ['KXB-2', 'KXC-3'] });
    await b.next('subscribed');

    fake.emit(book('KXA-1', 8));
    fake.emit(book('KXB-2', 9));
    fake.emit(book('KXZ-9', 10));
    // A frame everyone gets, after the books: once it arrives, any book frame would have too.
    fake.emit({
      type: 'activity',
      activity_type: 'sync',
      message: 'sentinel',
      severity: 'info',
      state: 'ready',
    });
    for (const c of [a, b, legacy])
      await c.next((f) => f.type === 'system_activity' && f.data.message === 'sentinel');

    expect(a.pending('orderbook').map((f) => [f.data.ticker, f.data.seq])).toEqual([['KXA-1', 8]]);
    expect(b.pending('orderbook').map((f) => [f.data.ticker, f.data.seq])).toEqual([['KXB-2', 9]]);
    expect(legacy.pending('orderbook')).toEqual([]);
    // A market nobody subscribed to is never built.
    expect(built).not.toContain('KXZ-9');

    b.send({ type: 'unsubscribe', channels: ['orderbook'], markets: ['KXB-2'] });
    expect((await b.next('subscribed')).data).toEqual({
      channels: ['orderbook'],
      removed: ['KXB-2'],
      market_count: 1,
    });
    const builtBefore = built.length;
    fake.emit(book('KXB-2', 11));
    await b.sync();
    expect(built).toHaveLength(builtBefore);
    expect(b.pending('orderbook').map((f) => f.data.seq)).toEqual([9]);
    for (const c of [a, b, legacy]) c.close();
  });

  it('refuses more markets than the per-client cap with an error frame and keeps the old set', async () => {
    h = await startFeed(fakePorts().ports);
    const c = await TestClient.open(h.url);
    const markets = (from: number) => Array.from({ length: 200 }, (_, i) => `M-${from + i}`);
    c.send({ type: 'subscribe', channels: ['orderbook'], markets: markets(0) });
    await c.next('subscribed');
    c.send({ type: 'subscribe', channels: ['orderbook'], markets: markets(200) });
    expect((await c.next('error')).data.code).toBe('too_many_markets');
    c.send({ type: 'unsubscribe' });
    const dropped = (await c.next('subscribed')).data;
    expect(dropped.removed).toEqual(markets(0));
    expect(dropped).toMatchObject({ channels: [], market_count: 0 });
    c.close();
  });
});
