// The server's ports, implemented as views of the actor snapshots (one status view, the books) plus the
// event hub and the operator commands. The server sees plain data only.
import type { FeedStatus } from '../actors/orderbook/stream-views';
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import type { ServerConfig } from '../config';
import { complementPrice, formatPrice } from '../domain/fixed-point';
import { publicStateOf } from '../machines/trader.view';
import type { LiveBookView } from '../server/book-track';
import type { HistoryPort } from '../server/history-views';
import type { DaemonMetrics } from '../server/metrics';
import type { DaemonPorts } from '../server/ports';
import { toBookView, toHealthView, toOrderView, toPnlView, toPositionView } from '../server/view-mappers';
import type { HealthView, StatusView, StorageStatusView } from '../server/views';
import { createActivityHistory } from './activity-history';
import type { DaemonEventHub } from './daemon-events';
import { type CommandDeps, createCommandRunner } from './operator-commands';
import { type MarkSource, pnlTotals, positionsPnl } from './pnl-view';
import { createPriceHistory } from './price-history';
import { memoStatus } from './status-memo';
import { type StatusSources, toTradingStateView } from './status-view';
import { createTradingHistory } from './trading-history';

/** What the ports need of the orderbook stream. */
interface FeedPort {
  books: {
    getBook(
      ticker: string,
    ):
      | (LiveBookView & { levelsAscending(side: 'yes' | 'no'): ReadonlyArray<readonly [number, number]> })
      | undefined;
    meta(ticker: string): { seq: number | null; stale: boolean; updatedMs: number | null } | undefined;
    trade(ticker: string): { lastPrice: number | null; volume: number | null } | undefined;
  };
  status(): FeedStatus;
}

export interface PortDeps {
  trader: { getSnapshot(): StatusSources['trader'] };
  trading: { getSnapshot(): { context: TradingState } };
  feed: FeedPort;
  /** The books' best bids, to mark positions to. */
  marks: MarkSource;
  hub: DaemonEventHub;
  /** What operator commands act on (the command's activity line goes to `hub`). */
  commands: Omit<CommandDeps, 'state' | 'publish'>;
  metrics: DaemonMetrics;
  server: Pick<ServerConfig, 'host' | 'controlToken' | 'allowedOrigins' | 'allowedHosts'>;
  now(): number;
  startedMs: number;
  apiUrl: string;
  wsUrl: string;
  strategy: StatusSources['strategy'];
  /** Storage's reads and status, when the daemon keeps history. */
  history?: HistoryPort;
  storage?: () => StorageStatusView;
}

const price = (ticks: number | null) => (ticks === null ? null : formatPrice(ticks));

export function createDaemonPorts(d: PortDeps): DaemonPorts {
  const trading = () => d.trading.getSnapshot().context;
  // Kept from the hub from the start, so a console opened later still sees the session's history.
  const activity = createActivityHistory(d.hub.subscribe, d.now);
  const prices = createPriceHistory(
    d.hub.subscribe,
    d.marks,
    d.now,
    () => d.trader.getSnapshot().context.markets,
  );
  const history = createTradingHistory(
    d.hub.subscribe,
    () => toPnlView(pnlTotals(trading(), d.marks, d.now())),
    d.now,
  );
  const getStatus = memoStatus({
    trader: d.trader,
    trading: d.trading,
    feed: d.feed,
    now: d.now,
    storage: () => d.storage?.() ?? null,
    fixed: { marks: d.marks, startedMs: d.startedMs, apiUrl: d.apiUrl, wsUrl: d.wsUrl, strategy: d.strategy },
  });
  // One health view per status view, so its serialisation is cached with it.
  let healthOf: StatusView | null = null;
  let health: HealthView | null = null;
  return {
    getStatus,
    getHealth() {
      const status = getStatus();
      if (status !== healthOf || health === null) {
        health = toHealthView(status.state, status.uptime, status.degraded);
        healthOf = status;
      }
      return health;
    },
    getTransitions: () => d.trader.getSnapshot().context.transitions,
    getActivity: () => activity.lines(),
    getTradingHistory: () => ({ fills: history.fills(), pnl: history.pnl() }),
    getPriceHistory: (ticker) => ({
      ticker,
      points: prices
        .samples(ticker)
        .map(([t, bid, noBid]) => [t, price(bid), noBid === null ? null : price(complementPrice(noBid))]),
    }),
    getPositions: (options = {}) => positionsPnl(trading(), d.marks, options.all).map(toPositionView),
    getOrders: () => openOrders(trading()).map(toOrderView),
    getTradingState: () => toTradingStateView(trading(), d.marks, d.now()),
    getBook(ticker, depth) {
      const book = d.feed.books.getBook(ticker);
      const meta = d.feed.books.meta(ticker);
      if (!book || !meta) return undefined;
      return toBookView(
        ticker,
        { yes: book.levelsAscending('yes'), no: book.levelsAscending('no') },
        { ...meta, trade: d.feed.books.trade(ticker) },
        depth,
      );
    },
    getLiveBook(ticker) {
      const book = d.feed.books.getBook(ticker);
      return book === undefined ? undefined : { book, trade: d.feed.books.trade(ticker) };
    },
    subscribe: (listener) => d.hub.subscribe(listener),
    send: createCommandRunner({
      ...d.commands,
      state: () => publicStateOf(d.trader.getSnapshot()),
      publish: (event) => d.hub.publish(event),
    }),
    metrics: d.metrics.registry,
    ...(d.history ? { history: d.history } : {}),
    controlToken: d.server.controlToken.value,
    allowedOrigins: [...d.server.allowedOrigins],
    // The bind address is a name clients legitimately use (`--host trader.lan`); loopback is implicit.
    allowedHosts: [d.server.host, ...d.server.allowedHosts],
  };
}
