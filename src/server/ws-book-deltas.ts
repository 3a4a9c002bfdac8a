// The `orderbook_delta` channel of /v3/ws: a snapshot per market on subscribe, then per publication the
// levels that changed, encoded once and shared by every delta subscriber; a snapshot again whenever the
// daemon's book is rebuilt, and for a client that fell behind (its frames skipped) once it catches up.

import { BookTrack, type TrackStep } from './book-track';
import type { DaemonPorts } from './ports';
import type { FeedClient } from './ws-client';
import { CorkBatch } from './ws-cork';
import { type SharedFrame, sharedFrame } from './ws-shared-frame';

export interface BookDeltaDeps {
  clients: ReadonlySet<FeedClient>;
  ports: Pick<DaemonPorts, 'getLiveBook'>;
  now: () => number;
  /**
   * A delta client with more unsent bytes than this is behind: its book frames are skipped (the markets
   * noted for a snapshot) rather than queued, so it catches up with one snapshot per market instead of
   * every delta it missed. Below the bound where any client is dropped.
   */
  backlogBytes: number;
  /** A book frame was skipped for a client that was behind. */
  onSkip?: () => void;
}

export interface BookDeltas {
  /** A market's book was published: send its delta (or snapshot) to the clients that follow it. */
  publish(ticker: string): void;
  /**
   * The snapshot `subscriber` starts from; undefined for a market the daemon has no book of. A snapshot
   * that starts a new track goes to the market's other delta clients too: their next delta follows it.
   */
  snapshotFor(ticker: string, subscriber: FeedClient): SharedFrame | undefined;
  /** The client's backlog drained: send snapshots of the markets it missed frames of. */
  catchUp(c: FeedClient): void;
  /** No client is left: the copies would go out of date unseen. */
  clear(): void;
  /** Delta frames skipped for clients that were behind. */
  skipped(): number;
}

export function createBookDeltas({ clients, ports, now, backlogBytes, onSkip }: BookDeltaDeps): BookDeltas {
  const tracks = new Map<string, BookTrack>();
  const batch = new CorkBatch();
  let publishSeq = 0;
  let skipped = 0;
  const next = () => ++publishSeq;

  // A track exists only while someone follows its market and is advanced at every publication, so its
  // copy is always what its subscribers hold. Returns undefined when the daemon has no book of it.
  const advance = (ticker: string): TrackStep | undefined => {
    const live = ports.getLiveBook(ticker);
    if (live === undefined) {
      tracks.delete(ticker);
      return undefined;
    }
    let track = tracks.get(ticker);
    if (track === undefined) {
      track = new BookTrack(ticker);
      tracks.set(ticker, track);
    }
    return track.advance(live, next);
  };

  const anyFollows = (ticker: string): boolean => {
    for (const c of clients) if (c.deltaMarkets.has(ticker)) return true;
    return false;
  };

  return {
    publish(ticker) {
      if (!anyFollows(ticker)) {
        tracks.delete(ticker);
        return;
      }
      const step = advance(ticker);
      if (step === undefined || step === 'none') return;
      const track = tracks.get(ticker)!;
      const rebuilt = step === 'snapshot';
      const t = now();
      let delta: SharedFrame | null = null;
      for (const c of clients) {
        if (!c.deltaMarkets.has(ticker)) continue;
        if (c.ws.bufferedAmount > backlogBytes) {
          skipped++;
          onSkip?.();
          c.resync.add(ticker);
          continue;
        }
        batch.join(c);
        const owed = c.resync.size > 0 && c.resync.delete(ticker);
        if (rebuilt || owed) {
          c.sendShared(track.snapshot(t));
          continue;
        }
        delta ??= sharedFrame(track.deltaFrame(t));
        c.sendShared(delta);
      }
    },

    snapshotFor(ticker, subscriber) {
      const existing = tracks.get(ticker);
      // Its copy is what the other subscribers hold; their next delta starts from it.
      if (existing !== undefined) return existing.snapshot(now());
      if (advance(ticker) === undefined) return undefined;
      const snapshot = tracks.get(ticker)!.snapshot(now());
      // A new track is a new starting point: a client that subscribed while the daemon had no book of
      // the market (or before it was removed) holds nothing or an older book, and would get only deltas.
      for (const c of clients) {
        if (c === subscriber || !c.deltaMarkets.has(ticker)) continue;
        if (c.ws.bufferedAmount > backlogBytes) {
          c.resync.add(ticker);
          continue;
        }
        batch.join(c);
        c.sendShared(snapshot);
      }
      return snapshot;
    },

    catchUp(c) {
      for (const ticker of c.resync) {
        if (c.ws.bufferedAmount > backlogBytes) return; // behind again: the next drain goes on
        c.resync.delete(ticker);
        const track = tracks.get(ticker);
        if (track === undefined || !c.deltaMarkets.has(ticker)) continue;
        batch.join(c);
        c.sendShared(track.snapshot(now()));
      }
    },

    // Asked at every publication while no client is connected: V8's Map#clear allocates a fresh table
    // even for an empty map (at 10,000 markets × 10k msg/s, 30–40 MB more RSS), so only clear what holds.
    clear: () => {
      if (tracks.size > 0) tracks.clear();
    },
    skipped: () => skipped,
  };
}
