// The `ticker` channel's source: marks markets touched by trades or book changes and publishes those whose
// top of book, last price or volume actually changed, each market at most once per interval. The server
// flushes ten times per interval and each market waits for its own interval to pass, so publishing is
// spread out: one flush of every market changed in the interval (10,000 frames, 4 MB, at 10,000 markets)
// overran a client's send bound in one go. A market the engine releases is forgotten here too.
import type { ExchangeEvent, SimExchange, SimMarket, TopOfBook } from '../engine/types';
import { tickerMsg } from './frames';

export interface TickerFeed {
  onEvent(event: ExchangeEvent): void;
  /** The current ticker body for a market (used for send_initial_snapshot). */
  current(ticker: string): Record<string, unknown> | undefined;
  /** Publishes the changed markets whose interval has passed; the server calls this ten times an interval. */
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

/** How many flushes the server runs per interval. */
export const TICKER_FLUSHES_PER_INTERVAL = 10;

export function createTickerFeed(
  exchange: SimExchange,
  now: () => number,
  publish: (ticker: string, msg: Record<string, unknown>) => void,
  intervalMs = 0,
): TickerFeed {
  const dirty = new Set<string>();
  const lastTradeSize = new Map<string, number>();
  const lastKey = new Map<string, string>();
  /** When each market was last published (the exchange's clock). */
  const publishedAt = new Map<string, number>();

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
        publishedAt.delete(event.ticker);
      }
    },
    current,
    flush() {
      // Read in place: a flush reads every market that changed in the interval (thousands at 10,000
      // markets), and copying each market and its whole book was most of the flush's cost.
      const tsMs = now();
      for (const ticker of dirty) {
        if (tsMs - (publishedAt.get(ticker) ?? Number.NEGATIVE_INFINITY) < intervalMs) continue;
        dirty.delete(ticker);
        const market = exchange.peekMarket(ticker);
        if (market === undefined) continue;
        const top = exchange.topOfBook(ticker);
        const key = changeKey(market, top);
        if (lastKey.get(ticker) === key) continue;
        lastKey.set(ticker, key);
        publishedAt.set(ticker, tsMs);
        publish(ticker, tickerMsg(market, top, lastTradeSize.get(ticker) ?? 0, tsMs));
      }
    },
  };
}
