// What a strategy may read: its markets, the clock, the trading state (its own open orders and the
// positions), each market's description and last book, and whether the feed is up. Read-only views.
import { msToClose, phaseAt } from '../../domain/market-phase';
import { diffOrders } from '../../domain/order-diff';
import type { OrderbookView } from '../../domain/orderbook';
import type { RiskLimits } from '../../domain/risk-gate';
import type { MarketInfo } from '../../domain/trading-types';
import type { ActorLog, TradingService } from '../trading/trading-ports';
import { liveOrders, strategyOrders } from './strategy-orders';
import type { StrategyContext } from './strategy-types';

/** Market descriptions are read again at most this often after a failed load. */
const MARKET_RETRY_MS = 5_000;

export interface ContextSources {
  markets: readonly string[];
  now: () => number;
  service: Pick<TradingService, 'state'>;
  books: ReadonlyMap<string, OrderbookView>;
  feedUp: () => boolean;
  limits: RiskLimits;
  /** Reads the markets' descriptions (price ranges); absent: `market()` stays undefined. */
  loadMarkets?: (tickers: readonly string[]) => Promise<MarketInfo[]>;
  log: ActorLog;
}

/** The context plus the actor's own handle on it: the market set changes under rolling discovery. */
export type OwnedStrategyContext = StrategyContext & { setMarkets(markets: readonly string[]): void };

export function createStrategyContext(src: ContextSources): OwnedStrategyContext {
  const infos = new Map<string, MarketInfo>();
  let markets = src.markets;
  let loading = false;
  let lastTryMs: number | null = null;

  /** Loads the descriptions once, in the background; a failure is tried again a little later. */
  function load(): void {
    const { loadMarkets } = src;
    if (loadMarkets === undefined || loading || markets.length === 0) return;
    if (lastTryMs !== null && src.now() - lastTryMs < MARKET_RETRY_MS) return;
    loading = true;
    lastTryMs = src.now();
    loadMarkets(markets.filter((t) => !infos.has(t)))
      .then((markets) => {
        for (const m of markets) infos.set(m.ticker, m);
      })
      .catch((err: unknown) => src.log.warn({ err }, 'could not read market descriptions; trying again'))
      .finally(() => {
        loading = false;
      });
  }
  load();

  const lifecycle = (ticker: string) => src.service.state().markets[ticker];
  return {
    get markets() {
      return markets;
    },
    setMarkets(next) {
      markets = next;
      const kept = new Set(next); // not includes(): a nested scan at thousands of markets per roll
      for (const ticker of infos.keys()) if (!kept.has(ticker)) infos.delete(ticker);
      lastTryMs = null; // the new markets' descriptions are wanted now
      load();
    },
    now: src.now,
    trading: () => src.service.state(),
    openOrders: (ticker) => strategyOrders(src.service.state(), ticker),
    position: (ticker) => src.service.state().positions[ticker],
    market(ticker) {
      const info = infos.get(ticker);
      if (info === undefined) load();
      return info;
    },
    phase(ticker) {
      const market = lifecycle(ticker);
      return market === undefined ? undefined : phaseAt(market, src.now());
    },
    msToClose(ticker) {
      const market = lifecycle(ticker);
      return market === undefined ? null : msToClose(market, src.now());
    },
    book: (ticker) => src.books.get(ticker),
    feedUp: src.feedUp,
    diff: (ticker, orders) => diffOrders(orders, liveOrders(src.service.state(), ticker)),
    limits: () => src.limits,
  };
}
