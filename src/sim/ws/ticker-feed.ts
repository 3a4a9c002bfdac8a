// The `ticker` channel's source: marks markets touched by trades or book changes and, at most once per
// interval, publishes those whose top of book, last price or volume actually changed. A market the
// engine releases is forgotten here too.
import type { ExchangeEvent, SimExchange } from '../engine/types';
import { tickerMsg } from './frames';

export interface TickerFeed {
  onEvent(event: ExchangeEvent): void;
  /** The current ticker body for a market (used for send_initial_snapshot). */
  current(ticker: string): Record<string, unknown> | undefined;
  /** Publishes the changed markets now; the server calls this on its interval. */
  flush(): void;
}

/** Fields whose change is worth a ticker frame; timestamps alone are not. */
const KEYS = [
  'price_dollars',
  'yes_bid_dollars',
  'yes_ask_dollars',
  'yes_bid_size_fp',
  'yes_ask_size_fp',
  'volume_fp',
  'open_interest_fp',
] as const;

export function createTickerFeed(
  exchange: SimExchange,
  now: () => number,
  publish: (ticker: string, msg: Record<string, unknown>) => void,
): TickerFeed {
  const dirty = new Set<string>();
  const lastTradeSize = new Map<string, number>();
  const lastKey = new Map<string, string>();

  const current = (ticker: string) => {
    const market = exchange.getMarket(ticker);
    if (market === undefined) return undefined;
    return tickerMsg(market, exchange.getBook(ticker), lastTradeSize.get(ticker) ?? 0, now());
  };

  return {
    onEvent(event) {
      if (event.kind === 'book') dirty.add(event.ticker);
      else if (event.kind === 'trade') {
        dirty.add(event.trade.ticker);
        lastTradeSize.set(event.trade.ticker, event.trade.count);
      } else if (event.kind === 'removed') {
        // A released market: nothing will be published for it again.
        dirty.delete(event.ticker);
        lastTradeSize.delete(event.ticker);
        lastKey.delete(event.ticker);
      }
    },
    current,
    flush() {
      for (const ticker of dirty) {
        const msg = current(ticker);
        if (msg === undefined) continue;
        const key = KEYS.map((k) => msg[k]).join('|');
        if (lastKey.get(ticker) === key) continue;
        lastKey.set(ticker, key);
        publish(ticker, msg);
      }
      dirty.clear();
    },
  };
}
