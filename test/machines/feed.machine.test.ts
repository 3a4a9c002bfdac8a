// The feed machine under a simulated clock: one verdict (live) told to the root as FEED.UP / FEED.DOWN
// on its edges only, subscribe retries with backoff, the resync ladder get_snapshot → resubscribe →
// reconnect, the staleness check and the book audit, each on its named delay.
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedHarness, settle } from './feed-harness';

let h: ReturnType<typeof createFeedHarness>;
afterEach(() => h?.stop());

describe('feed machine: the verdict', () => {
  it('is up once the socket is open, every subscription acknowledged and every book fresh', () => {
    h = createFeedHarness();
    h.report({ type: 'SOCKET.OPEN' }, { type: 'SUBSCRIPTIONS.COMPLETE' });
    expect(h.matches({ session: { open: { link: 'loading' } } })).toBe(true);
    expect(h.heardTypes()).toEqual([]);
    h.report({ type: 'BOOKS.FRESH' });
    expect(h.matches({ session: { open: { link: 'live' } } })).toBe(true);
    expect(h.heardTypes()).toEqual(['FEED.UP']);
    expect(h.snapshot().context).toMatchObject({ told: 'up', reason: null });
  });

  it('tells FEED.DOWN once per episode with the reason, however often the socket fails', () => {
    h = createFeedHarness();
    h.report({ type: 'SOCKET.DOWN', reason: 'Unexpected server response: 503' });
    h.report({ type: 'SOCKET.DOWN', reason: 'Unexpected server response: 503' });
    expect(h.heard()).toEqual([{ type: 'FEED.DOWN', reason: 'Unexpected server response: 503' }]);
    h.goLive();
    h.report({ type: 'SOCKET.DOWN', reason: 'closed with code 1006' });
    expect(h.heardTypes()).toEqual(['FEED.DOWN', 'FEED.UP', 'FEED.DOWN']);
    expect(h.matches({ session: 'connecting' })).toBe(true);
    expect(h.snapshot().context.reason).toBe('closed with code 1006');
  });

  it('does not flap on a resubscribe acknowledged within SUBSCRIBE_RETRY', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'SUBSCRIPTIONS.INCOMPLETE', reason: '1 of 2 orderbook subscriptions not acknowledged' });
    h.advance(2_999);
    h.report({ type: 'SUBSCRIPTIONS.COMPLETE' }, { type: 'BOOKS.FRESH' });
    expect(h.matches({ session: { open: { link: 'live' } } })).toBe(true);
    expect(h.heardTypes()).toEqual(['FEED.UP']);
  });

  it('goes down on missing subscriptions past SUBSCRIBE_RETRY and resubscribes them with backoff', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'SUBSCRIPTIONS.INCOMPLETE', reason: 'private channels not subscribed' });
    h.advance(3_000);
    expect(h.heard().at(-1)).toEqual({ type: 'FEED.DOWN', reason: 'private channels not subscribed' });
    expect(h.commandTypes().filter((t) => t === 'SOCKET.SUBSCRIBE_MISSING')).toHaveLength(1);
    h.advance(3_999); // the second wait is one attempt longer
    expect(h.commandTypes().filter((t) => t === 'SOCKET.SUBSCRIBE_MISSING')).toHaveLength(1);
    h.advance(1);
    expect(h.commandTypes().filter((t) => t === 'SOCKET.SUBSCRIBE_MISSING')).toHaveLength(2);
    expect(h.heardTypes()).toEqual(['FEED.UP', 'FEED.DOWN']);
    h.report({ type: 'SUBSCRIPTIONS.COMPLETE' }, { type: 'BOOKS.FRESH' });
    expect(h.heardTypes()).toEqual(['FEED.UP', 'FEED.DOWN', 'FEED.UP']);
    expect(h.snapshot().context.subscribeAttempts).toBe(0);
  });

  it('goes down when every market falls silent and comes back once one is heard with fresh books', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'BOOKS.SILENT', reason: 'no usable message for 60000 ms on any of 2 markets' });
    expect(h.heard().at(-1)).toMatchObject({ type: 'FEED.DOWN', reason: expect.stringContaining('60000') });
    h.report({ type: 'BOOKS.HEARD' });
    expect(h.matches({ session: { open: { link: 'loading' } } })).toBe(true);
    h.report({ type: 'BOOKS.FRESH' });
    expect(h.heardTypes()).toEqual(['FEED.UP', 'FEED.DOWN', 'FEED.UP']);
  });

  it('asks the socket to check the books every STALE_CHECK while open', () => {
    h = createFeedHarness();
    h.advance(5_000);
    expect(h.commandTypes()).toEqual([]);
    h.report({ type: 'SOCKET.OPEN' });
    for (let i = 0; i < 3; i++) h.advance(1_000);
    expect(h.commandTypes().filter((t) => t === 'SOCKET.CHECK')).toHaveLength(3);
  });
});

describe('feed machine: the resync ladder', () => {
  it('climbs get_snapshot → resubscribe → reconnect on its delays, then starts a new socket', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'BOOKS.STALE' });
    expect(h.commandTypes()).toEqual(['SOCKET.REQUEST_SNAPSHOTS']);
    h.report({ type: 'BOOKS.STALE' }); // another sid joins the episode
    expect(h.commandTypes()).toEqual(['SOCKET.REQUEST_SNAPSHOTS', 'SOCKET.REQUEST_SNAPSHOTS']);
    h.advance(4_999);
    expect(h.matches({ session: { open: { repair: 'snapshot' } } })).toBe(true);
    h.advance(1);
    expect(h.commandTypes().at(-1)).toBe('SOCKET.RESUBSCRIBE_STALE');
    expect(h.heardTypes()).toEqual(['FEED.UP']); // repairing is not news
    h.advance(4_000);
    expect(h.matches('reconnecting')).toBe(true);
    expect(h.heard().at(-1)).toEqual({
      type: 'FEED.DOWN',
      reason: 'books still stale after get_snapshot and a resubscribe',
    });
    expect(h.counts()).toMatchObject({ sockets: 1, socketStops: 1, reconnects: 1 });
    h.advance(499); // RECONNECT_BACKOFF after the first replacement
    expect(h.counts().sockets).toBe(1);
    h.advance(1);
    expect(h.counts().sockets).toBe(2);
    h.goLive();
    expect(h.snapshot().context.reconnectAttempts).toBe(0);
    expect(h.heardTypes()).toEqual(['FEED.UP', 'FEED.DOWN', 'FEED.UP']);
  });

  it('does not climb while gaps keep coming and being answered, only when an answer never comes', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'BOOKS.STALE' });
    for (let i = 0; i < 4; i++) {
      h.advance(4_000);
      h.report({ type: 'BOOKS.STALE' }); // the last request was answered; a new gap needs another
    }
    expect(h.matches({ session: { open: { repair: 'snapshot' } } })).toBe(true);
    expect(h.commandTypes().filter((t) => t === 'SOCKET.REQUEST_SNAPSHOTS')).toHaveLength(5);
    h.advance(5_000);
    expect(h.commandTypes().at(-1)).toBe('SOCKET.RESUBSCRIBE_STALE');
    h.report({ type: 'BOOKS.STALE' }); // a gap elsewhere during the resubscribe starts at rung one
    expect(h.matches({ session: { open: { repair: 'snapshot' } } })).toBe(true);
    expect(h.commandTypes().at(-1)).toBe('SOCKET.REQUEST_SNAPSHOTS');
  });

  it('stops climbing when the books are fresh again', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'BOOKS.STALE' });
    h.advance(1_000);
    h.report({ type: 'BOOKS.FRESH' });
    h.advance(20_000);
    expect(h.matches({ session: { open: { repair: 'idle' } } })).toBe(true);
    expect(h.commandTypes().filter((t) => t !== 'SOCKET.CHECK')).toEqual(['SOCKET.REQUEST_SNAPSHOTS']);
  });

  it('climbs at once when the exchange refuses a step', () => {
    h = createFeedHarness();
    h.goLive();
    h.report({ type: 'BOOKS.STALE' }, { type: 'REPAIR.FAILED', reason: 'get_snapshot failed: error 7' });
    expect(h.matches({ session: { open: { repair: 'resubscribe' } } })).toBe(true);
    h.report({ type: 'REPAIR.FAILED', reason: 'no subscription owns sid 4' });
    expect(h.matches('reconnecting')).toBe(true);
    expect(h.heard().at(-1)).toEqual({ type: 'FEED.DOWN', reason: 'no subscription owns sid 4' });
  });
});

describe('feed machine: the book audit', () => {
  it('fetches every AUDIT_INTERVAL, confirms a difference after AUDIT_CONFIRM and resnapshots', async () => {
    h = createFeedHarness({
      audit: [
        { suspects: 0, mismatched: [] },
        { suspects: 2, mismatched: [] },
        { suspects: 0, mismatched: ['B'] },
      ],
    });
    h.goLive();
    h.advance(10_000);
    await settle();
    expect(h.counts().auditCalls).toBe(1);
    expect(h.matches({ session: { open: { audit: 'idle' } } })).toBe(true);
    h.advance(10_000);
    await settle();
    expect(h.matches({ session: { open: { audit: 'confirming' } } })).toBe(true);
    h.advance(1_000);
    await settle();
    expect(h.counts().auditCalls).toBe(3);
    expect(h.commands.at(-1)).toEqual({ type: 'SOCKET.RESNAPSHOT', tickers: ['B'] });
    expect(h.matches({ session: { open: { audit: 'idle' } } })).toBe(true);
  });

  it('never fetches when the audit is off', async () => {
    h = createFeedHarness();
    h.goLive();
    h.advance(120_000);
    await settle();
    expect(h.matches({ session: { open: { audit: 'off' } } })).toBe(true);
    expect(h.counts().auditCalls).toBe(0);
  });
});
