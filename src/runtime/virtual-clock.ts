// Simulated time for a whole daemon: one ordered timer queue and a clock that only moves when the driver
// says so, so a replay runs as fast as the CPU allows and fires every timer in the same order each time.
import type { Timers } from './timers';

interface Entry {
  id: number;
  at: number;
  fn: () => void;
  /** Period of an interval; 0 for a one-shot timer. */
  every: number;
}

export class VirtualClock implements Timers {
  private current: number;
  private nextId = 1;
  /** Sorted by (at, id): equal times fire in the order they were set. */
  private queue: Entry[] = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  readonly now = (): number => this.current;

  readonly setTimeout = (fn: () => void, ms: number): number => this.add(fn, ms, 0);
  readonly setInterval = (fn: () => void, ms: number): number => this.add(fn, ms, Math.max(1, ms));
  readonly clearTimeout = (handle: unknown): void => {
    const i = this.queue.findIndex((e) => e.id === handle);
    if (i >= 0) this.queue.splice(i, 1);
  };
  readonly clearInterval = this.clearTimeout;

  /** When the earliest timer is due; undefined when none is set. */
  nextAt(): number | undefined {
    return this.queue[0]?.at;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Moves the clock forward (never back) without firing anything. */
  advanceTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }

  /** Fires the earliest timer if it is due at or before `limitMs`; false when none is. */
  fireNext(limitMs: number): boolean {
    const entry = this.queue[0];
    if (entry === undefined || entry.at > limitMs) return false;
    this.queue.shift();
    this.advanceTo(entry.at);
    // An interval is re-armed before it runs, so clearing it from its own callback works; like Node's, it
    // counts from when it ran, so a late run (the clock caught up past it) shifts the ones after it.
    if (entry.every > 0) this.insert({ ...entry, at: this.current + entry.every });
    entry.fn();
    return true;
  }

  private add(fn: () => void, ms: number, every: number): number {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const id = this.nextId++;
    this.insert({ id, at: this.current + delay, fn, every });
    return id;
  }

  private insert(entry: Entry): void {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.queue[mid] as Entry;
      if (other.at < entry.at || (other.at === entry.at && other.id < entry.id)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }
}
