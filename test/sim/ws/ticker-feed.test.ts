// The ticker feed: a changed market is published once per interval, each market on its own schedule, and
// an unchanged one not at all.
import { describe, expect, it } from 'vitest';
import { createSimExchange, type SimExchangeEngine } from '../../../src/sim/engine';
import { createTickerFeed } from '../../../src/sim/ws/ticker-feed';

const START = 1_700_000_000_000;
const INTERVAL = 1_000;

function harness() {
  let now = START;
  const exchange = createSimExchange({ now: () => now, seed: 3, markets: { count: 2 } });
  const published: Array<{ ticker: string; msg: Record<string, unknown> }> = [];
  const feed = createTickerFeed(
    exchange,
    () => now,
    (ticker, msg) => published.push({ ticker, msg }),
    INTERVAL,
  );
  exchange.subscribe((e) => feed.onEvent(e));
  const [a, b] = exchange.listMarkets().map((m) => m.ticker) as [string, string];
  return {
    exchange,
    feed,
    published,
    a,
    b,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Joins the best YES bid with one more contract: a change of the top of book. */
function joinBest(exchange: SimExchangeEngine, ticker: string): void {
  const best = exchange.topOfBook(ticker)?.yesBid ?? 100;
  const result = exchange.createOrder({
    userId: 'bob',
    ticker,
    side: 'bid',
    price: best,
    count: 100,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
  });
  expect(result.ok).toBe(true);
}

describe('createTickerFeed', () => {
  it('publishes a changed market at once, then holds its next change until its interval has passed', () => {
    const t = harness();
    joinBest(t.exchange, t.a);
    t.feed.flush();
    expect(t.published.map((p) => p.ticker)).toEqual([t.a]);
    const top = t.exchange.topOfBook(t.a)!;
    expect(t.published[0]?.msg.yes_bid_size_fp).toBe((top.yesBidSize / 100).toFixed(2));

    joinBest(t.exchange, t.a);
    t.advance(INTERVAL / 2);
    t.feed.flush();
    expect(t.published).toHaveLength(1);
    t.advance(INTERVAL / 2);
    t.feed.flush();
    expect(t.published).toHaveLength(2);
    expect(t.published[1]?.msg.yes_bid_size_fp).toBe(((top.yesBidSize + 100) / 100).toFixed(2));
  });

  it('keeps each market on its own schedule', () => {
    const t = harness();
    joinBest(t.exchange, t.a);
    t.feed.flush();
    t.advance(INTERVAL / 2);
    joinBest(t.exchange, t.b); // b has never been published: it goes out now
    joinBest(t.exchange, t.a); // a was published half an interval ago: it waits
    t.feed.flush();
    expect(t.published.map((p) => p.ticker)).toEqual([t.a, t.b]);
    t.advance(INTERVAL / 2);
    t.feed.flush();
    expect(t.published.map((p) => p.ticker)).toEqual([t.a, t.b, t.a]);
  });

  it('publishes nothing for a market whose ticker fields did not change', () => {
    const t = harness();
    joinBest(t.exchange, t.a);
    t.feed.flush();
    const deep = t.exchange.getBook(t.a)!.yes[0]![0]; // the lowest YES bid: far from the top
    t.exchange.createOrder({
      userId: 'bob',
      ticker: t.a,
      side: 'bid',
      price: deep,
      count: 100,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    t.advance(INTERVAL);
    t.feed.flush();
    expect(t.published).toHaveLength(1);
  });
});
