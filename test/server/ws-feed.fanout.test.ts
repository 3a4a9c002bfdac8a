// Fan-out: a book update is serialised once and every subscriber receives the very same bytes; the
// frames of one task reach each client complete and in order, however many there are.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DaemonEvent } from '../../src/server/events';
import { toBookView } from '../../src/server/view-mappers';
import type { BookView } from '../../src/server/views';
import { fakePorts } from './support/fake-ports';
import { type Harness, startFeed } from './support/ws-harness';

/** A plain client that keeps every text frame's raw payload. */
async function rawClient(url: string, markets: string[]) {
  const ws = new WebSocket(url);
  const frames: Buffer[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data: Buffer) => {
    frames.push(data);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'subscribe', channels: ['orderbook'], markets }));
  const books = () => frames.filter((f) => f.toString().startsWith('{"type":"orderbook"'));
  const until = async (pred: () => boolean) => {
    while (!pred()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  await until(() => frames.some((f) => f.toString().includes('"type":"subscribed"')));
  return { ws, books, until };
}

describe('/v3/ws fan-out', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('sends every subscriber identical bytes, all frames of a task in order', async () => {
    const books = new Map<string, BookView>();
    const fake = fakePorts();
    fake.ports.getBook = (ticker) => books.get(ticker);
    h = await startFeed(fake.ports);
    const clients = await Promise.all(Array.from({ length: 5 }, () => rawClient(h!.url, ['KXA-1', 'KXB-2'])));
    const book = (ticker: string, seq: number): DaemonEvent => {
      books.set(
        ticker,
        toBookView(ticker, { yes: [[4000, seq]], no: [[5500, 100]] }, { seq, stale: false, updatedMs: seq }),
      );
      return { type: 'book', ticker };
    };

    // One task, as one publisher drain is: 40 updates over two markets.
    for (let seq = 1; seq <= 40; seq++) fake.emit(book(seq % 2 === 0 ? 'KXA-1' : 'KXB-2', seq));
    for (const c of clients) await c.until(() => c.books().length === 40);

    const first = clients[0]!.books();
    expect(first.map((f) => JSON.parse(f.toString()).data.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    for (const c of clients.slice(1)) {
      expect(c.books().map((f) => f.toString('hex'))).toEqual(first.map((f) => f.toString('hex')));
    }
    for (const c of clients) c.ws.close();
  });
});
