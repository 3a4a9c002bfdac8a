// Recovers the books of a sid after a gap or a bad book: get_snapshot first (one request in flight per
// sid, later gaps folded into one follow-up), a resubscribe when no snapshot comes in time, and a
// forced reconnect when the resubscribe fails too (kalshi-protocol.md §6.6 steps 3, 4 and 6).
import type { StreamCounters, StreamLog } from './orderbook-types';

export interface ResyncPort {
  /** Markets of the sid whose books still wait for a snapshot. */
  staleTickers(sid: number): string[];
  /** Sends update_subscription get_snapshot; settles when answered (or failed). */
  requestSnapshots(sid: number, tickers: string[]): Promise<unknown>;
  /** Subscribes the sid's logical subscription afresh; null when no subscription owns the sid. */
  resubscribe(sid: number): Promise<unknown> | null;
  /** Last resort: throw the socket away and start over. */
  reconnect(reason: string): void;
}

export interface ResyncOptions {
  timeoutMs: number;
  now: () => number;
  log: StreamLog;
  counters: Pick<StreamCounters, 'resyncs' | 'resubscribes'>;
  /** The sid's recovery ended: its books are fresh again, or it was escalated or forgotten. */
  onEnd?(sid: number): void;
}

interface Episode {
  sid: number;
  inFlight: boolean;
  /** A new gap (or bad book) arrived while a request was in flight: ask again when it is answered. */
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  startedMs: number;
  requests: number;
}

const errorKind = (err: unknown): string | undefined => (err as { kind?: string } | null)?.kind;
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class ResyncController {
  private readonly episodes = new Map<number, Episode>();
  /** Sids seen waiting for snapshots with no recovery under way at the last sweep. */
  private suspects = new Set<number>();

  constructor(
    private readonly port: ResyncPort,
    private readonly options: ResyncOptions,
  ) {}

  /** Sids with a recovery under way. */
  get inFlight(): number {
    return this.episodes.size;
  }

  isRecovering(sid: number): boolean {
    return this.episodes.has(sid);
  }

  /** The books of `sid` need snapshots (a gap, a bad book, a stuck market). */
  request(sid: number): void {
    let episode = this.episodes.get(sid);
    if (episode === undefined) {
      episode = {
        sid,
        inFlight: false,
        again: false,
        timer: null,
        startedMs: this.options.now(),
        requests: 0,
      };
      this.episodes.set(sid, episode);
    }
    if (episode.inFlight) episode.again = true;
    else this.send(episode);
  }

  /** A snapshot of `sid` was applied: the recovery ends once none of its books is stale. */
  onSnapshot(sid: number): void {
    if (this.episodes.size === 0) return;
    const episode = this.episodes.get(sid);
    if (episode !== undefined && this.port.staleTickers(sid).length === 0) this.finish(episode);
  }

  /**
   * Periodic sweep over the live sids: one whose books wait for a snapshot with no recovery under way
   * on two sweeps in a row lost it (e.g. a malformed snapshot that was the sid's last frame, so no gap
   * ever shows): ask again.
   */
  sweep(sids: readonly number[]): void {
    const suspects = new Set<number>();
    for (const sid of sids) {
      if (this.episodes.has(sid) || this.port.staleTickers(sid).length === 0) continue;
      if (!this.suspects.has(sid)) suspects.add(sid);
      else {
        this.options.log.info({ sid }, 'books still waiting for a snapshot; requesting it');
        this.request(sid);
      }
    }
    this.suspects = suspects;
  }

  /** The sid is gone (resubscribed, reconnected): drop its recovery without escalating. */
  forget(sid: number): void {
    const episode = this.episodes.get(sid);
    if (episode !== undefined) this.end(episode);
  }

  /** Drops every recovery and its timer (reconnect, stop). */
  clear(): void {
    this.suspects.clear();
    for (const episode of [...this.episodes.values()]) this.end(episode);
  }

  private send(episode: Episode): void {
    const tickers = this.port.staleTickers(episode.sid);
    if (tickers.length === 0) {
      this.finish(episode);
      return;
    }
    episode.inFlight = true;
    episode.again = false;
    episode.requests++;
    this.options.counters.resyncs++;
    this.arm(episode);
    this.port.requestSnapshots(episode.sid, tickers).then(
      () => this.answered(episode),
      (err: unknown) => this.failed(episode, err),
    );
  }

  private answered(episode: Episode): void {
    if (this.episodes.get(episode.sid) !== episode) return;
    episode.inFlight = false;
    if (this.port.staleTickers(episode.sid).length === 0) this.finish(episode);
    else if (episode.again) this.send(episode);
    // Otherwise a reply was lost or is still on its way: the armed timer decides.
  }

  private failed(episode: Episode, err: unknown): void {
    if (this.episodes.get(episode.sid) !== episode) return;
    episode.inFlight = false;
    const kind = errorKind(err);
    // The socket is gone: the reconnect re-snapshots everything, nothing to escalate.
    if (kind === 'closed' || kind === 'not_connected') this.end(episode);
    else this.escalate(episode, `get_snapshot failed: ${errorText(err)}`);
  }

  private arm(episode: Episode): void {
    if (episode.timer !== null) clearTimeout(episode.timer);
    episode.timer = setTimeout(() => {
      episode.timer = null;
      if (this.episodes.get(episode.sid) !== episode) return;
      if (this.port.staleTickers(episode.sid).length === 0) this.finish(episode);
      else this.escalate(episode, `no snapshot within ${this.options.timeoutMs} ms`);
    }, this.options.timeoutMs);
  }

  private escalate(episode: Episode, reason: string): void {
    const { sid } = episode;
    const stale = this.port.staleTickers(sid).length;
    this.end(episode);
    this.options.counters.resubscribes++;
    this.options.log.warn({ sid, stale, requests: episode.requests, reason }, 'resync failed; resubscribing');
    const resubscribed = this.port.resubscribe(sid);
    if (resubscribed === null) {
      this.port.reconnect(`no subscription owns sid ${sid}`);
      return;
    }
    resubscribed.catch((err: unknown) => {
      // A socket that closed meanwhile replays the subscription on its own.
      if (errorKind(err) !== 'closed')
        this.port.reconnect(`resubscribe of sid ${sid} failed: ${errorText(err)}`);
    });
  }

  private finish(episode: Episode): void {
    const tookMs = this.options.now() - episode.startedMs;
    this.end(episode);
    this.options.log.info({ sid: episode.sid, tookMs, requests: episode.requests }, 'books resynced');
  }

  private end(episode: Episode): void {
    if (episode.timer !== null) clearTimeout(episode.timer);
    episode.timer = null;
    this.episodes.delete(episode.sid);
    this.options.onEnd?.(episode.sid);
  }
}
