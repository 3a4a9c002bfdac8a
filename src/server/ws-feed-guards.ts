// What /v3/ws does about misbehaving connections: a bad protocol frame is counted and logged once per
// connection (no stack: it is the client's fault, not ours), a client over its frame budget is closed
// with 1008, and at the cap the oldest abandoned client (a ping unanswered) makes room for a newcomer, or
// else the oldest connection of the same page (remote address and origin): a console that reopens its
// socket and leaves the old one open must not lock every console out.
import type { Logger } from 'pino';
import type { DaemonMetrics } from './metrics';
import type { FeedClient } from './ws-client';
import { closeGracefully } from './ws-close';
import { oldestAbandoned, socketErrorCode } from './ws-peer';

export interface GuardStats {
  badFrames: number;
  evictions: number;
  rateLimitCloses: number;
}

export interface GuardDeps {
  clients: ReadonlySet<FeedClient>;
  /** Removes a client from the set (its socket is being closed). */
  forget(c: FeedClient): void;
  stats: GuardStats;
  now: () => number;
  abandonGraceMs: number;
  metrics?: Pick<DaemonMetrics, 'consoleBadFrames' | 'consoleEvictions' | 'consoleRateLimitCloses'>;
  log?: Pick<Logger, 'warn'>;
}

export function createFeedGuards(deps: GuardDeps) {
  const { stats, metrics, log } = deps;
  return {
    /** Invalid UTF-8, an oversized or malformed frame: `ws` closes the socket itself. */
    badSocketFrame(c: FeedClient, err: Error): void {
      const code = socketErrorCode(err);
      stats.badFrames++;
      metrics?.consoleBadFrames.inc({ code });
      if (c.badFrameLogged) return;
      c.badFrameLogged = true;
      log?.warn({ client: c.id, code, reason: err.message }, 'bad /v3/ws client frame; connection closed');
    },

    overBudget(c: FeedClient): void {
      deps.forget(c);
      stats.rateLimitCloses++;
      metrics?.consoleRateLimitCloses.inc();
      log?.warn({ client: c.id }, '/v3/ws client sent frames too fast; closed with 1008');
      void closeGracefully(c.ws, 1008, 'too many frames');
    },

    /** Closes the oldest abandoned client; false when every client is alive (the newcomer is refused). */
    evictAbandoned(): boolean {
      const victim = oldestAbandoned(deps.clients, (c) => c.liveness, deps.now(), deps.abandonGraceMs);
      if (victim === undefined) return false;
      deps.forget(victim);
      stats.evictions++;
      metrics?.consoleEvictions.inc({ reason: 'abandoned' });
      victim.ws.terminate();
      return true;
    },

    /** Closes the oldest connection of `peer` (address and origin); false when it has none. */
    evictSamePeer(peer: string | undefined): boolean {
      if (peer === undefined) return false;
      // The set keeps insertion order: the first match is the oldest.
      let victim: FeedClient | undefined;
      for (const c of deps.clients) {
        if (c.peer !== peer) continue;
        victim = c;
        break;
      }
      if (victim === undefined) return false;
      deps.forget(victim);
      stats.evictions++;
      metrics?.consoleEvictions.inc({ reason: 'same_peer' });
      log?.warn({ client: victim.id }, 'closing the oldest /v3/ws connection of a page that opened another');
      void closeGracefully(victim.ws, 1008, 'replaced by a newer connection from the same page');
      return true;
    },
  };
}
