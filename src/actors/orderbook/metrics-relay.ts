// Turns the stream's counters into metrics hook calls (one per counter that moved, with the increment)
// by diffing them on the publish tick, so the per-frame path carries no metrics work at all.
import type { OrderbookMetricsHooks } from './orderbook-types';

export interface RelayedCounters {
  gaps: number;
  duplicates: number;
  malformed: number;
  resyncs: number;
}

const call = (hook: ((count: number) => void) | undefined, count: number): void => {
  if (hook !== undefined && count > 0) hook(count);
};

export class MetricsRelay {
  private seen: RelayedCounters = { gaps: 0, duplicates: 0, malformed: 0, resyncs: 0 };
  private seenFrames = new Map<string, number>();

  constructor(private readonly hooks: OrderbookMetricsHooks | undefined) {}

  /** Reports what changed since the last call. `frames` are per-type totals of the current source. */
  flush(counters: RelayedCounters, frames: Record<string, number> | undefined): void {
    const hooks = this.hooks;
    if (hooks === undefined) return;
    const seen = this.seen;
    call(hooks.onGap, counters.gaps - seen.gaps);
    call(hooks.onDuplicate, counters.duplicates - seen.duplicates);
    call(hooks.onMalformed, counters.malformed - seen.malformed);
    call(hooks.onResync, counters.resyncs - seen.resyncs);
    this.seen = { ...counters };
    if (frames === undefined || hooks.onFrame === undefined) return;
    for (const type in frames) {
      const total = frames[type] ?? 0;
      const before = this.seenFrames.get(type) ?? 0;
      if (total > before) hooks.onFrame(type, total - before);
      this.seenFrames.set(type, total);
    }
  }

  /** The frame source restarts from zero (a new session): forget its per-type totals. */
  resetFrames(): void {
    this.seenFrames = new Map();
  }
}
