// Creates markets in the engine and seeds their initial books as ordinary resting orders of one user,
// so the seeded liquidity trades, holds cash and conserves contracts like any other.
import { PRICE_ONE } from '../../domain/fixed-point';
import type { EngineState } from './engine-state';
import { buildMarket, initialLadders, type SimMarketSpec } from './market-generator';
import { OrderBook } from './order-book';
import { createOrder } from './order-commands';

export function addMarkets(state: EngineState, specs: readonly SimMarketSpec[], bookUserId: string): void {
  const nowMs = state.now();
  for (const spec of specs) {
    if (state.markets.has(spec.ticker)) continue;
    const market = buildMarket(spec, nowMs, state.random);
    state.markets.set(market.ticker, { market, book: new OrderBook() });
    const ladders = initialLadders(spec, market, state.random);
    // Seed even markets that start halted or not yet open, then restore their state.
    const { status, paused } = market;
    market.status = 'active';
    market.paused = false;
    const seed = (side: 'bid' | 'ask', price: number, count: number) =>
      createOrder(state, {
        userId: bookUserId,
        ticker: market.ticker,
        side,
        price,
        count,
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'maker',
      });
    for (const [price, size] of ladders.yes) seed('bid', price, size);
    for (const [price, size] of ladders.no) seed('ask', PRICE_ONE - price, size);
    market.status = status;
    market.paused = paused;
  }
}
