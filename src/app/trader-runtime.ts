// What the daemon takes from the world besides its config: the clock, timers, randomness, ids and the
// exchange transport (fetch, socket). Live it is the real thing; a replay provides simulated time and
// a recorded exchange at exactly these seams, so the same adapters and actors run in both.
import { randomUUID } from 'node:crypto';
import type { WsSocketFactory } from '../adapters/kalshi/ws-types';
import { REAL_TIMERS, type Timers } from '../runtime/timers';

export interface TraderRuntime {
  now: () => number;
  /** Every actor's timers, and the XState clock of the root and trading actors. */
  timers: Timers;
  /** [0, 1): backoff and retry jitter. */
  random: () => number;
  /** client_order_ids and the session id. */
  randomUUID: () => string;
  /** The REST transport; global fetch when absent. */
  fetch?: typeof fetch;
  /** The WS transport; the `ws` package when absent. */
  createSocket?: WsSocketFactory;
}

/** The real world, with any part replaced. */
export function resolveRuntime(partial: Partial<TraderRuntime> = {}): TraderRuntime {
  return {
    now: partial.now ?? Date.now,
    timers: partial.timers ?? REAL_TIMERS,
    random: partial.random ?? Math.random,
    randomUUID: partial.randomUUID ?? randomUUID,
    ...(partial.fetch ? { fetch: partial.fetch } : {}),
    ...(partial.createSocket ? { createSocket: partial.createSocket } : {}),
  };
}

/** A sleep on the runtime's timers (rate-limit waits and retry backoff). */
export const sleepOn =
  (timers: Pick<Timers, 'setTimeout'>) =>
  (ms: number): Promise<void> =>
    new Promise((resolve) => {
      timers.setTimeout(resolve, ms);
    });

/** The orderbook stream's share: its publish tick, its socket's timers and transport, its jitter. */
export function feedRuntime(runtime: TraderRuntime) {
  const { timers, random, createSocket } = runtime;
  return { timers, random, wsOptions: { timers, random, ...(createSocket ? { createSocket } : {}) } };
}
