// Kalshi's token-bucket rate limits as the simulator enforces them: a read and a write bucket per API
// key, refilled continuously, each request costing tokens (10 by default, 2 per order in a batch cancel).

export interface BucketLimit {
  /** Tokens added per second. */
  refillRate: number;
  /** Most tokens the bucket holds (Basic tier: one second of refill). */
  bucketCapacity: number;
}

export interface SimRateLimits {
  /** false turns limiting off (load tests). */
  enabled: boolean;
  usageTier: string;
  read: BucketLimit;
  write: BucketLimit;
  defaultCost: number;
  batchCancelCostPerOrder: number;
}

/** Basic tier: 200 read / 100 write tokens per second, cost 10 → 20 reads and 10 writes per second. */
export const BASIC_LIMITS: SimRateLimits = {
  enabled: true,
  usageTier: 'basic',
  read: { refillRate: 200, bucketCapacity: 200 },
  write: { refillRate: 100, bucketCapacity: 100 },
  defaultCost: 10,
  batchCancelCostPerOrder: 2,
};

export type BucketKind = 'read' | 'write';

export interface SimRateLimitOptions {
  enabled?: boolean;
  usageTier?: string;
  read?: Partial<BucketLimit>;
  write?: Partial<BucketLimit>;
  defaultCost?: number;
  batchCancelCostPerOrder?: number;
}

export interface SimRateLimiter {
  readonly limits: SimRateLimits;
  /** Spends `cost` tokens from `key`'s bucket if it has them; false means answer 429. */
  take(key: string, kind: BucketKind, cost: number): boolean;
}

export function resolveLimits(opts: SimRateLimitOptions | false | undefined): SimRateLimits {
  if (opts === false) return { ...BASIC_LIMITS, enabled: false };
  const read = { ...BASIC_LIMITS.read, ...opts?.read };
  const write = { ...BASIC_LIMITS.write, ...opts?.write };
  // A raised refill rate without an explicit capacity keeps Basic's "one second of budget" shape.
  if (opts?.read?.refillRate !== undefined && opts.read.bucketCapacity === undefined)
    read.bucketCapacity = read.refillRate;
  if (opts?.write?.refillRate !== undefined && opts.write.bucketCapacity === undefined) {
    write.bucketCapacity = write.refillRate;
  }
  return {
    enabled: opts?.enabled ?? true,
    usageTier: opts?.usageTier ?? BASIC_LIMITS.usageTier,
    read,
    write,
    defaultCost: opts?.defaultCost ?? BASIC_LIMITS.defaultCost,
    batchCancelCostPerOrder: opts?.batchCancelCostPerOrder ?? BASIC_LIMITS.batchCancelCostPerOrder,
  };
}

export function createSimRateLimiter(
  opts: SimRateLimitOptions | false | undefined,
  now: () => number,
): SimRateLimiter {
  const limits = resolveLimits(opts);
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    limits,
    take(key, kind, cost) {
      if (!limits.enabled) return true;
      const limit = limits[kind];
      const id = `${kind}:${key}`;
      const nowMs = now();
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = { tokens: limit.bucketCapacity, atMs: nowMs };
        buckets.set(id, bucket);
      }
      const elapsed = Math.max(0, nowMs - bucket.atMs);
      bucket.tokens = Math.min(limit.bucketCapacity, bucket.tokens + (elapsed * limit.refillRate) / 1000);
      bucket.atMs = nowMs;
      if (bucket.tokens < cost) return false;
      bucket.tokens -= cost;
      return true;
    },
  };
}
