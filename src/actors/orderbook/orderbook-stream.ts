// The orderbook stream: the root machine's `orderbookStream` callback actor (one feed session per
// invocation), plus the long-lived ports the rest of the daemon reads: books, coalesced updates, stats.
import { type EventObject, fromCallback } from 'xstate';
import { BookStore } from '../../domain/book-store';
import type { StreamInput } from '../../machines/trader.events';
import { BookPublisher, bookMeta } from './book-publisher';
import { FeedNews } from './feed-news';
import { FeedSession } from './feed-session';
import { MetricsRelay } from './metrics-relay';
import {
  type BookListener,
  type BookMeta,
  newStreamCounters,
  type OrderbookStreamDeps,
  type OrderbookStreamStats,
} from './orderbook-types';
import { StaleWatcher } from './stale-watcher';
import { type FeedStatus, type StreamHealth, streamHealth, streamStatus } from './stream-views';

export type {
  BookListener,
  BookMeta,
  OrderbookStreamDeps,
  OrderbookStreamStats,
} from './orderbook-types';

export function createOrderbookStream(deps: OrderbookStreamDeps) {
  const { now, log } = deps;
  const staleMs = deps.staleMs ?? 60_000;
  const store = new BookStore({ now });
  const counters = newStreamCounters();
  const relay = new MetricsRelay(deps.metrics);
  let markets: readonly string[] = [];
  let session: FeedSession | null = null;
  let pastReconnects = 0;

  const lastMessageMs = (ticker: string): number | undefined => store.lastMessageMs(ticker) || undefined;
  const watcher = new StaleWatcher(
    { markets: () => markets, isFresh: (t) => !store.isStale(t), lastMessageMs },
    {
      intervalMs: deps.staleCheckIntervalMs ?? 1_000,
      staleMs,
      now,
      onStale: (reason) => {
        if (session?.connected !== true) return; // FEED.DOWN already told the parent more
        log.warn({ markets: markets.length, staleMs }, 'every market is stale');
        session.news.stale(reason);
      },
      onReport: () => {
        session?.recoverStuck();
        session?.maybeUp();
      },
    },
  );
  const relayMetrics = (): void =>
    relay.flush(
      {
        gaps: store.counters.gaps,
        duplicates: store.counters.duplicates,
        malformed: store.counters.malformed,
        resyncs: counters.resyncs,
      },
      session?.frameTotals(),
    );
  const publisher = new BookPublisher(store, {
    intervalMs: deps.publishIntervalMs ?? 100,
    now,
    log,
    counters,
    onTick: relayMetrics,
  });

  function stopSession(): void {
    const current = session;
    if (current === null) return;
    current.stop();
    relayMetrics();
    relay.resetFrames();
    pastReconnects += current.reconnects();
    session = null;
    watcher.stop();
    publisher.stop();
    // Nobody keeps these books current any more: readers must see them stale.
    store.reset();
    publisher.flush();
  }

  const logic = fromCallback<EventObject, StreamInput>(({ input, sendBack }) => {
    if (session !== null) {
      log.warn({}, 'orderbook stream started while running; stopping the previous run');
      stopSession();
    }
    const wanted = [...new Set(input.markets)];
    store.removeMarkets(store.tickers().filter((t) => !wanted.includes(t)));
    store.reset();
    markets = wanted;
    const news = new FeedNews((event) => sendBack(event));
    const current = new FeedSession({
      deps,
      markets: wanted,
      store,
      news,
      counters,
      batchSize: Math.max(1, deps.subscribeBatchSize ?? 100),
      resyncTimeoutMs: deps.resyncTimeoutMs ?? 5_000,
      maxForcedDelayMs: deps.maxForcedReconnectDelayMs ?? 30_000,
      booksBack: () => {
        const report = watcher.report();
        return report.allFresh && !report.allSilent;
      },
    });
    session = current;
    log.info(
      { markets: wanted.length, private: deps.credentials !== undefined },
      'orderbook stream starting',
    );
    publisher.start();
    watcher.start();
    current.start();
    return () => {
      if (session === current) stopSession();
    };
  });

  const books = {
    getBook: (ticker: string) => store.get(ticker),
    meta: (ticker: string): BookMeta | undefined => {
      const book = store.get(ticker);
      return book === undefined ? undefined : bookMeta(book);
    },
    tickers: (): string[] => [...markets],
    counters: () => ({ ...store.counters }),
    lastMessageAgeMs: (ticker: string): number | null => {
      const at = lastMessageMs(ticker);
      return at === undefined ? null : now() - at;
    },
    health: (): StreamHealth => streamHealth(markets.length, session, watcher.report()),
  };

  function stats(): OrderbookStreamStats {
    const report = watcher.report();
    const c = store.counters;
    const ages: Record<string, number | null> = {};
    for (const ticker of markets) ages[ticker] = books.lastMessageAgeMs(ticker);
    return {
      ...counters,
      running: session !== null,
      connected: session?.connected === true,
      state: session?.state ?? 'stopped',
      markets: markets.length,
      snapshots: c.snapshots,
      deltas: c.deltas,
      duplicates: c.duplicates,
      gaps: c.gaps,
      malformed: c.malformed,
      invalid: c.invalid,
      dropped: c.dropped,
      reconnects: pastReconnects + (session?.reconnects() ?? 0),
      resyncsInFlight: session?.resyncsInFlight ?? 0,
      liveMarkets: report.liveMarkets,
      staleMarkets: report.staleMarkets,
      lastMessageAgeMs: ages,
    };
  }

  return {
    logic,
    books,
    /** Coalesced per-market book updates; returns the unsubscribe function. */
    subscribe: (listener: BookListener): (() => void) => publisher.subscribe(listener),
    stats,
    /** The subset /v3/status shows. */
    status: (): FeedStatus => streamStatus(stats(), session?.lastSocketMessageAt() ?? null, now()),
    /** Operator command: re-snapshot one market; false when no live subscription serves it. */
    resync: (ticker: string): boolean => session?.resnapshot(ticker) ?? false,
  };
}

export type OrderbookStream = ReturnType<typeof createOrderbookStream>;
