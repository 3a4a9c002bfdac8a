// Restart reconciliation, run in `kalshi_data_sync` before `ready`: the ledger is loaded from the stored
// fills and settlements, and the orders an earlier run left open are tracked again; the first full sync
// then settles them against the exchange (listed, found by client_order_id, or declared gone after the
// usual missed syncs), adopts the daemon's orders storage lacks (recorded as `adopted` through the order
// news), and books the fills missed while the daemon was down once by fill id. What the sync cannot
// explain (a position its fills and settlements do not account for, an order storage calls final that
// still rests) is reported, and the strategy starts paused until an operator resumes it.
import type { TradingRef, TradingService } from '../actors/trading/trading-ports';
import { isDaemonOrderId } from '../actors/trading/trading-types';
import { fillEntry } from '../domain/fill-ledger-entry';
import type { StoragePort } from '../domain/storage-port';
import type { StoredOrder } from '../domain/storage-records';
import type { Fill, OrderStatus } from '../domain/trading-types';
import type { Severity } from '../machines/trader.events';
import { describeDifferences } from './ledger-news';

export interface ReconciliationReport {
  atMs: number;
  /** Fills loaded from storage into the ledger. */
  loadedFills: number;
  /** Stored orders that were not final, tracked again. */
  restoredOrders: number;
  /** The daemon's orders found on the exchange that storage did not have. */
  adoptedOrders: number;
  /** What the first sync could not explain; non-empty means the strategy was paused. */
  discrepancies: string[];
}

export interface RestartDeps {
  storage: Pick<StoragePort, 'listFills' | 'listSettlements' | 'listOrders'>;
  daemonId: string;
  trading: TradingRef;
  service: Pick<TradingService, 'fullSync' | 'setStrategyPaused'>;
  now: () => number;
  /** An activity-feed line. */
  tell: (message: string, severity: Severity) => void;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

const PAGE = 1_000;

async function storedFills(deps: RestartDeps): Promise<Fill[]> {
  const fills: Fill[] = [];
  let since: number | undefined;
  for (;;) {
    const page = await deps.storage.listFills({
      daemonId: deps.daemonId,
      limit: PAGE,
      ...(since === undefined ? {} : { since }),
    });
    fills.push(...page.fills);
    if (page.nextCursor === null) return fills;
    since = page.nextCursor;
  }
}

/** Every order storage holds open for this daemon, page by page (a busy run can leave more than a page). */
async function storedOpenOrders(deps: RestartDeps): Promise<StoredOrder[]> {
  const orders: StoredOrder[] = [];
  let after: StoredOrder | undefined;
  for (;;) {
    const page = await deps.storage.listOrders({
      daemonId: deps.daemonId,
      status: 'open',
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    orders.push(...page);
    if (page.length < PAGE) return orders;
    after = page[page.length - 1];
  }
}

export function createRestartReconciliation(deps: RestartDeps) {
  const { trading, now } = deps;
  let report: ReconciliationReport | null = null;
  /** Status per client_order_id of the orders storage held at start (the newest final ones, bounded). */
  const stored = new Map<string, OrderStatus>();

  async function restore(): Promise<Pick<ReconciliationReport, 'loadedFills' | 'restoredOrders'>> {
    const [fills, settlements] = await Promise.all([
      storedFills(deps),
      deps.storage.listSettlements({ daemonId: deps.daemonId }),
    ]);
    trading.send({ type: 'LEDGER.LOAD', entries: [...fills.map(fillEntry), ...settlements], atMs: now() });
    const [open, final] = await Promise.all([
      storedOpenOrders(deps),
      deps.storage.listOrders({ daemonId: deps.daemonId, limit: PAGE, status: 'final' }),
    ]);
    for (const o of [...final, ...open]) stored.set(o.clientOrderId, o.status);
    trading.send({ type: 'ORDERS.RESTORE', orders: open, atMs: now() });
    return { loadedFills: fills.length, restoredOrders: open.length };
  }

  /** What the first sync left unexplained, and the daemon's orders storage did not know. */
  function compare(): { discrepancies: string[]; adoptedOrders: number } {
    const state = trading.getSnapshot().context;
    const discrepancies: string[] = [];
    for (const [ticker, check] of Object.entries(state.ledger.checks)) {
      if (check.status !== 'unverified') continue;
      discrepancies.push(
        `position ${ticker} is not explained by its fills: ${describeDifferences(check.differences)}`,
      );
    }
    let adoptedOrders = 0;
    for (const [key, order] of Object.entries(state.orders)) {
      if (!isDaemonOrderId(key)) continue;
      const was = stored.get(key);
      if (was === undefined) adoptedOrders++;
      else if (order.status === 'resting' && (was === 'canceled' || was === 'executed' || was === 'rejected'))
        discrepancies.push(`order ${key} is stored as ${was} but still rests on the exchange`);
    }
    return { discrepancies, adoptedOrders };
  }

  async function reconcile() {
    const restored = await restore();
    const sync = await deps.service.fullSync();
    report = { atMs: now(), ...restored, ...compare() };
    const { discrepancies } = report;
    const summary =
      `restart reconciliation: ${report.loadedFills} stored fill(s) loaded, ${report.restoredOrders} open ` +
      `order(s) restored, ${report.adoptedOrders} adopted from the exchange`;
    if (discrepancies.length === 0) {
      deps.log.info({ ...report }, summary);
      if (report.loadedFills + report.restoredOrders + report.adoptedOrders > 0) deps.tell(summary, 'info');
      return sync;
    }
    deps.service.setStrategyPaused(true);
    deps.log.warn({ ...report }, `${summary}; discrepancies: strategy paused`);
    for (const line of discrepancies) deps.tell(`restart reconciliation: ${line}`, 'error');
    deps.tell('strategy paused: the restart found what it cannot explain; resume it once checked', 'error');
    return sync;
  }

  return {
    /**
     * The initial sync: the first one after start reconciles with storage; later ones (after an error
     * recovery, the trading actor's state intact) are plain syncs.
     */
    initialSync(): ReturnType<TradingService['fullSync']> {
      return report === null ? reconcile() : deps.service.fullSync();
    },
    report: (): ReconciliationReport | null => report,
  };
}

export type RestartReconciliation = ReturnType<typeof createRestartReconciliation>;
