// Storage in the daemon: the actors' news become queued history writes (transitions, order states and
// events, fills, position and balance snapshots), the trading service gets its journal (intents, and the
// order row committed before each create leaves), and the server reads history and the storage status
// from here.
import type { OrderJournal } from '../actors/trading/trading-ports';
import { isDaemonOrderId } from '../actors/trading/trading-types';
import type { StoragePort } from '../domain/storage-port';
import type { SessionRecord } from '../domain/storage-records';
import type { OrderStatus } from '../domain/trading-types';
import type { Logger } from '../logger';
import type { PublicState } from '../machines/trader.events';
import type { HistoryPort } from '../server/history-views';
import type { StorageStatusView } from '../server/views';
import { activityLine, type DaemonEventHub, type NewsSources } from './daemon-events';
import {
  createRestartReconciliation,
  type ReconciliationReport,
  type RestartDeps,
  type RestartReconciliation,
} from './restart-reconciliation';

/** The opened storage and this run's session row. */
export interface StorageSession {
  port: StoragePort;
  session: SessionRecord;
}

export interface StorageNewsSources {
  trader: Pick<NewsSources['trader'], 'on'>;
  trading: Pick<NewsSources['trading'], 'on'>;
  now: () => number;
}

/** The order event's name: the status it reached, or `update` when only counts or the id changed. */
const eventName = (status: OrderStatus, from: OrderStatus | null): string =>
  from === status ? 'update' : status === 'resting' ? 'accepted' : status;

/** Subscribes the queued writes to the actors' news. Only this daemon's orders are written. */
export function recordNews(storage: Pick<StoragePort, 'enqueue'>, src: StorageNewsSources): void {
  src.trader.on('transition', (t) => {
    // Round trips through `acting` happen per decision, several a second: the intents rows record those.
    if (t.from === 'acting' || t.to === 'acting') return;
    storage.enqueue({ kind: 'transition', atMs: t.atMs, from: t.from, to: t.to, reason: t.reason ?? null });
  });
  src.trading.on('order', ({ order, from }) => {
    if (!isDaemonOrderId(order.clientOrderId)) return;
    const event = eventName(order.status, from);
    // A tracked order is an Order: the storage adapter's row mapping (history-writes) takes the columns
    // it stores and leaves the bookkeeping fields; state is replaced, never mutated, so no copy is needed.
    storage.enqueue({ kind: 'order', atMs: src.now(), event, order, note: order.note });
  });
  src.trading.on('fill', ({ fill }) => storage.enqueue({ kind: 'fill', atMs: src.now(), fill }));
  src.trading.on('settlement', ({ settlement }) =>
    storage.enqueue({ kind: 'settlement', atMs: src.now(), settlement }),
  );
  src.trading.on('position', ({ position }) =>
    storage.enqueue({ kind: 'position', atMs: src.now(), position }),
  );
  let lastBalance: number | null = null;
  src.trading.on('synced', ({ state }) => {
    const balance = state.balance;
    if (!balance || balance.balance === lastBalance) return;
    lastBalance = balance.balance;
    storage.enqueue({ kind: 'balance', atMs: src.now(), balance });
  });
}

/** The journal the trading service writes intents and order rows to. */
export const orderJournal = (storage: StoragePort): OrderJournal => ({
  recordOrder: (order) => storage.recordOrder(order),
  enqueue: (write) => storage.enqueue(write),
});

/** History reads for the server, scoped to this daemon. */
export function historyPort(s: StorageSession): HistoryPort {
  const daemonId = s.session.daemonId;
  return {
    listFills: (q) => s.port.listFills({ ...q, daemonId }),
    listOrders: (q) => s.port.listOrders({ ...q, daemonId }),
    listSessions: (q) => s.port.listSessions({ ...q, daemonId }),
    realizedPnlSeries: (q) => s.port.realizedPnlSeries({ ...q, daemonId }),
  };
}

/** What /v3/status shows of storage: where, this session, the queue, and the restart reconciliation. */
export function storageStatus(s: StorageSession, report: ReconciliationReport | null): StorageStatusView {
  const stats = s.port.stats();
  return {
    backend: s.port.backend,
    location: s.port.location,
    session_id: s.session.sessionId,
    queued: stats.queued,
    written: stats.written,
    dropped: Object.values(stats.dropped).reduce((a, b) => a + (b ?? 0), 0),
    rejected: stats.rejected,
    last_error: stats.lastError,
    reconciliation:
      report === null
        ? null
        : {
            at: new Date(report.atMs).toISOString(),
            loaded_fills: report.loadedFills,
            restored_orders: report.restoredOrders,
            adopted_orders: report.adoptedOrders,
            discrepancies: report.discrepancies,
          },
  };
}

export interface StorageAttachDeps {
  trading: RestartDeps['trading'];
  service: RestartDeps['service'];
  now: () => number;
  log: Logger;
  /** Where the reconciliation's activity lines go. */
  hub: DaemonEventHub;
  state: () => PublicState;
}

/**
 * Everything storage adds to the daemon, in the order the composition root needs it: the journal for
 * the trading service (before the service exists), then the restart reconciliation as the initial sync,
 * the news recording, the shutdown flush and the server's reads. Without storage each is absent.
 */
export function storageWiring(storage: StorageSession | undefined) {
  let restart: RestartReconciliation | null = null;
  return {
    journal: storage ? { journal: orderJournal(storage.port) } : {},
    attach(deps: StorageAttachDeps): { initialSync?: RestartReconciliation['initialSync'] } {
      if (!storage) return {};
      const daemonId = storage.session.daemonId;
      const line = activityLine(deps.hub, deps.state);
      restart = createRestartReconciliation({
        ...deps,
        storage: storage.port,
        daemonId,
        log: deps.log.child({ actor: 'restart' }),
        tell: (message, severity) => line('storage', message, severity),
      });
      return { initialSync: restart.initialSync };
    },
    record(trader: StorageNewsSources['trader'], trading: StorageNewsSources['trading'], now: () => number) {
      if (storage) recordNews(storage.port, { trader, trading, now });
    },
    flush: storage ? { flush: () => storage.port.flush() } : {},
    ports: storage
      ? {
          history: historyPort(storage),
          storage: () => storageStatus(storage, restart?.report() ?? null),
        }
      : {},
  };
}
