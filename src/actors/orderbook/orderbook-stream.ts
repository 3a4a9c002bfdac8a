// The orderbook stream: the feed machine (src/machines/feed.machine.ts) provided with its socket actor,
// delays and audit, as the root machine's `orderbookStream` child, plus the long-lived ports the rest of
// the daemon reads: books, coalesced updates, stats, status and the operator's resync.
import { type AnyActorRef, fromPromise } from 'xstate';
import { MAX_ORDERBOOKS_PER_REQUEST } from '../../adapters/kalshi/constants';
import { BookStore } from '../../domain/book-store';
import type { AuditOutcome } from '../../machines/feed.events';
import { feedMachine } from '../../machines/feed.machine';
import { BookAudit } from './book-audit';
import { BookPublisher, bookMeta } from './book-publisher';
import { feedDelays } from './feed-delays';
import { createSocketLogic, type FeedSocket } from './feed-socket';
import { type MarketTrade, MarketTrades } from './market-trades';
import { MetricsRelay } from './metrics-relay';
import {
  type BookListener,
  type BookMeta,
  type FeedVerdict,
  newStreamCounters,
  type OrderbookStreamDeps,
  type OrderbookStreamStats,
} from './orderbook-types';
import { StaleWatcher } from './stale-watcher';
import { type FeedStatus, feedVerdict, type StreamHealth, streamHealth, streamStatus } from './stream-views';
import { WsTotals } from './ws-totals';

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
  const trades = new MarketTrades();
  const counters = newStreamCounters();
  const totals = new WsTotals();
  const relay = new MetricsRelay(deps.metrics);
  let markets: readonly string[] = [];
  let socket: FeedSocket | null = null;
  let feed: AnyActorRef | null = null;

  const lastMessageMs = (ticker: string): number | undefined => store.lastMessageMs(ticker) || undefined;
  const watcher = new StaleWatcher(
    { markets: () => markets, isFresh: (t) => !store.isStale(t), lastMessageMs },
    {
      staleMs,
      now,
      onSilent: (reason) => socket?.onSilent(reason),
      onHeard: () => socket?.onHeard(),
    },
  );
  const source = () => socket?.statsSource ?? null;
  const foreign = (): number => store.counters.foreign + totals.foreign(source());
  const relayMetrics = (): void =>
    relay.flush(
      {
        gaps: store.counters.gaps,
        duplicates: store.counters.duplicates,
        malformed: store.counters.malformed,
        resyncs: counters.resyncs,
        foreign: foreign(),
        unsubscribed: store.counters.unsubscribed,
        auditMismatches: audit.report().mismatches,
      },
      totals.frames(source()),
    );
  const publisher = new BookPublisher(store, {
    intervalMs: deps.publishIntervalMs ?? 100,
    now,
    log,
    counters,
    onTick: relayMetrics,
    ...(deps.timers ? { timers: deps.timers } : {}),
  });

  const auditMs = deps.audit?.intervalMs ?? 0;
  const audit = new BookAudit({
    fetchBooks: (tickers) => deps.audit?.fetchBooks(tickers) ?? Promise.resolve(new Map()),
    freshBook: (ticker) => {
      const book = store.get(ticker);
      return book?.fresh === true ? book : undefined;
    },
    markets: () => markets,
    now,
    log,
    intervalMs: auditMs,
    batch: deps.audit?.batch ?? MAX_ORDERBOOKS_PER_REQUEST,
  });

  const logic = feedMachine.provide({
    actors: {
      socket: createSocketLogic({
        deps,
        store,
        trades,
        counters,
        totals,
        publisher,
        watcher,
        batchSize: Math.max(1, deps.subscribeBatchSize ?? 100),
        attach: (current, wanted) => {
          if (current !== null) {
            socket = current;
            markets = wanted;
            log.info(
              { markets: wanted.length, private: deps.credentials !== undefined },
              'orderbook stream starting',
            );
          } else if (socket !== null) {
            socket = null;
            relayMetrics();
          }
        },
        retarget: (wanted) => {
          markets = wanted;
        },
      }),
      auditFetch: fromPromise<AuditOutcome>(audit.fetch),
      auditConfirm: fromPromise<AuditOutcome>(audit.confirm),
    },
    guards: { auditOff: () => auditMs <= 0 },
    actions: {
      attach: ({ self }) => {
        feed = self;
      },
      countReconnect: () => {
        counters.forcedReconnects++;
      },
    },
    delays: feedDelays(deps),
  });

  const verdict = (): FeedVerdict => feedVerdict(feed?.getSnapshot());

  const books = {
    getBook: (ticker: string) => store.get(ticker),
    meta: (ticker: string): BookMeta | undefined => {
      const book = store.get(ticker);
      return book === undefined ? undefined : bookMeta(book);
    },
    /** The market's last trade price and volume from the ticker channel; undefined before any. */
    trade: (ticker: string): MarketTrade | undefined => trades.get(ticker),
    tickers: (): string[] => [...markets],
    counters: () => ({ ...store.counters }),
    lastMessageAgeMs: (ticker: string): number | null => {
      const at = lastMessageMs(ticker);
      return at === undefined ? null : now() - at;
    },
    health: (): StreamHealth => streamHealth(markets.length, verdict(), watcher.report().liveMarkets),
  };

  function stats(): OrderbookStreamStats {
    const report = watcher.report();
    const c = store.counters;
    const ages: Record<string, number | null> = {};
    for (const ticker of markets) ages[ticker] = books.lastMessageAgeMs(ticker);
    const feedVerdict = verdict();
    return {
      ...counters,
      running: feedVerdict.state !== 'stopped',
      connected: socket?.connected === true,
      state: socket?.state ?? 'stopped',
      feed: feedVerdict,
      privateChannels:
        deps.credentials === undefined ? 'off' : (socket?.subscriptionStatus()?.privateChannels ?? 'missing'),
      markets: markets.length,
      snapshots: c.snapshots,
      deltas: c.deltas,
      duplicates: c.duplicates,
      gaps: c.gaps,
      malformed: c.malformed,
      invalid: c.invalid,
      dropped: c.dropped,
      foreign: foreign(),
      unsubscribed: c.unsubscribed,
      reconnects: totals.reconnects(source()) + counters.forcedReconnects,
      resyncsInFlight: socket?.repair.inFlight ?? 0,
      liveMarkets: report.liveMarkets,
      staleMarkets: report.staleMarkets,
      lastMessageAgeMs: ages,
      audit: audit.report(),
    };
  }

  return {
    logic,
    books,
    /** Coalesced per-market book updates; returns the unsubscribe function. */
    subscribe: (listener: BookListener): (() => void) => publisher.subscribe(listener),
    stats,
    /** The subset /v3/status shows, with the feed's verdict. */
    status: (): FeedStatus => streamStatus(stats(), source()?.stats().lastMessageAt ?? null, now()),
    /** Operator command: re-snapshot one market; false when no live subscription serves it. */
    resync: (ticker: string): boolean => socket?.resnapshot(ticker) ?? false,
  };
}

export type OrderbookStream = ReturnType<typeof createOrderbookStream>;
