// Turns the stream's counters into metrics hook calls (one per counter that moved, with the increment)
// by diffing them on the publish tick, so the per-frame path carries no metrics work at all.
import type { OrderbookMetricsHooks } from './orderbook-types';

export interface RelayedCounters {
  gaps: number;
  duplicates: number;
  malformed: number;
  resyncs: number;
  foreign: number;
  unsubscribed: number;
  auditMismatches: number;
}

const HOOKS: ReadonlyArray<[keyof RelayedCounters, Exclude<keyof OrderbookMetricsHooks, 'onFrame'>]> = [
  ['gaps', 'onGap'],
  ['duplicates', 'onDuplicate'],
  ['malformed', 'onMalformed'],
  ['resyncs', 'onResync'],
  ['foreign', 'onForeign'],
  ['unsubscribed', 'onUnsubscribed'],
  ['auditMismatches', 'onAuditMismatch'],
];

export class MetricsRelay {
  private seen: RelayedCounters = {
    gaps: 0,
    duplicates: 0,
    malformed: 0,
    resyncs: 0,
    foreign: 0,
    unsubscribed: 0,
    auditMismatches: 0,
  };
  private readonly seenFrames = new Map<string, number>();

  constructor(private readonly hooks: OrderbookMetricsHooks | undefined) {}

  /** Reports what changed since the last call. `frames` are per-type totals since the stream began. */
  flush(counters: RelayedCounters, frames: Record<string, number>): void {
    const hooks = this.hooks;
    if (hooks === undefined) return;
    for (const [key, hook] of HOOKS) {
      const n = counters[key] - this.seen[key];
      if (n > 0) hooks[hook]?.(n);
    }
    this.seen = { ...counters };
    if (hooks.onFrame === undefined) return;
    for (const type in frames) {
      const total = frames[type] ?? 0;
      const n = total - (this.seenFrames.get(type) ?? 0);
      if (n > 0) hooks.onFrame(type, n);
      this.seenFrames.set(type, total);
    }
  }
}
