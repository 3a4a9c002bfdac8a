// Logs a recurring problem once per window with the count since the last line, so a burst of bad
// frames or failing listeners costs one log line, not one per occurrence.
import type { StreamLog } from './orderbook-types';

export class ThrottledLog {
  private lastMs = Number.NEGATIVE_INFINITY;
  private pending = 0;

  constructor(
    private readonly log: StreamLog,
    private readonly now: () => number,
    private readonly windowMs = 10_000,
  ) {}

  /** Counts one occurrence; logs (with the count) only when the window has passed. */
  warn(context: () => object, msg: string): void {
    this.pending++;
    const nowMs = this.now();
    if (nowMs - this.lastMs < this.windowMs) return;
    this.lastMs = nowMs;
    const count = this.pending;
    this.pending = 0;
    this.log.warn({ ...context(), count }, msg);
  }
}
