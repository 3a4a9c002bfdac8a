// A per-connection token bucket for client frames: a burst is fine, a sustained flood is not.

export interface FrameBudgetOptions {
  /** Frames per second a client may keep sending. */
  perSecond: number;
  /** Frames a client may send at once after a quiet spell. */
  burst: number;
}

/** Generous for a console (a subscribe per new market, a pong per heartbeat) and for scripts. */
export const DEFAULT_FRAME_BUDGET: FrameBudgetOptions = { perSecond: 20, burst: 60 };

export class FrameBudget {
  private tokens: number;

  constructor(
    private readonly opts: FrameBudgetOptions,
    private at: number,
  ) {
    this.tokens = opts.burst;
  }

  /** Spends one frame's token at time `now`; false once the client has run out. */
  take(now: number): boolean {
    const refill = (Math.max(0, now - this.at) * this.opts.perSecond) / 1000;
    this.tokens = Math.min(this.opts.burst, this.tokens + refill);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
