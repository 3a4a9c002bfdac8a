// Creates markets in the engine and seeds their initial books as ordinary resting orders of one user,
// so the seeded liquidity trades, holds cash and conserves contracts like any other. A new market is
// announced (`created`), after its event when that is new too (`event_lifecycle`).
import { PRICE_ONE } from '../../domain/fixed-point';
import type { EngineState, MarketState } from './engine-state';
import { invalidateSchedule } from './lifecycle-state';
import { buildMarket, initialLadders, type SimMarketSpec } from './market-generator';
import { emitLifecycle } from './market-lifecycle';
import { OrderBook } from './order-book';
import { createOrder } from './order-commands';

export function addMarkets(state: EngineState, specs: readonly SimMarketSpec[], bookUserId: string): void {
  const nowMs = state.now();
  const timerSeconds = Math.round(state.lifecycle.settlementTimerMs / 1000);
  // Collected once per call: looking each new market's event up among all markets was quadratic.
  const events = new Set<string>();
  for (const ms of state.markets.values()) events.add(ms.market.eventTicker);
  for (const spec of specs) {
    if (state.markets.has(spec.ticker)) continue;
    const market = buildMarket(spec, nowMs, state.random, timerSeconds);
    if (!events.has(market.eventTicker)) {
      events.add(market.eventTicker);
      state.bus.push({
        kind: 'event',
        event: {
          eventTicker: market.eventTicker,
          seriesTicker: market.seriesTicker,
          title: spec.eventTitle ?? market.title,
          subtitle: spec.eventSubtitle ?? '',
          strikeDateMs: market.closeTimeMs,
        },
        tsMs: nowMs,
      });
    }
    const ms: MarketState = { market, book: new OrderBook(), determineAtMs: null, settleAtMs: null };
    state.markets.set(market.ticker, ms);
    emitLifecycle(state, ms, 'created');
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
  invalidateSchedule(state.lifecycle);
}
