// The books' side of the resync ladder (the feed machine times it): which sids have stale books, which
// need snapshots asked for, the get_snapshot requests in flight (one per sid, later gaps folded into one
// follow-up) and the resubscribes; and the two facts the machine waits for, BOOKS.STALE and BOOKS.FRESH.
import type { FeedEvent } from '../../machines/feed.events';
import type { StreamCounters, StreamLog } from './orderbook-types';

export interface RepairPort {
  /** Markets of the sid whose books wait for a snapshot. */
  staleTickers(sid: number): string[];
  /** Every followed market's book is fresh (orphans of a lost sid included). */
  allFresh(): boolean;
  /** update_subscription get_snapshot; settles when answered (or failed). */
  requestSnapshots(sid: number, tickers: string[]): Promise<unknown>;
  /** Subscribes the sid's logical subscription afresh; false when no subscription of ours owns it. */
  resubscribe(sid: number): boolean;
  send(event: FeedEvent): void;
}

interface Episode {
  inFlight: boolean;
  /** A new gap arrived while a request was in flight: ask again when it is answered. */
  again: boolean;
  startedMs: number;
  requests: number;
}

const errorKind = (err: unknown): string | undefined => (err as { kind?: string } | null)?.kind;
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class BookRepair {
  /** Sids whose books may be stale (loading or repairing): checked on their snapshots. */
  private readonly pending = new Set<number>();
  /** Sids whose books need snapshots asked for. */
  private readonly episodes = new Map<number, Episode>();
  /** Sids seen waiting with nothing asked for at the last check. */
  private suspects = new Set<number>();
  /** BOOKS.FRESH was said and nothing went stale since. */
  private fresh = false;

  constructor(
    private readonly port: RepairPort,
    private readonly options: {
      now: () => number;
      log: StreamLog;
      counters: Pick<StreamCounters, 'resyncs' | 'resubscribes'>;
    },
  ) {}

  get inFlight(): number {
    return this.episodes.size;
  }

  isRepairing(sid: number): boolean {
    return this.episodes.has(sid);
  }

  /** A new sid's books wait for their first snapshots: nothing to ask for yet. */
  loading(sid: number): void {
    this.pending.add(sid);
    this.fresh = false;
  }

  /** The sid's books need snapshots (a gap, a bad book, a snapshot that never came). */
  needs(sid: number): void {
    this.loading(sid);
    const episode = this.episodes.get(sid);
    if (episode === undefined) {
      this.episodes.set(sid, { inFlight: false, again: false, startedMs: this.options.now(), requests: 0 });
      this.port.send({ type: 'BOOKS.STALE' });
    } else if (episode.inFlight) episode.again = true;
    else this.port.send({ type: 'BOOKS.STALE' });
  }

  /** A snapshot of `sid` was applied: the hot path's only call here, a no-op while all is fresh. */
  onSnapshot(sid: number): void {
    if (this.pending.size === 0 || !this.pending.has(sid)) return;
    if (this.port.staleTickers(sid).length > 0) return;
    this.pending.delete(sid);
    const episode = this.episodes.get(sid);
    if (episode !== undefined) {
      this.episodes.delete(sid);
      const tookMs = this.options.now() - episode.startedMs;
      this.options.log.info({ sid, tookMs, requests: episode.requests }, 'books resynced');
    }
    if (this.pending.size === 0) this.sayIfFresh();
  }

  /**
   * Says BOOKS.FRESH when nothing is pending and every book is fresh: on the edge, or with `again`
   * whenever the machine has just started waiting for it (subscriptions complete, a market heard).
   */
  sayIfFresh(again = false): void {
    if ((this.fresh && !again) || this.pending.size > 0 || !this.port.allFresh()) return;
    this.fresh = true;
    this.port.send({ type: 'BOOKS.FRESH' });
  }

  /** Rung one: get_snapshot for every sid in need, one request in flight per sid. */
  requestSnapshots(): void {
    for (const [sid, episode] of this.episodes) if (!episode.inFlight) this.request(sid, episode);
  }

  /** Rung two: subscribe afresh every sid in need (their books wait for the new sids' snapshots). */
  resubscribeStale(): void {
    for (const sid of [...this.episodes.keys()]) {
      this.forget(sid);
      this.options.counters.resubscribes++;
      this.options.log.warn({ sid }, 'books not resynced in time; resubscribing');
      if (!this.port.resubscribe(sid)) {
        this.port.send({ type: 'REPAIR.FAILED', reason: `no subscription owns sid ${sid}` });
      }
    }
  }

  /** Periodic: a sid waiting for snapshots at two checks in a row with nothing asked for is stuck. */
  check(): void {
    const suspects = new Set<number>();
    for (const sid of this.pending) {
      if (this.episodes.has(sid) || this.port.staleTickers(sid).length === 0) continue;
      if (this.suspects.has(sid)) this.needs(sid);
      else suspects.add(sid);
    }
    this.suspects = suspects;
    if (this.pending.size === 0) this.sayIfFresh();
  }

  /** The sid is gone (resubscribed, unsubscribed): nothing more to wait for on it. */
  forget(sid: number): void {
    this.pending.delete(sid);
    this.episodes.delete(sid);
  }

  /** A new socket or a stop: everything starts over. */
  clear(): void {
    this.pending.clear();
    this.episodes.clear();
    this.suspects.clear();
    this.fresh = false;
  }

  private request(sid: number, episode: Episode): void {
    const tickers = this.port.staleTickers(sid);
    if (tickers.length === 0) return;
    episode.inFlight = true;
    episode.again = false;
    episode.requests++;
    this.options.counters.resyncs++;
    this.port.requestSnapshots(sid, tickers).then(
      () => this.answered(sid, episode),
      (err: unknown) => this.failed(sid, episode, err),
    );
  }

  private answered(sid: number, episode: Episode): void {
    if (this.episodes.get(sid) !== episode) return;
    episode.inFlight = false;
    // Still stale: a gap during the request asks again; otherwise the machine's timeout decides.
    if (episode.again) this.request(sid, episode);
  }

  private failed(sid: number, episode: Episode, err: unknown): void {
    if (this.episodes.get(sid) !== episode) return;
    episode.inFlight = false;
    const kind = errorKind(err);
    // The socket is gone: the new one re-snapshots everything, nothing to climb.
    if (kind === 'closed' || kind === 'not_connected') return;
    this.port.send({ type: 'REPAIR.FAILED', reason: `get_snapshot of sid ${sid} failed: ${errorText(err)}` });
  }
}
