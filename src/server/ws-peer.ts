// What a WebSocket endpoint knows of a peer's conduct: whether it is still there (who makes room when the
// endpoint is full: a connection that left a ping unanswered for a grace period, neither reading nor
// writing, goes first, oldest first; one that answers is never pushed out), and its protocol errors.

/** How long a ping may stay unanswered before its connection counts as abandoned. */
export const DEFAULT_ABANDON_GRACE_MS = 5_000;

export class Liveness {
  pingedAt: number;
  /** Last pong or frame from the peer; never, until the first. */
  heardAt = Number.NEGATIVE_INFINITY;

  /** Starts with a ping outstanding: the endpoint pings every connection as it opens. */
  constructor(readonly connectedAt: number) {
    this.pingedAt = connectedAt;
  }

  pinged(now: number): void {
    this.pingedAt = now;
  }

  heard(now: number): void {
    this.heardAt = now;
  }

  abandoned(now: number, graceMs: number): boolean {
    return this.heardAt < this.pingedAt && now - this.pingedAt >= graceMs;
  }
}

/** The oldest abandoned connection, if any. */
export function oldestAbandoned<T>(
  connections: Iterable<T>,
  liveness: (c: T) => Liveness | undefined,
  now: number,
  graceMs: number,
): T | undefined {
  let oldest: [T, Liveness] | undefined;
  for (const c of connections) {
    const l = liveness(c);
    if (l === undefined || !l.abandoned(now, graceMs)) continue;
    if (oldest === undefined || l.connectedAt < oldest[1].connectedAt) oldest = [c, l];
  }
  return oldest?.[0];
}

/** A `ws` protocol error (invalid UTF-8, oversized or malformed frame) as a short, bounded label. */
export function socketErrorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('WS_ERR_')
    ? code.slice(7).toLowerCase()
    : 'socket_error';
}
