// The sync loop's effects: one fullSync per run (logged) and the rule that a refused key is a critical
// failure (TRADING.FAILED) rather than one more SYNC.FAILED. The sync-loop machine owns the interval.
import { fromPromise } from 'xstate';
import { isAuthError } from '../adapters/kalshi/errors';
import { syncLoopMachine } from '../machines/sync-loop.machine';
import type { SyncRecord } from '../machines/trader.events';
import { type ActorLog, silentLog, type TradingService } from './trading/trading-ports';

export function createSyncLoopActor(service: Pick<TradingService, 'fullSync'>, log: ActorLog = silentLog) {
  return syncLoopMachine.provide({
    actors: {
      fullSync: fromPromise<SyncRecord>(async () => {
        try {
          const result = await service.fullSync();
          if (result.changes > 0) log.info({ changes: result.details }, 'sync applied changes');
          return { atMs: result.atMs, changes: result.changes };
        } catch (error) {
          log.warn({ err: error }, 'sync failed');
          throw error;
        }
      }),
    },
    guards: { keyRefused: (_, error) => isAuthError(error) },
  });
}
