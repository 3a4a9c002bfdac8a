// What a strategy may read: its markets, the clock, the trading state (its own open orders and the
// positions), each market's description and last book, and whether the feed is up. Read-only views.
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

export function createStrategyContext(src: ContextSources): StrategyContext {
  const infos = new Map<string, MarketInfo>();
  let loading = false;
  let lastTryMs: number | null = null;

  /** Loads the descriptions once, in the background; a failure is tried again a little later. */
  function load(): void {
    const { loadMarkets } = src;
    if (loadMarkets === undefined || loading || src.markets.length === 0) return;
    if (lastTryMs !== null && src.now() - lastTryMs < MARKET_RETRY_MS) return;
    loading = true;
    lastTryMs = src.now();
    loadMarkets(src.markets)
      .then((markets) => {
        for (const m of markets) infos.set(m.ticker, m);
      })
      .catch((err: unknown) => src.log.warn({ err }, 'could not read market descriptions; trying again'))
      .finally(() => {
        loading = false;
      });
  }
  load();

  return {
    markets: src.markets,
    now: src.now,
    trading: () => src.service.state(),
    openOrders: (ticker) => strategyOrders(src.service.state(), ticker),
    position: (ticker) => src.service.state().positions[ticker],
    market(ticker) {
      const info = infos.get(ticker);
      if (info === undefined) load();
      return info;
    },
    book: (ticker) => src.books.get(ticker),
    feedUp: src.feedUp,
    diff: (ticker, orders) => diffOrders(orders, liveOrders(src.service.state(), ticker)),
    limits: () => src.limits,
  };
}
