// `market_maker`: quotes a bid and an ask in each of its markets around a fair value (see quotes.ts),
// as desired orders: the trading side keeps, amends, cancels or places to match. It requotes on every
// book update and fill, and pulls its quotes (or leaves them, as configured) while the feed is down, a
// book is stale, or a market is not open. It always cancels them `close_buffer_seconds` before a market
// closes (or when it is paused), and sends nothing once it has closed: the exchange cancels what rests.
//
// It plans within the gate rather than against it: it quotes only as many markets (busiest first) as
// the open-order limit leaves room for (a couple kept for manual orders), holds its quotes while the kill switch is on, and after a
// block leaves that market alone for a while instead of asking again on every book update.
import type { Intents, Strategy, StrategyContext } from '../../actors/strategy/strategy-types';
import { isEnded } from '../../domain/market-phase';
import type { DesiredOrder } from '../../domain/order-diff';
import type { OrderbookView } from '../../domain/orderbook';
import { type BookSide, mayBeLiveOnExchange } from '../../domain/trading-types';
import { fairValue, othersTouch } from './fair-value';
import type { MarketMakerParams } from './market-maker-params';
import { targetQuotes } from './quotes';

export const MARKET_MAKER = 'market_maker';
/** How long a market is left alone after the gate blocked one of its intents (pulls still go). */
export const BLOCKED_BACKOFF_MS = 5_000;
/** Open orders left to the operator: a manual order still fits while the market maker quotes. */
export const MANUAL_RESERVE = 2;

export function createMarketMaker(params: MarketMakerParams): Strategy {
  let ctx: StrategyContext | undefined;
  const placeOptions = { postOnly: params.post_only };
  const backoffUntil = new Map<string, number>();

  /** Markets within the open-order budget: two quotes each, busiest first (the order markets come in). */
  function quotable(c: StrategyContext, ticker: string): boolean {
    const all = Object.values(c.trading().orders).filter(mayBeLiveOnExchange).length;
    const others = all - c.openOrders().length;
    const markets = Math.floor(Math.max(0, c.limits().maxOpenOrders - MANUAL_RESERVE - others) / 2);
    const index = c.markets.indexOf(ticker);
    return index >= 0 && index < markets;
  }

  const stale = (c: StrategyContext, book: OrderbookView): boolean =>
    !book.fresh || (params.max_book_age_ms > 0 && c.now() - book.updatedTsMs > params.max_book_age_ms);

  /** The set, unless it is what rests already (no decision, no acting, for nothing). */
  function desired(c: StrategyContext, ticker: string, orders: DesiredOrder[]): Intents {
    if (c.diff(ticker, orders).length === 0) return undefined;
    return [{ kind: 'desired', ticker, orders, placeOptions, reason: MARKET_MAKER }];
  }

  const pull = (c: StrategyContext, ticker: string): Intents =>
    params.on_stale === 'cancel' ? desired(c, ticker, []) : undefined;

  /** Ended: nothing to send. Paused, not open yet, or within the close buffer: no quotes. */
  function lifecycleStop(c: StrategyContext, ticker: string): 'ended' | 'stop' | null {
    const phase = c.phase(ticker);
    if (phase !== undefined && isEnded(phase)) return 'ended';
    if (phase !== undefined && phase !== 'open') return 'stop';
    const left = c.msToClose(ticker);
    return left !== null && left <= params.close_buffer_seconds * 1000 ? 'stop' : null;
  }

  function requote(ticker: string): Intents {
    const c = ctx;
    if (c === undefined) return undefined;
    const closing = lifecycleStop(c, ticker);
    if (closing === 'ended') return undefined;
    if (closing === 'stop') return desired(c, ticker, []);
    const book = c.book(ticker);
    const market = c.market(ticker);
    if (!c.feedUp() || book === undefined || stale(c, book)) return pull(c, ticker);
    if (market === undefined) return undefined; // its price grid is not known yet
    // The description's status is from when it was read: the phase above is the live one when known.
    const open = c.phase(ticker) === 'open' || (c.phase(ticker) === undefined && market.status === 'active');
    if (!open || !quotable(c, ticker)) return pull(c, ticker);
    if (c.trading().killSwitch || c.now() < (backoffUntil.get(ticker) ?? 0)) return undefined;
    const own = c.openOrders(ticker);
    const touch = othersTouch(book, own);
    if (touch === null) return pull(c, ticker);
    const resting: Partial<Record<BookSide, { price: number; count: number }>> = {};
    for (const o of own) {
      if (o.status === 'resting' && resting[o.side] === undefined)
        resting[o.side] = { price: o.price, count: o.remainingCount };
    }
    const quotes = targetQuotes({
      touch,
      fair: fairValue(touch, params.fair_value),
      ranges: market.priceRanges,
      position: c.position(ticker)?.position ?? 0,
      resting,
      params,
    });
    return desired(c, ticker, quotes);
  }

  const everywhere = (): Intents => ctx?.markets.flatMap((ticker) => requote(ticker) ?? []);

  return {
    name: MARKET_MAKER,
    params,
    timerIntervalMs: params.refresh_ms,
    start(context) {
      ctx = context;
    },
    onBook: ({ ticker }) => requote(ticker),
    onFill: (fill) => requote(fill.ticker),
    onTimer: everywhere,
    onFeed: everywhere,
    onOutcome(intent, outcome) {
      if (outcome.outcome !== 'blocked' || ctx === undefined) return;
      const ticker =
        'ticker' in intent ? intent.ticker : ctx.trading().orders[intent.clientOrderId ?? '']?.ticker;
      if (ticker !== undefined) backoffUntil.set(ticker, ctx.now() + BLOCKED_BACKOFF_MS);
    },
  };
}
