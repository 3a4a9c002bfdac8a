// One run of the orderbook feed: owns the WS client (rebuilt on a forced reconnect) and wires it to the
// frame ingest, the subscription keeper and the resync controller; turns socket states into FEED.*
// news and book resets. Every timer it starts dies with stop().
import { KalshiWsClient } from '../../adapters/kalshi/ws';
import type { KalshiWsHandlers, WsConnectionState, WsStateInfo } from '../../adapters/kalshi/ws-types';
import type { BookStore } from '../../domain/book-store';
import type { FeedNews } from './feed-news';
import { createFrameIngest } from './frame-ingest';
import type { OrderbookStreamDeps, StreamCounters } from './orderbook-types';
import { ResyncController } from './resync-controller';
import { SubscriptionKeeper } from './subscription-keeper';
import { ThrottledLog } from './throttled-log';
import { WsTotals } from './ws-totals';

export interface SessionConfig {
  deps: OrderbookStreamDeps;
  markets: readonly string[];
  store: BookStore;
  news: FeedNews;
  counters: StreamCounters;
  batchSize: number;
  resyncTimeoutMs: number;
  maxForcedDelayMs: number;
  /** True when every book is fresh and some market is alive: ends a down/stale episode. */
  booksBack(): boolean;
}

const noop = (): void => {};
/** What a recovery sees when the client it used is gone: like a socket that closed. */
const gone = (): Error => Object.assign(new Error('client replaced'), { kind: 'closed' });

export class FeedSession {
  private readonly totals = new WsTotals();
  private client: KalshiWsClient | null = null;
  private readonly resync: ResyncController;
  private readonly keeper: SubscriptionKeeper;
  private readonly handlers: KalshiWsHandlers;
  private readonly batches: string[][] = [];
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private forcedAttempts = 0;

  constructor(private readonly c: SessionConfig) {
    const { deps, store, news, counters } = c;
    for (let i = 0; i < c.markets.length; i += c.batchSize)
      this.batches.push(c.markets.slice(i, i + c.batchSize));
    const resync = new ResyncController(
      {
        staleTickers: (sid) => store.staleTickers(sid),
        requestSnapshots: (sid, tickers) =>
          this.client?.updateSubscription(sid, 'get_snapshot', tickers) ?? Promise.reject(gone()),
        resubscribe: (sid) => {
          const logicalId = this.client?.logicalIdForSid(sid) ?? null;
          this.keeper.live.retire(sid);
          return logicalId === null ? null : (this.client?.resubscribe(logicalId) ?? null);
        },
        reconnect: (reason) => this.forceReconnect(reason),
      },
      {
        timeoutMs: c.resyncTimeoutMs,
        now: deps.now,
        log: deps.log,
        counters,
        onEnd: (sid) => news.gapClosed(sid),
      },
    );
    this.resync = resync;
    this.keeper = new SubscriptionKeeper({
      store,
      resync,
      log: deps.log,
      counters,
      current: () => this.client,
      onComplete: () => this.subscribed(),
      forceReconnect: (reason) => this.forceReconnect(reason),
    });
    const handlerErrors = new ThrottledLog(deps.log, deps.now);
    const withClient =
      <A>(fn: (client: KalshiWsClient, arg: A) => void) =>
      (arg: A): void => {
        if (this.client !== null) fn(this.client, arg);
      };
    this.handlers = {
      ...createFrameIngest({
        store,
        news,
        resync,
        log: deps.log,
        now: deps.now,
        counters,
        onPrivate: deps.onPrivate,
        maybeUp: () => this.maybeUp(),
      }),
      onStateChange: (state, info) => this.onState(state, info),
      onSubscriptionChange: withClient((client, change) => this.keeper.onChange(client, change)),
      onSubscriptionError: withClient((client, event) => this.keeper.onError(client, event)),
      onHandlerError: (err) => handlerErrors.warn(() => ({ err }), 'orderbook handler threw'),
    };
  }

  get news(): FeedNews {
    return this.c.news;
  }

  get state(): WsConnectionState {
    return this.client?.state ?? 'idle';
  }

  get connected(): boolean {
    return this.client?.state === 'open';
  }

  get resyncsInFlight(): number {
    return this.resync.inFlight;
  }

  start(): void {
    this.openClient();
  }

  stop(): void {
    this.stopped = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.resync.clear();
    this.discardClient();
  }

  /** Per-type frame totals over every client of this session. */
  frameTotals(): Record<string, number> {
    return this.totals.frames(this.client);
  }

  reconnects(): number {
    return this.totals.reconnects(this.client) + this.c.counters.forcedReconnects;
  }

  lastSocketMessageAt(): number | null {
    return this.client?.stats().lastMessageAt ?? null;
  }

  /** Asks for a fresh snapshot of one market (operator command); false when no live sid serves it. */
  resnapshot(ticker: string): boolean {
    const sid = this.keeper.live.sidOf(ticker);
    const client = this.client;
    if (sid === undefined || client === null || !this.connected) return false;
    this.c.counters.resyncs++;
    client.updateSubscription(sid, 'get_snapshot', [ticker]).catch((err: unknown) => {
      this.c.deps.log.warn({ err, sid, ticker }, 'requested snapshot failed');
    });
    return true;
  }

  /** Periodic check (stale watcher): re-requests snapshots that went missing without a visible gap. */
  recoverStuck(): void {
    if (this.connected) this.resync.sweep(this.keeper.live.sids());
  }

  /** Sends FEED.UP when a down/stale episode is over. */
  maybeUp(): void {
    if (!this.c.news.upPending || !this.connected || !this.keeper.live.complete || !this.c.booksBack())
      return;
    this.forcedAttempts = 0;
    this.c.news.booksBack();
    this.c.deps.log.info({ markets: this.c.markets.length }, 'orderbook feed up');
  }

  private subscribed(): void {
    if (!this.connected) return;
    this.c.news.subscribed();
    this.maybeUp();
  }

  private onState(state: WsConnectionState, info: WsStateInfo): void {
    const { deps, store, news } = this.c;
    if (state === 'open') {
      news.opened();
      this.keeper.live.disconnected();
      if (info.reconnected === true) {
        // Sids of the old socket are void: every seq restarts, every book waits for its new snapshot.
        store.reset();
        this.resync.clear();
      }
      deps.log.info({ reconnected: info.reconnected === true }, 'orderbook socket open');
      if (this.keeper.live.complete) this.subscribed();
    } else if (state === 'reconnecting' || (state === 'closed' && !this.stopped)) {
      const reason = info.reason ?? `socket ${state}`;
      if (!news.isDown)
        deps.log.warn({ reason, code: info.code, delayMs: info.delayMs }, 'orderbook socket down');
      this.down(reason);
    }
  }

  private down(reason: string): void {
    this.keeper.live.disconnected();
    this.c.store.reset();
    this.resync.clear();
    this.c.news.dropped(reason);
  }

  private openClient(): void {
    const { deps } = this.c;
    const client = new KalshiWsClient({
      ...deps.wsOptions,
      url: deps.wsUrl,
      now: deps.now,
      handlers: this.handlers,
      ...(deps.credentials ? { credentials: deps.credentials } : {}),
    });
    this.client = client;
    client.connect().catch(noop); // rejects only when closed, which is our own doing
    this.keeper.open(client, this.batches, deps.credentials !== undefined);
  }

  private forceReconnect(reason: string): void {
    if (this.stopped || this.restartTimer !== null) return;
    this.c.counters.forcedReconnects++;
    const attempt = this.forcedAttempts++;
    const delayMs = attempt === 0 ? 0 : Math.min(this.c.maxForcedDelayMs, 500 * 2 ** (attempt - 1));
    this.c.deps.log.warn({ reason, attempt, delayMs }, 'forcing a reconnect');
    this.discardClient();
    this.down(reason);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped) this.openClient();
    }, delayMs);
  }

  private discardClient(): void {
    const client = this.client;
    if (client === null) return;
    this.client = null;
    this.totals.retire(client);
    client.setHandlers({}); // nothing from the old socket may touch the books again
    client.close().catch(noop);
  }
}
