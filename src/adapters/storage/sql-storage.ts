// The storage port over any SQL driver: sessions, the order row committed before its create leaves,
// the batched write queue for everything else, and the history reads. Both databases share this code.
import type { StoragePort, StorageStats } from '../../domain/storage-port';
import type { HistoryWrite, NewOrder, SessionRecord, SessionStart } from '../../domain/storage-records';
import { insertOrder, insertSession, markUncleanSessions, stopSession } from './direct-writes';
import {
  fillsQuery,
  ordersQuery,
  sessionsQuery,
  settlementsQuery,
  toFillPage,
  toSession,
  toSettlementEntry,
  toStoredOrder,
} from './history-reads';
import { historyStatements, type WriterIdentity } from './history-writes';
import { foldPnl, pnlBaseQuery, pnlRangeQuery } from './pnl-series';
import type { SqlDriver } from './sql-driver';
import { num } from './sql-statement';
import { StorageUnavailableError } from './storage-errors';
import { type StorageLog, silentStorageLog } from './storage-log';
import { WriteQueue, type WriteQueueOptions } from './write-queue';

export interface StorageOptions {
  log?: StorageLog;
  queue?: Omit<WriteQueueOptions, 'log' | 'describe'>;
}

export function createSqlStorage(driver: SqlDriver, options: StorageOptions = {}): StoragePort {
  const log = options.log ?? silentStorageLog;
  let who: WriterIdentity | null = null;
  let ordersRecorded = 0;
  // The latest outcome of either path to the database: an order insert or a queue batch.
  let lastError: string | null = null;

  const identity = (): WriterIdentity => {
    if (who === null) throw new Error('storage: no session started');
    return who;
  };
  const queue = new WriteQueue(
    {
      write: (batch) => driver.transaction(batch.flatMap((write) => historyStatements(write, identity()))),
      isTransient: (err) => driver.isTransient(err),
    },
    {
      ...options.queue,
      log,
      describe: driver.describe,
      onResult: (error) => {
        lastError = error;
      },
    },
  );

  return {
    backend: driver.backend,
    location: driver.location,

    async startSession(start: SessionStart): Promise<SessionRecord> {
      if (who !== null) throw new Error('storage: a session is already started');
      await driver.run(markUncleanSessions(start.daemonId));
      const [row] = await driver.all(insertSession(start));
      const sessionId = num(row!, 'session_id');
      who = { sessionId, daemonId: start.daemonId };
      log.info({ sessionId, backend: driver.backend, location: driver.location }, 'storage session started');
      return { ...start, sessionId, stoppedMs: null, stopReason: null };
    },

    async endSession(stoppedMs: number, reason: string): Promise<void> {
      await driver.run(stopSession(identity().sessionId, stoppedMs, reason));
    },

    async recordOrder(order: NewOrder): Promise<boolean> {
      // For SQLite driver.run has committed before this line's promise exists: nothing async precedes it.
      const pending = driver.run(insertOrder(order, identity()));
      try {
        const inserted = (await pending) === 1;
        if (inserted) ordersRecorded++;
        lastError = null;
        return inserted;
      } catch (err) {
        lastError = driver.describe(err);
        throw new StorageUnavailableError(`storage: order ${order.clientOrderId} not recorded: ${lastError}`);
      }
    },

    enqueue(write: HistoryWrite): void {
      identity();
      queue.enqueue(write);
    },
    flush: () => queue.flush(),
    async close() {
      try {
        await queue.close();
      } finally {
        await driver.close();
      }
    },
    stats(): StorageStats {
      return { ...queue.stats(), ordersRecorded, lastError };
    },

    async listFills(query) {
      return toFillPage(await driver.all(fillsQuery(query)), query);
    },
    async listSettlements(scope) {
      return (await driver.all(settlementsQuery(scope))).map(toSettlementEntry);
    },
    async listOrders(query) {
      return (await driver.all(ordersQuery(query))).map(toStoredOrder);
    },
    async listSessions(query) {
      return (await driver.all(sessionsQuery(query))).map(toSession);
    },
    async realizedPnlSeries(query) {
      const [base, range] = await Promise.all([
        driver.all(pnlBaseQuery(query)),
        driver.all(pnlRangeQuery(query)),
      ]);
      return foldPnl(base, range);
    },
  };
}
