// Each market's lifecycle as people see it (/v3/status `market_lifecycle`, the console, /metrics): the
// markets followed now, and those that ended while the account held or traded them (a settlement to show).
import type { TradingState } from '../actors/trading/trading-types';
import { msToClose, phaseAt } from '../domain/market-phase';
import type { MarketLifecycleView } from '../server/views';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The markets to show: followed ones first (in their order), then the traded ones that ended. */
export function lifecycleTickers(trading: TradingState, followed: readonly string[]): string[] {
  const shown = new Set(followed);
  for (const ticker of Object.keys(trading.markets)) if (trading.positions[ticker]) shown.add(ticker);
  return [...shown];
}

export function toMarketLifecycleView(
  trading: TradingState,
  followed: readonly string[],
  nowMs: number,
): Record<string, MarketLifecycleView> {
  const view: Record<string, MarketLifecycleView> = {};
  const following = new Set(followed);
  for (const ticker of lifecycleTickers(trading, followed)) {
    const market = trading.markets[ticker];
    const left = market === undefined ? null : msToClose(market, nowMs);
    view[ticker] = {
      status: market === undefined ? 'unknown' : phaseAt(market, nowMs),
      close_time: iso(market?.closeTimeMs ?? null),
      closes_in_seconds: left === null ? null : Math.floor(left / 1000),
      result: market?.result ?? null,
      settled_time: iso(market?.settledMs ?? null),
      followed: following.has(ticker),
    };
  }
  return view;
}
