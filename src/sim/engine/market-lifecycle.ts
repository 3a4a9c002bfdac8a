// A market's way from trading to payout as Kalshi runs it (docs.kalshi.com getting_started/market_lifecycle):
// it closes at close_time (no event; resting orders are cancelled, CloseCancel) or earlier on demand
// (close_date_updated), is determined with a result (determined), and settles after the settlement timer:
// every position is paid $1 per winning contract, or the scalar value, into the balance (settled).
import { PRICE_ONE } from '../../domain/fixed-point';
import type { EngineState, MarketState } from './engine-state';
import { invalidateSchedule } from './lifecycle-state';
import { cancelResting } from './resting';
import { releaseSettledMarkets } from './settled-markets';
import { recordSettlement } from './settlement-history';
import type { LifecycleEventType, SimMarketResult } from './types';

export interface Determination {
  result: SimMarketResult;
  /** YES payout per contract, ticks: PRICE_ONE for yes, 0 for no, anything between for scalar. */
  value: number;
}

export const YES: Determination = { result: 'yes', value: PRICE_ONE };
export const NO: Determination = { result: 'no', value: 0 };

export function emitLifecycle(state: EngineState, ms: MarketState, eventType: LifecycleEventType): void {
  const tsMs = state.now();
  state.bus.push({ kind: 'lifecycle', ticker: ms.market.ticker, eventType, tsMs, market: { ...ms.market } });
}

/** Whether orders may still rest or trade here (open, paused, or not yet open). */
export const isLive = (ms: MarketState): boolean =>
  ms.market.status === 'active' || ms.market.status === 'initialized';

/**
 * Ends trading and cancels every resting order (CloseCancel). `early`: before the scheduled close_time,
 * which moves to now and is announced (close_date_updated); closing at close_time is silent on Kalshi.
 */
export function closeMarket(state: EngineState, ms: MarketState, early: boolean): void {
  const nowMs = state.now();
  const market = ms.market;
  if (early && nowMs < market.closeTimeMs) {
    market.closeTimeMs = nowMs;
    market.updatedMs = nowMs;
    emitLifecycle(state, ms, 'close_date_updated');
  }
  market.status = 'closed';
  market.paused = false;
  market.updatedMs = nowMs;
  for (const order of ms.book.restingOrders()) cancelResting(state, ms, order, 'CloseCancel');
  // Counted from close_time: a sweep that comes late must not push the whole schedule back.
  const delay = state.lifecycle.determinationDelayMs;
  ms.determineAtMs = delay === null ? null : market.closeTimeMs + delay;
  invalidateSchedule(state.lifecycle);
}

/** `atMs`: when it was due (a late sweep keeps the schedule); now for a determination on demand. */
export function determineMarket(
  state: EngineState,
  ms: MarketState,
  determination: Determination,
  atMs = state.now(),
): void {
  const market = ms.market;
  market.status = 'determined';
  market.result = determination.result;
  market.settlementValue = determination.value;
  market.determinedMs = atMs;
  market.updatedMs = state.now();
  ms.determineAtMs = null;
  ms.settleAtMs = atMs + state.lifecycle.settlementTimerMs;
  invalidateSchedule(state.lifecycle);
  emitLifecycle(state, ms, 'determined');
}

/**
 * Pays out every position at the determined value and finalizes the market. API users get a settlement
 * row and keep their (now flat) position row, its realized PnL including the payout; the synthetic
 * users' rows are released, nothing reads them back.
 */
export function settleMarket(state: EngineState, ms: MarketState): void {
  const nowMs = state.now();
  const market = ms.market;
  const value = market.settlementValue ?? 0;
  for (const userId of state.ledger.holders(market.ticker)) {
    const effect = state.ledger.settlePosition(userId, market.ticker, value);
    const transient = state.transientUsers.has(userId);
    if (effect !== null) {
      state.bus.push({ kind: 'position', position: effect.position });
      if (!transient) {
        const long = effect.held > 0;
        recordSettlement(state, {
          userId,
          ticker: market.ticker,
          eventTicker: market.eventTicker,
          result: market.result ?? 'no',
          value,
          yesCount: long ? effect.held : 0,
          noCount: long ? 0 : -effect.held,
          yesTotalCost: long ? effect.cost : 0,
          noTotalCost: long ? 0 : effect.cost,
          revenue: effect.payout - effect.fee,
          fee: effect.fee,
          settledMs: nowMs,
        });
      }
    }
    if (transient) state.ledger.forgetPosition(userId, market.ticker);
  }
  market.status = 'finalized';
  market.settledMs = nowMs;
  market.updatedMs = nowMs;
  market.openInterest = 0;
  ms.settleAtMs = null;
  emitLifecycle(state, ms, 'settled');
  state.lifecycle.finalized.push(market.ticker);
  releaseSettledMarkets(state);
}

/** Halts or resumes trading; a halt cancels the orders that asked for it, a resume cancels every order. */
export function setMarketPaused(state: EngineState, ms: MarketState, paused: boolean): void {
  if (ms.market.paused === paused) return;
  ms.market.paused = paused;
  ms.market.updatedMs = state.now();
  // Kalshi: "All resting orders are cancelled on this reactivation". Which reason it gives is not
  // documented; HaltCancel, the halt's own, is our reading.
  for (const order of ms.book.restingOrders()) {
    if (!paused || order.cancelOnPause) cancelResting(state, ms, order, 'HaltCancel');
  }
  emitLifecycle(state, ms, paused ? 'deactivated' : 'activated');
}
