// Feed news is coarse: FEED.DOWN {reason} once per episode, FEED.UP once the books are back; nothing else.
import { describe, expect, it } from 'vitest';
import { FeedNews } from '../../../src/actors/orderbook/feed-news';
import type { FeedEvent } from '../../../src/actors/orderbook/orderbook-types';

function setup() {
  const sent: FeedEvent[] = [];
  return { sent, news: new FeedNews((e) => sent.push(e)), types: () => sent.map((e) => e.type) };
}

describe('FeedNews', () => {
  it('says up once books are back, and nothing about connections, snapshots or gaps', () => {
    const t = setup();
    t.news.opened();
    t.news.subscribed();
    t.news.snapshot('A');
    t.news.gap(1, 'A');
    t.news.gapClosed(1);
    expect(t.sent).toEqual([]);
    expect(t.news.upPending).toBe(true);
    t.news.booksBack();
    t.news.booksBack();
    expect(t.sent).toEqual([{ type: 'FEED.UP' }]);
    expect(t.news.upPending).toBe(false);
  });

  it('reports one FEED.DOWN per outage and owes FEED.UP afterwards', () => {
    const t = setup();
    t.news.booksBack();
    t.news.dropped('socket closed');
    t.news.dropped('connect ECONNREFUSED');
    expect(t.news.isDown).toBe(true);
    expect(t.news.upPending).toBe(true);
    t.news.stale('every market silent'); // the outage already said more
    t.news.booksBack();
    expect(t.sent).toEqual([
      { type: 'FEED.UP' },
      { type: 'FEED.DOWN', reason: 'socket closed' },
      { type: 'FEED.UP' },
    ]);
    expect(t.news.isDown).toBe(false);
  });

  it('reports staleness as FEED.DOWN once per episode', () => {
    const t = setup();
    t.news.booksBack();
    t.news.stale('silent');
    t.news.stale('silent');
    expect(t.news.upPending).toBe(true);
    t.news.booksBack();
    t.news.stale('silent again');
    expect(t.sent).toEqual([
      { type: 'FEED.UP' },
      { type: 'FEED.DOWN', reason: 'silent' },
      { type: 'FEED.UP' },
      { type: 'FEED.DOWN', reason: 'silent again' },
    ]);
  });
});
