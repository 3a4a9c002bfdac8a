// Opens the daemon's history before anything else starts: the configured storage (SQLite under
// V3_DATA_DIR, or PostgreSQL at V3_DATABASE_URL), migrated, and this run's session row. A database that
// cannot be used rejects with a one-line StorageError (main exits 2 with it).
import { randomUUID } from 'node:crypto';
import { DAEMON_ORDER_PREFIX } from '../actors/trading/trading-types';
import { openStorage } from '../adapters/storage';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { StorageSession } from './storage-wiring';

export async function openHistory(config: Config, log: Logger, now: () => number): Promise<StorageSession> {
  const { dataDir, databaseUrl, daemonId } = config.storage;
  const port = await openStorage({
    dataDir,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    log: log.child({ actor: 'storage' }),
  });
  try {
    const session = await port.startSession({
      uuid: randomUUID(),
      daemonId,
      orderPrefix: DAEMON_ORDER_PREFIX,
      startedMs: now(),
      exchange:
        config.exchange.mode === 'simulator' ? 'simulator' : new URL(config.exchange.apiUrl ?? '').host,
    });
    return { port, session };
  } catch (err) {
    await port.close().catch(() => undefined);
    throw err;
  }
}

/** The session's end, then the database released; the queue was flushed by the shutdown procedure. */
export async function closeHistory(s: StorageSession, now: () => number, reason: string): Promise<void> {
  try {
    await s.port.endSession(now(), reason);
  } finally {
    await s.port.close();
  }
}
