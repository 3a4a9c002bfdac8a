// Market lifecycle metrics: each shown market's phase and time to close, read when Prometheus scrapes
// from a plain sample, and a counter of the market set's rolls (rolling discovery).
import { Counter, Gauge, type Registry } from 'prom-client';

const P = 'kalshi_trader_';

export interface MarketLifecycleSample {
  ticker: string;
  status: string;
  /** Null when the close time is unknown. */
  closesInSeconds: number | null;
  followed: boolean;
}

export function registerLifecycleMetrics(registry: Registry, read: () => MarketLifecycleSample[]) {
  const registers = [registry];
  new Gauge({
    name: `${P}market_status`,
    help: "1 for each market's lifecycle status (open, paused, closed, determined, settled, ...)",
    labelNames: ['ticker', 'status', 'followed'] as const,
    registers,
    collect() {
      this.reset();
      for (const m of read())
        this.set({ ticker: m.ticker, status: m.status, followed: String(m.followed) }, 1);
    },
  });
  new Gauge({
    name: `${P}market_closes_in_seconds`,
    help: 'Seconds until each followed market closes (0 once closed)',
    labelNames: ['ticker'] as const,
    registers,
    collect() {
      this.reset();
      for (const m of read())
        if (m.followed && m.closesInSeconds !== null) this.set({ ticker: m.ticker }, m.closesInSeconds);
    },
  });
  return {
    marketRolls: new Counter({
      name: `${P}market_rolls_total`,
      help: 'Markets replaced by rolling discovery after they closed',
      registers,
    }),
  };
}
