// /v3/ws on the whole daemon: a client that subscribes to a market gets that market's live book, and
// every client gets trading_state after a sync and order updates for the daemon's own orders.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
let client: WebSocket | undefined;
afterEach(() => {
  client?.terminate();
  client = undefined;
});

type Frame = { type: string; data: Record<string, unknown> };

function connect(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v3/ws`);
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  // Listen before `open`: the server speaks first.
  ws.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  const next = (pred: (f: Frame) => boolean, timeoutMs = 15_000) =>
    new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame')), timeoutMs);
      const check = () => {
        const hit = frames.find(pred);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { ws, frames, next, open: new Promise((r) => ws.once('open', r)) };
}

describe('/v3/ws on the running daemon', () => {
  it('streams a subscribed market book, trading_state after syncs, and order updates', async () => {
    const daemon = await daemons.start({ V3_SYNC_INTERVAL_SECONDS: '1' });
    await daemon.waitForState('ready');
    const [ticker, other] = daemon.trader.actor.getSnapshot().context.markets;
    const c = connect(daemon.url);
    client = c.ws;
    await c.open;
    await c.next((f) => f.type === 'connection');
    c.ws.send(JSON.stringify({ type: 'subscribe', channels: ['orderbook'], markets: [ticker] }));
    const book = await c.next((f) => f.type === 'orderbook' && f.data.ticker === ticker);
    expect(book.data).toHaveProperty('levels');
    expect(typeof book.data.yes_bid_dollars === 'string' || book.data.yes_bid_dollars === null).toBe(true);

    const state = await c.next((f) => f.type === 'trading_state');
    expect(typeof state.data.balance).toBe('number');

    const outcome = await daemon.trader.service.submit({
      ticker: ticker!,
      side: 'bid',
      price: 100,
      count: 100,
    });
    expect(outcome.outcome).toBe('accepted');
    const update = await c.next((f) => f.type === 'order_update' && f.data.ticker === ticker);
    expect(update.data).toMatchObject({ book_side: 'bid', yes_price_dollars: '0.0100' });
    // Only the subscribed market's books came through.
    expect(c.frames.some((f) => f.type === 'orderbook' && f.data.ticker === other)).toBe(false);
  });
});
