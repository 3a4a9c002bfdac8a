// Client-side token buckets mirroring Kalshi's read/write budgets, so we pace ourselves instead of eating 429s.
import { BASIC_READ_TOKENS_PER_SEC, BASIC_WRITE_TOKENS_PER_SEC, DEFAULT_REQUEST_COST } from './constants';

export type BucketKind = 'read' | 'write';

export interface BucketConfig {
  /** Tokens added per second. */
  refillRate: number;
  /** Most tokens the bucket holds (burst headroom); Kalshi reports it in `/account/limits`. */
  bucketCapacity: number;
}

export interface LimiterConfig {
  read?: Partial<BucketConfig>;
  write?: Partial<BucketConfig>;
}

export interface RateLimiterOptions extends LimiterConfig {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Metrics hook: an acquisition had to wait `waitedMs` for tokens. */
  onWait?: (kind: BucketKind, waitedMs: number) => void;
}

export interface BucketStats {
  /** Acquisitions that had to wait for tokens. */
  waits: number;
  /** Total time spent waiting, by the injected clock. */
  waitedMs: number;
  tokens: number;
  config: BucketConfig;
}

class Bucket {
  config: BucketConfig;
  tokens: number;
  lastRefill: number;
  waits = 0;
  waitedMs = 0;
  /** Tail of the FIFO chain: each acquire runs after the previous one has its tokens. */
  tail: Promise<void> = Promise.resolve();

  constructor(config: BucketConfig, now: number) {
    this.config = config;
    this.tokens = config.bucketCapacity;
    this.lastRefill = now;
  }

  refill(now: number): void {
    const elapsed = Math.max(0, now - this.lastRefill);
    this.tokens = Math.min(
      this.config.bucketCapacity,
      this.tokens + (elapsed * this.config.refillRate) / 1000,
    );
    this.lastRefill = now;
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function resolveConfig(partial: Partial<BucketConfig> | undefined, base: BucketConfig): BucketConfig {
  const refillRate = positive(partial?.refillRate) ?? base.refillRate;
  // Capacity defaults to one second of refill when only the rate is given.
  const bucketCapacity =
    positive(partial?.bucketCapacity) ??
    (partial?.refillRate !== undefined ? refillRate : base.bucketCapacity);
  return { refillRate, bucketCapacity };
}

const positive = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;

export class TokenBucketLimiter {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onWait: RateLimiterOptions['onWait'];
  private readonly buckets: Record<BucketKind, Bucket>;

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.onWait = options.onWait;
    const t = this.now();
    const basicRead = { refillRate: BASIC_READ_TOKENS_PER_SEC, bucketCapacity: BASIC_READ_TOKENS_PER_SEC };
    const basicWrite = { refillRate: BASIC_WRITE_TOKENS_PER_SEC, bucketCapacity: BASIC_WRITE_TOKENS_PER_SEC };
    this.buckets = {
      read: new Bucket(resolveConfig(options.read, basicRead), t),
      write: new Bucket(resolveConfig(options.write, basicWrite), t),
    };
  }

  /**
   * Resolves once `cost` tokens were taken from the bucket. Callers are served strictly in call
   * order per bucket, so a large request cannot be starved by a stream of small ones. A cost above
   * the capacity waits for a full bucket and then goes into debt rather than waiting forever.
   */
  acquire(kind: BucketKind, cost: number = DEFAULT_REQUEST_COST): Promise<void> {
    const bucket = this.buckets[kind];
    const turn = bucket.tail.then(() => this.take(kind, bucket, cost));
    // A failed sleep must not wedge every later caller.
    bucket.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Applies budgets from `/account/limits`; omitted fields keep their current value. */
  configure(config: LimiterConfig): void {
    for (const kind of ['read', 'write'] as const) {
      const partial = config[kind];
      if (!partial) continue;
      const bucket = this.buckets[kind];
      bucket.refill(this.now());
      bucket.config = resolveConfig(partial, bucket.config);
      bucket.tokens = Math.min(bucket.tokens, bucket.config.bucketCapacity);
    }
  }

  stats(): Record<BucketKind, BucketStats> {
    const view = (b: Bucket): BucketStats => {
      b.refill(this.now());
      return { waits: b.waits, waitedMs: b.waitedMs, tokens: b.tokens, config: { ...b.config } };
    };
    return { read: view(this.buckets.read), write: view(this.buckets.write) };
  }

  private async take(kind: BucketKind, bucket: Bucket, cost: number): Promise<void> {
    const started = this.now();
    let waited = false;
    for (;;) {
      const now = this.now();
      bucket.refill(now);
      const needed = Math.min(cost, bucket.config.bucketCapacity);
      // The epsilon absorbs float drift from fractional refills (tokens are not money; floats are fine).
      if (bucket.tokens + 1e-9 >= needed) {
        bucket.tokens -= cost;
        break;
      }
      waited = true;
      const deficit = needed - bucket.tokens;
      await this.sleep(Math.max(1, Math.ceil((deficit * 1000) / bucket.config.refillRate)));
    }
    if (waited) {
      const waitedMs = this.now() - started;
      bucket.waits++;
      bucket.waitedMs += waitedMs;
      this.onWait?.(kind, waitedMs);
    }
  }
}
