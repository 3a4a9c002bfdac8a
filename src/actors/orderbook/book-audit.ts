// The REST book audit. Kalshi's feed has no checksum, so a delta that is valid-looking but wrong (a
// changed size, a flipped side, one relabelled to another market) sticks until the next snapshot. Every
// AUDIT_INTERVAL the feed machine has this fetch the next followed markets' books in one batch read
// (round robin), and compare them with ours; a difference counts only when it holds, by the same
// amount, on the fetch AUDIT_CONFIRM later. Confirmed ones go back to the machine for a resnapshot.
import { confirmedDiffs, diffBook, type LevelDiff, type LevelsBySide } from '../../domain/book-diff';
import type { OrderbookView } from '../../domain/orderbook';
import type { AuditOutcome } from '../../machines/feed.events';
import type { StreamLog } from './orderbook-types';
import { ThrottledLog } from './throttled-log';

/** The last audit of one market. */
export interface MarketAudit {
  atMs: number;
  /** match; differs (waiting for the confirming fetch); mismatch (confirmed: resnapshotted). */
  result: 'match' | 'differs' | 'mismatch';
  /** Levels that differed on the last fetch that found a difference. */
  levels: number;
}

export interface AuditReport {
  /** Audit period in ms; 0 when the audit is off. */
  intervalMs: number;
  lastRunMs: number | null;
  mismatches: number;
  markets: Record<string, MarketAudit>;
}

export interface BookAuditDeps {
  /** One read of up to `batch` markets' REST books (GET /markets/orderbooks). */
  fetchBooks(tickers: string[]): Promise<Map<string, LevelsBySide>>;
  /** Our book of a market when it is fresh (stale books are being repaired already). */
  freshBook(ticker: string): OrderbookView | undefined;
  markets(): readonly string[];
  now: () => number;
  log: StreamLog;
  intervalMs: number;
  batch: number;
}

const MAX_LOGGED_LEVELS = 10;
const NOTHING: AuditOutcome = { suspects: 0, mismatched: [] };

export class BookAudit {
  private cursor = 0;
  /** First-fetch differences waiting for the confirming fetch. */
  private suspects = new Map<string, LevelDiff[]>();
  private readonly results = new Map<string, MarketAudit>();
  private mismatches = 0;
  private lastRunMs: number | null = null;
  private readonly failures: ThrottledLog;

  constructor(private readonly deps: BookAuditDeps) {
    this.failures = new ThrottledLog(deps.log, deps.now, 60_000);
  }

  /** The first fetch of a round: the next markets in turn with a fresh book. */
  readonly fetch = async (): Promise<AuditOutcome> => {
    this.suspects = new Map();
    const tickers = this.nextTickers();
    const rest = await this.read(tickers);
    if (rest === null) return NOTHING;
    this.lastRunMs = this.deps.now();
    for (const [ticker, levels] of rest) {
      const book = this.deps.freshBook(ticker);
      if (book === undefined) continue;
      const diffs = diffBook(levels, book);
      this.note(ticker, diffs.length === 0 ? 'match' : 'differs', diffs.length);
      if (diffs.length > 0) this.suspects.set(ticker, diffs);
    }
    return { suspects: this.suspects.size, mismatched: [] };
  };

  /** The confirming fetch: differences that held by the same amount are mismatches. */
  readonly confirm = async (): Promise<AuditOutcome> => {
    const suspects = this.suspects;
    this.suspects = new Map();
    const rest = await this.read([...suspects.keys()]);
    if (rest === null) return NOTHING;
    const mismatched: string[] = [];
    for (const [ticker, first] of suspects) {
      const levels = rest.get(ticker);
      const book = this.deps.freshBook(ticker);
      if (levels === undefined || book === undefined) continue; // resnapshotted meanwhile, or gone
      const held = confirmedDiffs(first, diffBook(levels, book));
      if (held.length === 0) {
        this.note(ticker, 'match', 0); // the feed caught up: REST was only ahead of it
        continue;
      }
      mismatched.push(ticker);
      this.mismatches++;
      this.note(ticker, 'mismatch', held.length);
      this.deps.log.warn(
        { ticker, levels: held.slice(0, MAX_LOGGED_LEVELS), differing: held.length },
        'book differs from the exchange on two fetches; resnapshotting',
      );
    }
    return { suspects: 0, mismatched };
  };

  report(): AuditReport {
    return {
      intervalMs: this.deps.intervalMs,
      lastRunMs: this.lastRunMs,
      mismatches: this.mismatches,
      markets: Object.fromEntries(this.results),
    };
  }

  private nextTickers(): string[] {
    const markets = this.deps.markets();
    this.forgetUnfollowed(markets);
    const fresh = markets.filter((t) => this.deps.freshBook(t) !== undefined);
    if (fresh.length <= this.deps.batch) return fresh;
    const start = this.cursor % fresh.length;
    this.cursor = start + this.deps.batch;
    return [...fresh, ...fresh].slice(start, start + this.deps.batch);
  }

  /** Rolling discovery replaces markets for weeks: only the followed ones' results stay in the report. */
  private forgetUnfollowed(markets: readonly string[]): void {
    if (this.results.size === 0) return;
    const followed = new Set(markets);
    for (const ticker of this.results.keys()) if (!followed.has(ticker)) this.results.delete(ticker);
  }

  private async read(tickers: string[]): Promise<Map<string, LevelsBySide> | null> {
    if (tickers.length === 0) return null;
    try {
      return await this.deps.fetchBooks(tickers);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.failures.warn(() => ({ markets: tickers.length, reason }), 'book audit fetch failed');
      return null;
    }
  }

  private note(ticker: string, result: MarketAudit['result'], levels: number): void {
    this.results.set(ticker, { atMs: this.deps.now(), result, levels });
  }
}
