// Watches the books on a timer: which markets are stale (book not fresh, or nothing usable heard for
// staleMs), and the moment every market has gone silent, reported once per episode.
export interface StaleSource {
  markets(): readonly string[];
  /** The book is valid and not waiting for a snapshot. */
  isFresh(ticker: string): boolean;
  /** Receive time of the market's last applied frame, undefined if none yet. */
  lastMessageMs(ticker: string): number | undefined;
}

export interface StaleReport {
  atMs: number;
  /** Markets whose book is not fresh or that were silent for staleMs. */
  staleMarkets: string[];
  /** Markets with a fresh book heard from within staleMs. */
  liveMarkets: number;
  /** There are markets, and none delivered a usable frame within staleMs. */
  allSilent: boolean;
  /** Every market's book is fresh (vacuously true without markets). */
  allFresh: boolean;
}

export interface StaleWatcherOptions {
  intervalMs: number;
  staleMs: number;
  now: () => number;
  /** Every market went silent: once per episode, until one is heard again. */
  onStale(reason: string): void;
  /** After every periodic check. */
  onReport?(report: StaleReport): void;
}

export class StaleWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private silentEpisode = false;
  /** Markets never heard from count as silent from here (the watch start), not from the epoch. */
  private sinceMs: number;

  constructor(
    private readonly source: StaleSource,
    private readonly options: StaleWatcherOptions,
  ) {
    this.sinceMs = options.now();
  }

  start(): void {
    if (this.timer !== null) return;
    this.sinceMs = this.options.now();
    this.silentEpisode = false;
    this.timer = setInterval(() => this.check(), this.options.intervalMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** The current picture, without side effects. */
  report(): StaleReport {
    const atMs = this.options.now();
    const { staleMs } = this.options;
    const staleMarkets: string[] = [];
    let silentCount = 0;
    let freshCount = 0;
    const markets = this.source.markets();
    for (const ticker of markets) {
      const last = this.source.lastMessageMs(ticker) ?? this.sinceMs;
      const silent = atMs - Math.max(last, this.sinceMs) >= staleMs;
      const fresh = this.source.isFresh(ticker);
      if (silent) silentCount++;
      if (fresh) freshCount++;
      if (silent || !fresh) staleMarkets.push(ticker);
    }
    return {
      atMs,
      staleMarkets,
      liveMarkets: markets.length - staleMarkets.length,
      allSilent: markets.length > 0 && silentCount === markets.length,
      allFresh: freshCount === markets.length,
    };
  }

  /** One periodic check: reports, and says "stale" on the edge into all-silent. */
  check(): StaleReport {
    const report = this.report();
    if (report.allSilent && !this.silentEpisode) {
      this.silentEpisode = true;
      const n = report.staleMarkets.length;
      this.options.onStale(`no usable message for ${this.options.staleMs} ms on any of ${n} markets`);
    } else if (!report.allSilent) this.silentEpisode = false;
    this.options.onReport?.(report);
    return report;
  }
}
