// Feeds the Prometheus metrics from what the actors and adapters already count: counters are advanced by
// the difference since the last look, so nothing is counted twice and no second tally is kept.
import type { TradingCounters } from '../actors/trading/trading-types';
import type { BucketStats } from '../adapters/kalshi/rate-limiter';
import type { DaemonMetrics } from '../server/metrics';

type Kind = 'read' | 'write';

/** Advances the rate-limit wait counters from the limiter's own stats. */
export function rateLimitRecorder(metrics: DaemonMetrics, stats: () => Record<Kind, BucketStats>) {
  const seen: Record<Kind, { waits: number; waitedMs: number }> = {
    read: { waits: 0, waitedMs: 0 },
    write: { waits: 0, waitedMs: 0 },
  };
  return () => {
    const now = stats();
    for (const kind of ['read', 'write'] as const) {
      const s = now[kind];
      const last = seen[kind];
      if (s.waits > last.waits) metrics.rateLimitWaits.inc({ bucket: kind }, s.waits - last.waits);
      if (s.waitedMs > last.waitedMs) {
        metrics.rateLimitWaitSeconds.inc({ bucket: kind }, (s.waitedMs - last.waitedMs) / 1000);
      }
      seen[kind] = { waits: s.waits, waitedMs: s.waitedMs };
    }
  };
}

const OUTCOMES: Array<[keyof TradingCounters, string]> = [
  ['submitted', 'submitted'],
  ['accepted', 'accepted'],
  ['rejected', 'rejected'],
  ['unknown', 'unknown'],
  ['blocked', 'blocked_by_risk'],
  ['fills', 'filled'],
];

/** Advances order-outcome counters from the trading actor's counters. */
export function orderOutcomeRecorder(metrics: DaemonMetrics) {
  let last: TradingCounters | null = null;
  return (counters: TradingCounters) => {
    if (counters === last) return;
    for (const [key, outcome] of OUTCOMES) {
      const diff = counters[key] - (last?.[key] ?? 0);
      if (diff > 0) metrics.orderOutcomes.inc({ outcome }, diff);
    }
    last = counters;
  };
}

/** Wraps a sync so its duration lands in the sync histogram, labelled by result. */
export function timedSync<T>(metrics: DaemonMetrics, now: () => number, sync: () => Promise<T>) {
  return async (): Promise<T> => {
    const started = now();
    try {
      const result = await sync();
      metrics.syncDuration.observe({ result: 'ok' }, (now() - started) / 1000);
      return result;
    } catch (err) {
      metrics.syncDuration.observe({ result: 'failed' }, (now() - started) / 1000);
      throw err;
    }
  };
}
