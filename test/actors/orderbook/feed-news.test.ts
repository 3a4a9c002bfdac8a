// FEED.* news is coarse: each kind once per episode, in the order the root statechart expects.
import { describe, expect, it } from 'vitest';
import { FeedNews } from '../../../src/actors/orderbook/feed-news';
import type { FeedEvent } from '../../../src/actors/orderbook/orderbook-types';

function setup() {
  const sent: FeedEvent[] = [];
  return { sent, news: new FeedNews((e) => sent.push(e)), types: () => sent.map((e) => e.type) };
}

describe('FeedNews', () => {
  it('says connected and first snapshot once per connection, and up once books are back', () => {
    const t = setup();
    t.news.opened();
    t.news.subscribed();
    t.news.subscribed();
    t.news.snapshot('A');
    t.news.snapshot('B');
    expect(t.news.upPending).toBe(true);
    t.news.booksBack();
    t.news.booksBack();
    expect(t.sent).toEqual([
      { type: 'FEED.CONNECTED' },
      { type: 'FEED.SNAPSHOT', ticker: 'A' },
      { type: 'FEED.UP' },
    ]);
    expect(t.news.upPending).toBe(false);
  });

  it('reports one FEED.DOWN per outage and announces the next connection afresh', () => {
    const t = setup();
    t.news.opened();
    t.news.subscribed();
    t.news.snapshot('A');
    t.news.booksBack();
    t.news.dropped('socket closed');
    t.news.dropped('connect ECONNREFUSED');
    expect(t.news.isDown).toBe(true);
    t.news.stale('every market silent'); // the outage already said more
    t.news.opened();
    t.news.subscribed();
    t.news.snapshot('B');
    t.news.booksBack();
    expect(t.types().slice(3)).toEqual(['FEED.DOWN', 'FEED.CONNECTED', 'FEED.SNAPSHOT', 'FEED.UP']);
    expect(t.sent[3]).toEqual({ type: 'FEED.DOWN', reason: 'socket closed' });
  });

  it('reports a gap once per sid and episode', () => {
    const t = setup();
    t.news.gap(1, 'A');
    t.news.gap(1, 'B');
    t.news.gap(2, 'C');
    t.news.gapClosed(1);
    t.news.gap(1, 'A');
    expect(t.sent).toEqual([
      { type: 'FEED.GAP', ticker: 'A' },
      { type: 'FEED.GAP', ticker: 'C' },
      { type: 'FEED.GAP', ticker: 'A' },
    ]);
  });

  it('reports staleness once and owes FEED.UP afterwards', () => {
    const t = setup();
    t.news.booksBack();
    t.news.stale('silent');
    t.news.stale('silent');
    expect(t.news.upPending).toBe(true);
    t.news.booksBack();
    t.news.stale('silent again');
    expect(t.sent).toEqual([
      { type: 'FEED.UP' },
      { type: 'FEED.STALE', reason: 'silent' },
      { type: 'FEED.UP' },
      { type: 'FEED.STALE', reason: 'silent again' },
    ]);
  });

  it('holds a snapshot that beat the last subscribe ack until FEED.CONNECTED is out', () => {
    const t = setup();
    t.news.opened();
    t.news.snapshot('A');
    t.news.snapshot('B');
    expect(t.sent).toEqual([]);
    t.news.subscribed();
    expect(t.sent).toEqual([{ type: 'FEED.CONNECTED' }, { type: 'FEED.SNAPSHOT', ticker: 'A' }]);
  });
});
