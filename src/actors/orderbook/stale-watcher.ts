// Which markets are stale (book not fresh, or nothing usable heard for staleMs), and the edges of
// "every market silent" for the feed machine. It keeps no timer: the machine's STALE_CHECK calls check().
export interface StaleSource {
  markets(): readonly string[];
  /** The book is valid and not waiting for a snapshot. */
  isFresh(ticker: string): boolean;
  /** Receive time of the market's last applied frame (up to one publish interval early), undefined if none yet. */
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
  staleMs: number;
  now: () => number;
  /** Every market went silent: once per episode, until one is heard again. */
  onSilent(reason: string): void;
  /** A market was heard again after all had gone silent. */
  onHeard(): void;
}

export class StaleWatcher {
  private silentEpisode = false;
  /** Markets never heard from count as silent from here (the watch start), not from the epoch. */
  private sinceMs: number;

  constructor(
    private readonly source: StaleSource,
    private readonly options: StaleWatcherOptions,
  ) {
    this.sinceMs = options.now();
  }

  /** Why every market is silent, while it is (said by check(), until one is heard); else null. */
  get silence(): string | null {
    return this.silentEpisode ? this.reason() : null;
  }

  /** A new socket: silence is measured from now. */
  restart(): void {
    this.sinceMs = this.options.now();
    this.silentEpisode = false;
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

  /** One periodic check: says "silent" on the edge into all-silent and "heard" on the way out. */
  check(): StaleReport {
    const report = this.report();
    if (report.allSilent && !this.silentEpisode) {
      this.silentEpisode = true;
      this.options.onSilent(this.reason());
    } else if (!report.allSilent && this.silentEpisode) {
      this.silentEpisode = false;
      this.options.onHeard();
    }
    return report;
  }

  private reason(): string {
    const n = this.source.markets().length;
    return `no usable message for ${this.options.staleMs} ms on any of ${n} markets`;
  }
}
