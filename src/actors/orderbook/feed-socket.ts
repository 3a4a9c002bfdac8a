// The feed machine's `socket` actor: one WS client per invocation (a forced reconnect re-invokes it),
// wired to the frame ingest, the subscriptions and the book repair. Frames go straight into the book
// store; the machine hears only coarse facts on their edges and answers with commands.
import { fromCallback } from 'xstate';
import { KalshiWsClient } from '../../adapters/kalshi/ws';
import type { WsConnectionState, WsStateInfo } from '../../adapters/kalshi/ws-types';
import type { BookStore } from '../../domain/book-store';
import type { FeedCommand, FeedEvent, FeedInput } from '../../machines/feed.events';
import type { BookPublisher } from './book-publisher';
import { BookRepair } from './book-repair';
import { FeedSubscriptions, type SubscriptionStatus } from './feed-subscriptions';
import { createFrameIngest } from './frame-ingest';
import type { MarketTrades } from './market-trades';
import type { OrderbookStreamDeps, StreamCounters } from './orderbook-types';
import type { StaleWatcher } from './stale-watcher';
import { ThrottledLog } from './throttled-log';
import type { StatsSource, WsTotals } from './ws-totals';

/** The stream's long-lived pieces every socket works on. */
export interface SocketShared {
  deps: OrderbookStreamDeps;
  store: BookStore;
  trades: MarketTrades;
  counters: StreamCounters;
  totals: WsTotals;
  publisher: BookPublisher;
  watcher: StaleWatcher;
  batchSize: number;
  /** The running socket (or null when it stops), for the stream's ports. */
  attach(socket: FeedSocket | null, markets: readonly string[]): void;
  /** The running socket's markets changed in place. */
  retarget(markets: readonly string[]): void;
}

const noop = (): void => {};
const gone = (): Error => Object.assign(new Error('socket replaced'), { kind: 'closed' });

export class FeedSocket {
  private client: KalshiWsClient | null = null;
  private readonly subs: FeedSubscriptions;
  readonly repair: BookRepair;

  constructor(
    private readonly shared: SocketShared,
    private markets: readonly string[],
    private readonly send: (event: FeedEvent) => void,
  ) {
    const { deps, store, counters } = shared;
    this.repair = new BookRepair(
      {
        staleTickers: (sid) => store.staleTickers(sid),
        allFresh: () => store.allFresh(),
        requestSnapshots: (sid, tickers) =>
          this.client?.updateSubscription(sid, 'get_snapshot', tickers) ?? Promise.reject(gone()),
        resubscribe: (sid) => {
          const client = this.client;
          const logicalId = client?.logicalIdForSid(sid) ?? null;
          if (client === null || logicalId === null) return false;
          store.unsubscribe(sid); // its frames are no longer ours; the new sid's snapshots follow
          return this.subs.resubscribe(client, logicalId);
        },
        send,
      },
      { now: deps.now, log: deps.log, counters },
    );
    this.subs = new FeedSubscriptions(markets, shared.batchSize, deps.credentials !== undefined, {
      store,
      repair: this.repair,
      log: deps.log,
      counters,
      changed: () => this.evaluate(),
    });
  }

  get state(): WsConnectionState {
    return this.client?.state ?? 'idle';
  }

  get connected(): boolean {
    return this.client?.state === 'open';
  }

  start(): void {
    const { deps, store, publisher, watcher } = this.shared;
    const following = new Set(this.markets);
    const dropped = store.tickers().filter((t) => !following.has(t));
    store.removeMarkets(dropped);
    this.shared.trades.forget(dropped);
    store.reset();
    store.follow(this.markets);
    watcher.restart();
    publisher.start();
    this.shared.attach(this, this.markets);
    const handlerErrors = new ThrottledLog(deps.log, deps.now);
    const client = new KalshiWsClient({
      ...deps.wsOptions,
      url: deps.wsUrl,
      now: deps.now,
      ...(deps.credentials ? { credentials: deps.credentials } : {}),
      handlers: {
        ...createFrameIngest({
          store,
          repair: this.repair,
          trades: this.shared.trades,
          log: deps.log,
          now: deps.now,
          counters: this.shared.counters,
          onPrivate: deps.onPrivate,
          changed: () => publisher.changed(),
        }),
        onStateChange: (state, info) => this.onState(state, info),
        onSubscriptionChange: (change) => this.subs.onChange(client, change),
        onSubscriptionError: (event) => this.subs.onError(client, event),
        onHandlerError: (err) => handlerErrors.warn(() => ({ err }), 'orderbook handler threw'),
      },
    });
    this.client = client;
    client.connect().catch(noop); // rejects only when closed, which is our own doing
    this.subs.open(client);
  }

  /** The machine left the session (stop, or a forced reconnect): nothing of this socket may linger. */
  stop(): void {
    const { store, publisher, totals } = this.shared;
    const client = this.client;
    this.client = null;
    if (client !== null) {
      totals.retire(client);
      client.setHandlers({}); // nothing from the old socket may touch the books again
      client.close().catch(noop);
    }
    this.repair.clear();
    // Nobody keeps these books current any more: readers must see them stale.
    store.reset();
    publisher.flush();
    publisher.stop();
    this.shared.attach(null, this.markets);
  }

  command(command: FeedCommand): void {
    const client = this.client;
    if (client === null) return;
    switch (command.type) {
      case 'SOCKET.SUBSCRIBE_MISSING':
        this.subs.subscribeMissing(client);
        return;
      case 'SOCKET.REQUEST_SNAPSHOTS':
        this.repair.requestSnapshots();
        return;
      case 'SOCKET.RESUBSCRIBE_STALE':
        this.repair.resubscribeStale();
        return;
      case 'SOCKET.CHECK':
        this.shared.watcher.check();
        this.repair.check();
        return;
      case 'SOCKET.SET_MARKETS':
        this.setMarkets(client, command.markets);
        return;
      case 'SOCKET.RESNAPSHOT':
        for (const ticker of command.tickers) {
          const action = this.shared.store.invalidate(ticker);
          if (action !== null && action.kind !== 'none') this.repair.needs(action.sid);
        }
        return;
    }
  }

  /** Rolling discovery: new markets get (stale) books and join a subscription; removed ones are dropped. */
  private setMarkets(client: KalshiWsClient, next: readonly string[]): void {
    // Sets, not includes(): at 10,000 markets a nested scan is 10^8 comparisons per rotation.
    const wantedSet = new Set(next);
    const current = new Set(this.markets);
    const wanted = [...wantedSet];
    const added = wanted.filter((t) => !current.has(t));
    const removed = this.markets.filter((t) => !wantedSet.has(t));
    if (added.length === 0 && removed.length === 0) return;
    const { store, deps } = this.shared;
    this.markets = wanted;
    store.removeMarkets(removed);
    this.shared.trades.forget(removed);
    store.follow(added);
    this.shared.retarget(wanted);
    deps.log.info({ added, removed, markets: wanted.length }, 'market set changed');
    this.subs.setMarkets(client, added, removed);
  }

  /** Operator command: a fresh snapshot of one market; false when no live sid serves it. */
  resnapshot(ticker: string): boolean {
    const sid = this.shared.store.sidOf(ticker);
    const client = this.client;
    if (sid === undefined || client === null || !this.connected) return false;
    this.shared.counters.resyncs++;
    client.updateSubscription(sid, 'get_snapshot', [ticker]).catch((err: unknown) => {
      this.shared.deps.log.warn({ sid, ticker, reason: String(err) }, 'requested snapshot failed');
    });
    return true;
  }

  subscriptionStatus(): SubscriptionStatus | null {
    return this.client === null ? null : this.subs.status(this.client);
  }

  /** The live client's counters, for the stream's totals (null between sockets). */
  get statsSource(): StatsSource | null {
    return this.client;
  }

  /** Every market went silent (the stale watcher's edge). */
  onSilent(reason: string): void {
    this.shared.deps.log.warn({ markets: this.markets.length, reason }, 'every market is stale');
    this.send({ type: 'BOOKS.SILENT', reason });
  }

  /** After the machine hears BOOKS.HEARD it waits for BOOKS.FRESH: say it if the books are. */
  onHeard(): void {
    this.send({ type: 'BOOKS.HEARD' });
    this.repair.sayIfFresh(true);
  }

  private onState(state: WsConnectionState, info: WsStateInfo): void {
    const { deps, store } = this.shared;
    if (state === 'open') {
      if (info.reconnected === true) {
        // Sids of the old socket are void: none is ours, every book waits for its new snapshot.
        store.reset();
        this.repair.clear();
      }
      deps.log.info({ reconnected: info.reconnected === true }, 'orderbook socket open');
      this.subs.reopened();
      this.send({ type: 'SOCKET.OPEN' });
      this.evaluate();
    } else if (state === 'reconnecting') {
      const reason = info.reason ?? `socket ${state}`;
      deps.log.warn({ reason, code: info.code, delayMs: info.delayMs }, 'orderbook socket down');
      store.reset();
      this.repair.clear();
      this.send({ type: 'SOCKET.DOWN', reason });
    }
  }

  /** Tells the machine about the subscriptions when that news changed. */
  private evaluate(): void {
    const client = this.client;
    if (client === null || client.state !== 'open') return;
    const news = this.subs.news(client);
    if (news === null) return;
    this.send(news);
    if (news.type !== 'SUBSCRIPTIONS.COMPLETE') return;
    // The machine starts waiting for the books now: what it could not use while subscribing, again.
    const silence = this.shared.watcher.silence;
    if (silence !== null) this.send({ type: 'BOOKS.SILENT', reason: silence });
    else this.repair.sayIfFresh(true);
  }
}

/** The `socket` actor logic: one FeedSocket per invocation, stopped with it. */
export function createSocketLogic(shared: SocketShared) {
  return fromCallback<FeedCommand, FeedInput>(({ input, sendBack, receive }) => {
    const socket = new FeedSocket(shared, [...new Set(input.markets)], (event) => sendBack(event));
    receive((command) => socket.command(command));
    socket.start();
    return () => socket.stop();
  });
}
