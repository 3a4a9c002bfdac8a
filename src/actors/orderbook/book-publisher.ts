// Coalesced book publication: a timer drains the store's dirty set every interval, so a market is
// published at most once per interval however many deltas hit it, and ingestion never waits on readers.
// Interval 0 means every change: the drain runs right after the I/O turn whose frames changed a book
// (setImmediate), coalescing only frames that arrived together, with no timer's millisecond in between.
import type { OrderbookView } from '../../domain/orderbook';
import { startGridTicker } from '../../runtime/grid-ticker';
import { REAL_TIMERS, type Timers } from '../../runtime/timers';
import type { BookListener, BookMeta, BookUpdate, StreamCounters, StreamLog } from './orderbook-types';
import { ThrottledLog } from './throttled-log';

/** The store side the publisher needs (BookStore.drainDirty). */
export interface DirtySource {
  drainDirty(visit: (ticker: string, book: OrderbookView) => void): number;
}

/** With interval 0 the timer only relays metrics (onTick); publication follows changed(). */
const METRICS_TICK_MS = 100;

export interface PublisherOptions {
  intervalMs: number;
  now: () => number;
  log: StreamLog;
  counters: Pick<StreamCounters, 'publications' | 'listenerErrors'>;
  /** Runs after each drain (the stream relays counter diffs to metrics here). */
  onTick?(): void;
  /** The publish tick's timer; real timers by default. */
  timers?: Timers;
}

export function bookMeta(book: OrderbookView): BookMeta {
  return {
    seq: book.seq < 0 ? null : book.seq,
    stale: !book.fresh,
    updatedMs: book.updatedTsMs > 0 ? book.updatedTsMs : null,
  };
}

export class BookPublisher {
  private readonly listeners = new Set<BookListener>();
  private stopTicker: (() => void) | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private readonly errorLog: ThrottledLog;

  constructor(
    private readonly source: DirtySource,
    private readonly options: PublisherOptions,
  ) {
    this.errorLog = new ThrottledLog(options.log, options.now);
  }

  get running(): boolean {
    return this.stopTicker !== null;
  }

  /** Adds a listener; returns the unsubscribe function. */
  subscribe(listener: BookListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    if (this.stopTicker !== null) return;
    const { timers = REAL_TIMERS, now, intervalMs } = this.options;
    // Interval 0 publishes on change (see changed()); the ticker then only keeps the metrics moving.
    const period = intervalMs > 0 ? intervalMs : METRICS_TICK_MS;
    this.stopTicker = startGridTicker(timers, now, period, () => this.tick());
  }

  stop(): void {
    this.stopTicker?.();
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.stopTicker = null;
    this.immediate = null;
  }

  /** Ingestion changed a book. With interval 0, schedules a drain after this I/O turn (once per turn). */
  changed(): void {
    if (this.immediate !== null || this.stopTicker === null || this.options.intervalMs > 0) return;
    this.immediate = setImmediate(this.drainNow);
  }

  private readonly drainNow = (): void => {
    this.immediate = null;
    this.flush();
  };

  /** Publishes every market changed since the last drain, once each; returns how many. */
  flush(): number {
    return this.source.drainDirty(this.visit);
  }

  private tick(): void {
    this.flush();
    this.options.onTick?.();
  }

  // Bound once: the drain runs every interval and must not allocate a closure each time.
  private readonly visit = (ticker: string, book: OrderbookView): void => {
    if (this.listeners.size === 0) return;
    const update: BookUpdate = { ticker, book, meta: bookMeta(book) };
    this.options.counters.publications++;
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (err) {
        this.listenerFailed(ticker, err);
      }
    }
  };

  private listenerFailed(ticker: string, err: unknown): void {
    this.options.counters.listenerErrors++;
    this.errorLog.warn(() => ({ err, ticker }), 'book listener threw; publication goes on');
  }
}
