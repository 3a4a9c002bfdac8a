// The trading component's view of its own health, read from the trading actor's snapshot.
import type { ComponentHealth } from '../../machines/trader.events';
import type { TradingRef } from './trading-ports';

export interface TradingProbeOptions {
  trading: TradingRef;
  now: () => number;
  syncIntervalMs: number;
  /** Sync intervals the last successful sync may be old (default 3). */
  maxSyncAgeIntervals?: number;
}

/** Healthy iff the last successful sync is at most `maxSyncAgeIntervals` intervals old. */
export function createTradingProbe(options: TradingProbeOptions): () => ComponentHealth {
  const maxAgeMs = options.syncIntervalMs * (options.maxSyncAgeIntervals ?? 3);
  return () => {
    const { lastSync, killSwitch } = options.trading.getSnapshot().context;
    if (!lastSync) return { healthy: false, detail: 'no successful sync yet' };
    const ageMs = options.now() - lastSync.atMs;
    if (ageMs > maxAgeMs)
      return { healthy: false, detail: `last successful sync ${Math.round(ageMs / 1000)} s ago` };
    // The kill switch is a deliberate stop, not a fault: shown, never unhealthy.
    return killSwitch ? { healthy: true, detail: 'kill switch on' } : { healthy: true };
  };
}
