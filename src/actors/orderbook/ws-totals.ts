// Frame, reconnect and foreign-frame totals over every WS client a session has used: a forced reconnect replaces the
// client, and its counts must not vanish from the stream's stats and metrics with it.
import type { WsStats } from '../../adapters/kalshi/ws-types';

export interface StatsSource {
  stats(): WsStats;
}

export class WsTotals {
  private readonly retiredFrames: Record<string, number> = {};
  private retiredReconnects = 0;
  private retiredForeign = 0;

  /** Adds a client's final counts before it is thrown away. */
  retire(client: StatsSource): void {
    const stats = client.stats();
    this.retiredReconnects += stats.reconnects;
    this.retiredForeign += stats.foreign;
    for (const [type, n] of Object.entries(stats.framesByType)) {
      this.retiredFrames[type] = (this.retiredFrames[type] ?? 0) + n;
    }
  }

  frames(current: StatsSource | null): Record<string, number> {
    const out = { ...this.retiredFrames };
    if (current === null) return out;
    for (const [type, n] of Object.entries(current.stats().framesByType)) out[type] = (out[type] ?? 0) + n;
    return out;
  }

  reconnects(current: StatsSource | null): number {
    return this.retiredReconnects + (current?.stats().reconnects ?? 0);
  }

  /** Data frames dropped for a sid none of our subscriptions held. */
  foreign(current: StatsSource | null): number {
    return this.retiredForeign + (current?.stats().foreign ?? 0);
  }
}
