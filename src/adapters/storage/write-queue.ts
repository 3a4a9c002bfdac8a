// The one batched write queue: history writes wait here and are committed together, at most every
// flush interval, off the caller's path. A full queue drops only what the exchange can give back.
import type { StorageStats } from '../../domain/storage-port';
import { type HistoryWrite, type HistoryWriteKind, REBUILDABLE_WRITES } from '../../domain/storage-records';
import { describeError, StorageUnavailableError } from './storage-errors';
import { type StorageLog, silentStorageLog } from './storage-log';

export interface QueueSink {
  /** Commits the batch in one transaction; rejects and commits nothing on failure. */
  write(batch: readonly HistoryWrite[]): Promise<void>;
  /** True when the failure may pass (database unreachable, busy); false for a write it refuses. */
  isTransient(err: unknown): boolean;
}

/** Runs `fn` after `ms`; returns the cancel function. Injected so tests decide when a flush happens. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface WriteQueueOptions {
  /** A batch is written at most this often (ms). */
  flushIntervalMs?: number;
  /** Writes per transaction. */
  maxBatch?: number;
  /** Writes held before rebuildable ones are dropped. */
  capacity?: number;
  /** Retry delay ceiling while the database is unreachable (ms). */
  maxRetryDelayMs?: number;
  schedule?: Schedule;
  log?: StorageLog;
  /** Error text for logs and stats, secrets removed. */
  describe?: (err: unknown) => string;
  /** Told after each attempt: null when a batch committed, the error text when the database was unreachable. */
  onResult?: (error: string | null) => void;
}

export const QUEUE_DEFAULTS = {
  flushIntervalMs: 200,
  maxBatch: 500,
  capacity: 20_000,
  maxRetryDelayMs: 30_000,
};

const timerSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  // A pending flush must not keep a finished process alive: shutdown calls close(), which flushes.
  timer.unref();
  return () => clearTimeout(timer);
};

export type QueueStats = Omit<StorageStats, 'ordersRecorded'>;

export class WriteQueue {
  private readonly pending: HistoryWrite[] = [];
  private readonly opts: typeof QUEUE_DEFAULTS;
  private readonly schedule: Schedule;
  private readonly log: StorageLog;
  private readonly describe: (err: unknown) => string;
  private readonly onResult: (error: string | null) => void;
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private dropping = false;
  private closed = false;
  private readonly counts: QueueStats = {
    queued: 0,
    written: 0,
    batches: 0,
    dropped: {},
    rejected: 0,
    flushErrors: 0,
    lastError: null,
  };

  constructor(
    private readonly sink: QueueSink,
    options: WriteQueueOptions = {},
  ) {
    this.opts = {
      flushIntervalMs: options.flushIntervalMs ?? QUEUE_DEFAULTS.flushIntervalMs,
      maxBatch: options.maxBatch ?? QUEUE_DEFAULTS.maxBatch,
      capacity: options.capacity ?? QUEUE_DEFAULTS.capacity,
      maxRetryDelayMs: options.maxRetryDelayMs ?? QUEUE_DEFAULTS.maxRetryDelayMs,
    };
    this.schedule = options.schedule ?? timerSchedule;
    this.log = options.log ?? silentStorageLog;
    this.describe = options.describe ?? ((err) => describeError(err));
    this.onResult = options.onResult ?? (() => undefined);
  }

  /**
   * Never blocks. When `capacity` writes wait (the database is slow or unreachable), order updates,
   * fills and snapshots are dropped and counted: reconciliation reads them back from the exchange.
   * Transitions and intents exist nowhere else, so they are always kept.
   */
  enqueue(write: HistoryWrite): void {
    if (this.closed) {
      this.drop(write.kind, 'storage closed: write dropped');
      return;
    }
    if (this.pending.length >= this.opts.capacity && REBUILDABLE_WRITES.has(write.kind)) {
      this.drop(write.kind, 'storage queue full: dropping writes the exchange can rebuild');
      return;
    }
    this.pending.push(write);
    this.arm(this.opts.flushIntervalMs);
  }

  /** Writes everything queued so far (and anything queued meanwhile). Rejects while unreachable. */
  async flush(): Promise<void> {
    if (this.running) await this.running.catch(() => undefined);
    this.disarm();
    if (this.pending.length > 0) await this.round();
  }

  /** A last flush; later writes are dropped. Rejects (after closing) if the flush failed. */
  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.flush();
    } finally {
      this.disarm();
    }
  }

  stats(): QueueStats {
    return { ...this.counts, queued: this.pending.length, dropped: { ...this.counts.dropped } };
  }

  private arm(delayMs: number): void {
    if (this.cancelTimer !== null || this.running !== null) return;
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.round().catch(() => undefined); // counted and logged in writeAll; retried by the re-arm
    }, delayMs);
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private round(): Promise<void> {
    this.running ??= this.writeAll().finally(() => {
      this.running = null;
      if (this.pending.length > 0 && !this.closed) {
        const backoff = this.opts.flushIntervalMs * 2 ** Math.min(this.failures, 16);
        this.arm(
          this.failures === 0 ? this.opts.flushIntervalMs : Math.min(backoff, this.opts.maxRetryDelayMs),
        );
      }
    });
    return this.running;
  }

  /** Batches from the front until the queue is empty; writes appended meanwhile are included. */
  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.opts.maxBatch);
      try {
        await this.sink.write(batch);
        this.pending.splice(0, batch.length);
        this.counts.written += batch.length;
        this.counts.batches++;
      } catch (err) {
        if (this.sink.isTransient(err)) throw this.failed(err);
        await this.writeOneByOne(batch.length);
      }
      this.recovered();
    }
  }

  /** A batch the database refused: write its entries alone, and drop only the ones it refuses. */
  private async writeOneByOne(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const write = this.pending[0]!;
      try {
        await this.sink.write([write]);
        this.counts.written++;
        this.counts.batches++;
      } catch (err) {
        if (this.sink.isTransient(err)) throw this.failed(err);
        this.counts.rejected++;
        this.log.error({ kind: write.kind, err: this.describe(err) }, 'storage refused a write; dropped');
      }
      this.pending.shift();
    }
  }

  private failed(err: unknown): StorageUnavailableError {
    const text = this.describe(err);
    this.failures++;
    this.counts.flushErrors++;
    this.counts.lastError = text;
    this.onResult(text);
    const context = { err: text, queued: this.pending.length, attempt: this.failures };
    if (this.failures === 1) this.log.warn(context, 'storage write failed; keeping the batch and retrying');
    else this.log.debug(context, 'storage write failed again');
    return new StorageUnavailableError(`storage: flush failed: ${text}`);
  }

  private recovered(): void {
    if (this.failures > 0) this.log.info({ attempts: this.failures }, 'storage writes resumed');
    this.failures = 0;
    this.counts.lastError = null;
    this.onResult(null);
    if (this.dropping && this.pending.length < this.opts.capacity / 2) {
      this.dropping = false;
      this.log.info({ dropped: this.counts.dropped }, 'storage queue has room again');
    }
  }

  private drop(kind: HistoryWriteKind, message: string): void {
    this.counts.dropped[kind] = (this.counts.dropped[kind] ?? 0) + 1;
    if (!this.dropping) this.log.warn({ kind, queued: this.pending.length }, message);
    this.dropping = true;
  }
}
