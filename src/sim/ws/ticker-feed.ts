// The `ticker` channel's source: marks markets touched by trades or book changes and, at most once per
// interval, publishes those whose top of book, last price or volume actually changed. A market the
// engine releases is forgotten here too.
import type { ExchangeEvent, SimExchange, SimMarket, TopOfBook } from '../engine/types';
import { tickerMsg } from './frames';

export interface TickerFeed {
  onEvent(event: ExchangeEvent): void;
  /** The current ticker body for a market (used for send_initial_snapshot). */
  current(ticker: string): Record<string, unknown> | undefined;
  /** Publishes the changed markets now; the server calls this on its interval. */
  flush(): void;
}

/**
 * What a ticker frame shows that is worth a frame (timestamps alone are not): last price, top of book,
 * volume and open interest, from the engine's numbers, so an unchanged market costs no message.
 */
function changeKey(market: Readonly<SimMarket>, top: TopOfBook | undefined): string {
  const yes = top?.yesBid ?? null;
  const no = top?.noBid ?? null;
  const sizes = `${yes === null ? 0 : top?.yesBidSize}|${no === null ? 0 : top?.noBidSize}`;
  return `${market.lastPrice ?? 0}|${yes ?? 0}|${no ?? -1}|${sizes}|${market.volume}|${market.openInterest}`;
}

export function createTickerFeed(
  exchange: SimExchange,
  now: () => number,
  publish: (ticker: string, msg: Record<string, unknown>) => void,
): TickerFeed {
  const dirty = new Set<string>();
  const lastTradeSize = new Map<string, number>();
  const lastKey = new Map<string, string>();

  const current = (ticker: string) => {
    const market = exchange.peekMarket(ticker);
    if (market === undefined) return undefined;
    return tickerMsg(market, exchange.topOfBook(ticker), lastTradeSize.get(ticker) ?? 0, now());
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
      // Read in place: a flush reads every market that changed in the interval (thousands at 10,000
      // markets), and copying each market and its whole book was most of the flush's cost.
      for (const ticker of dirty) {
        const market = exchange.peekMarket(ticker);
        if (market === undefined) continue;
        const top = exchange.topOfBook(ticker);
        const key = changeKey(market, top);
        if (lastKey.get(ticker) === key) continue;
        lastKey.set(ticker, key);
        publish(ticker, tickerMsg(market, top, lastTradeSize.get(ticker) ?? 0, now()));
      }
      dirty.clear();
    },
  };
}
