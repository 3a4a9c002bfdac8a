// Collapses bursts of one kind of activity line (a strategy acting many times a second, intents dropped
// under slow REST): the first of a burst goes out at once, the rest are counted and told in one summary
// line when the window closes. The statechart and the metrics still see every one.
export interface CollapserOptions {
  windowMs: number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  schedule?: (ms: number, fn: () => void) => () => void;
}

const unrefTimeout = (ms: number, fn: () => void) => {
  const timer = setTimeout(fn, ms);
  // A pending summary never holds the process open at shutdown.
  timer.unref?.();
  return () => clearTimeout(timer);
};

export function createCollapser(options: CollapserOptions) {
  const schedule = options.schedule ?? unrefTimeout;
  const bursts = new Map<string, { more: number; summary: (more: number) => void; cancel: () => void }>();
  return {
    /** `first` runs unless a burst of `key` is open; then `summary(n)` tells the n others when it closes. */
    add(key: string, first: () => void, summary: (more: number) => void): void {
      const open = bursts.get(key);
      if (open) {
        open.more++;
        open.summary = summary;
        return;
      }
      first();
      const burst = { more: 0, summary, cancel: () => {} };
      bursts.set(key, burst);
      burst.cancel = schedule(options.windowMs, () => {
        bursts.delete(key);
        if (burst.more > 0) burst.summary(burst.more);
      });
    },
    /** Drops open bursts without their summaries. */
    stop(): void {
      for (const burst of bursts.values()) burst.cancel();
      bursts.clear();
    },
  };
}

export type Collapser = ReturnType<typeof createCollapser>;
