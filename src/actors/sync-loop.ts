// The periodic REST reconciliation: every interval one fullSync, reported to the root as SYNC.DONE/FAILED
// (TRADING.FAILED when the exchange refuses the key).
import { type EventObject, fromCallback } from 'xstate';
import { isAuthError } from '../adapters/kalshi/errors';
import type { LoopInput, TraderEvent } from '../machines/trader.events';
import { type ActorLog, silentLog, type TradingService } from './trading/trading-ports';

/**
 * The next run is armed only when the previous one has finished, so runs never overlap however slow
 * the exchange is. Nothing is sent after the actor stops (a late answer is dropped).
 */
export function createSyncLoopActor(service: Pick<TradingService, 'fullSync'>, log: ActorLog = silentLog) {
  return fromCallback<EventObject, LoopInput>(({ input, sendBack }) => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = (event: TraderEvent) => {
      if (!stopped) sendBack(event);
    };

    const run = async () => {
      timer = undefined;
      try {
        const result = await service.fullSync();
        if (result.changes > 0) log.info({ changes: result.details }, 'sync applied changes');
        send({ type: 'SYNC.DONE', at: result.atMs, changes: result.changes });
      } catch (error) {
        log.warn({ err: error }, 'sync failed');
        // A refused key will not heal by retrying on the next interval: that is a critical failure now.
        send(isAuthError(error) ? { type: 'TRADING.FAILED', error } : { type: 'SYNC.FAILED', error });
      }
      schedule();
    };
    const schedule = () => {
      if (!stopped) timer = setTimeout(() => void run(), input.intervalMs);
    };

    schedule();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  });
}
