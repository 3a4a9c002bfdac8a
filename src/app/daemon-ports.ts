// The server's ports, implemented as views of the actor snapshots (one status view, the books) plus the
// event hub and the operator commands. The server sees plain data only.
import type { FeedStatus } from '../actors/orderbook/stream-views';
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import type { ServerConfig } from '../config';
import { publicStateOf } from '../machines/trader.view';
import type { HistoryPort } from '../server/history-views';
import type { DaemonMetrics } from '../server/metrics';
import type { DaemonPorts } from '../server/ports';
import { toBookView, toHealthView, toOrderView, toPositionView } from '../server/view-mappers';
import type { StorageStatusView } from '../server/views';
import type { DaemonEventHub } from './daemon-events';
import { type CommandDeps, createCommandRunner } from './operator-commands';
import { type MarkSource, positionsPnl } from './pnl-view';
import { type StatusSources, toStatusView } from './status-view';

/** What the ports need of the orderbook stream. */
interface FeedPort {
  books: {
    getBook(
      ticker: string,
    ): { levelsAscending(side: 'yes' | 'no'): ReadonlyArray<readonly [number, number]> } | undefined;
    meta(ticker: string): { seq: number | null; stale: boolean; updatedMs: number | null } | undefined;
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

export function createDaemonPorts(d: PortDeps): DaemonPorts {
  const trading = () => d.trading.getSnapshot().context;
  const getStatus = () =>
    toStatusView({
      trader: d.trader.getSnapshot(),
      trading: trading(),
      feed: d.feed.status(),
      marks: d.marks,
      nowMs: d.now(),
      startedMs: d.startedMs,
      apiUrl: d.apiUrl,
      wsUrl: d.wsUrl,
      strategy: d.strategy,
      storage: d.storage?.() ?? null,
    });
  return {
    getStatus,
    getHealth() {
      const status = getStatus();
      return toHealthView(status.state, status.uptime);
    },
    getTransitions: () => d.trader.getSnapshot().context.transitions,
    getPositions: (options = {}) => positionsPnl(trading(), d.marks, options.all).map(toPositionView),
    getOrders: () => openOrders(trading()).map(toOrderView),
    getBook(ticker, depth) {
      const book = d.feed.books.getBook(ticker);
      const meta = d.feed.books.meta(ticker);
      if (!book || !meta) return undefined;
      return toBookView(
        ticker,
        { yes: book.levelsAscending('yes'), no: book.levelsAscending('no') },
        meta,
        depth,
      );
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
