// Each followed market's last trade price and volume, from the `ticker` channel: updated in place (one
// record per market, allocated once), read by the book views. Outlives sockets: a reconnect does not
// make the last trade untrue, and the resubscribe's initial ticker frames refresh it.
import type { TickerFrame } from '../../adapters/kalshi/ticker-frame-parser';

export interface MarketTrade {
  /** Last trade price, ticks; null before the first trade. */
  lastPrice: number | null;
  /** Contracts traded so far, centi-contracts; null until a frame said. */
  volume: number | null;
  /** Exchange time of the frame that set these; 0 when it carried none. */
  updatedMs: number;
}

export class MarketTrades {
  private readonly byTicker = new Map<string, MarketTrade>();

  /**
   * Applies a ticker frame of a followed market; returns whether what is shown changed. A frame older
   * than the one applied last is ignored (the initial snapshot of a resubscribe may trail a live frame).
   */
  apply(frame: TickerFrame): boolean {
    let trade = this.byTicker.get(frame.ticker);
    if (trade === undefined) {
      trade = { lastPrice: null, volume: null, updatedMs: 0 };
      this.byTicker.set(frame.ticker, trade);
    } else if (frame.tsMs > 0 && frame.tsMs < trade.updatedMs) return false;
    const price = frame.price ?? trade.lastPrice;
    const volume = frame.volume ?? trade.volume;
    if (frame.tsMs > 0) trade.updatedMs = frame.tsMs;
    if (price === trade.lastPrice && volume === trade.volume) return false;
    trade.lastPrice = price;
    trade.volume = volume;
    return true;
  }

  get(ticker: string): MarketTrade | undefined {
    return this.byTicker.get(ticker);
  }

  /** Markets no longer followed (rolling discovery): nothing shows them any more. */
  forget(tickers: readonly string[]): void {
    for (const ticker of tickers) this.byTicker.delete(ticker);
  }
}
