// Reconnect delays for the WS client: capped exponential backoff with full jitter, random injected.

export interface BackoffOptions {
  /** Ceiling of the first delay. */
  initialMs: number;
  /** No delay ever exceeds this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): uniform in [0, min(maxMs, initialMs·2^attempt)).
 * Full jitter spreads a fleet of clients that lost the same server instead of having them return
 * in lock-step. `random` returns [0, 1) like Math.random.
 */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exp = Math.min(Math.max(attempt, 0), 30); // 2^30 already dwarfs any sane cap
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** exp);
  const r = random();
  const unit = r >= 0 && r < 1 ? r : 0; // a misbehaving random source must not produce NaN timers
  return Math.floor(unit * ceiling);
}

/** Counts consecutive failed attempts; `reset()` once a connection has proved healthy. */
export class ReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number,
  ) {}

  /** The delay for the next attempt, advancing the counter. */
  next(): { attempt: number; delayMs: number } {
    const attempt = this.attempt;
    this.attempt++;
    return { attempt, delayMs: fullJitterDelay(attempt, this.options, this.random) };
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
