// The lifecycle on demand (the simulator's admin API and tests): create a market, close it early, settle
// it with a given result now, pause and resume it. Each checks the market's state first and changes
// nothing when it refuses.
import { engineErrors, fail, ok } from './engine-errors';
import type { EngineState, MarketState } from './engine-state';
import { invalidateSchedule } from './lifecycle-state';
import type { SimMarketSpec } from './market-generator';
import {
  closeMarket,
  type Determination,
  determineMarket,
  emitLifecycle,
  isLive,
  setMarketPaused,
  settleMarket,
} from './market-lifecycle';
import { addMarkets } from './market-setup';
import type { EngineError, EngineResult, SimMarket } from './types';

const wrongState = (ms: MarketState, wanted: string): EngineError => ({
  status: 409,
  code: 'invalid_market_state',
  message: `market is ${ms.market.status}${ms.market.paused ? ' (paused)' : ''}`,
  details: `the market must be ${wanted}`,
});

function find(state: EngineState, ticker: string): EngineResult<MarketState> {
  const ms = state.markets.get(ticker);
  return ms === undefined ? fail(engineErrors.marketNotFound()) : ok(ms);
}

const copy = (ms: MarketState): SimMarket => ({ ...ms.market });

export function createMarket(state: EngineState, spec: SimMarketSpec): EngineResult<SimMarket> {
  if (state.markets.has(spec.ticker)) {
    return fail({ status: 409, code: 'market_already_exists', message: 'market already exists' });
  }
  addMarkets(state, [spec], state.bookUserId);
  return ok(copy(state.markets.get(spec.ticker) as MarketState));
}

/**
 * Closes a market now, ahead of its close_time (announced as close_date_updated), or, given a later
 * `atMs`, moves its close_time there (announced the same way) for the lifecycle to close it then.
 */
export function closeNow(state: EngineState, ticker: string, atMs?: number): EngineResult<SimMarket> {
  const found = find(state, ticker);
  if (!found.ok) return found;
  const ms = found.value;
  if (!isLive(ms)) return fail(wrongState(ms, 'open, paused or not yet open'));
  if (atMs !== undefined && atMs > state.now()) {
    ms.market.closeTimeMs = atMs;
    ms.market.updatedMs = state.now();
    invalidateSchedule(state.lifecycle);
    emitLifecycle(state, ms, 'close_date_updated');
  } else closeMarket(state, ms, true);
  return ok(copy(ms));
}

/**
 * Determines and settles a market now, closing it first if it still trades. A market already determined
 * (automatically) settles only with the result it has; a settled one cannot settle again.
 */
export function settleNow(
  state: EngineState,
  ticker: string,
  determination: Determination,
): EngineResult<SimMarket> {
  const found = find(state, ticker);
  if (!found.ok) return found;
  const ms = found.value;
  const { status, result, settlementValue } = ms.market;
  if (status === 'finalized') return fail(wrongState(ms, 'not yet settled'));
  if (
    status === 'determined' &&
    (result !== determination.result || settlementValue !== determination.value)
  ) {
    return fail(wrongState(ms, `settled with the result it was determined with (${result})`));
  }
  if (isLive(ms)) closeMarket(state, ms, true);
  if (ms.market.status === 'closed') determineMarket(state, ms, determination);
  settleMarket(state, ms);
  return ok(copy(ms));
}

/** Halts (deactivated) or resumes (activated) an open market. */
export function pauseMarket(state: EngineState, ticker: string, paused: boolean): EngineResult<SimMarket> {
  const found = find(state, ticker);
  if (!found.ok) return found;
  const ms = found.value;
  if (ms.market.status !== 'active') return fail(wrongState(ms, 'open'));
  setMarketPaused(state, ms, paused);
  return ok(copy(ms));
}
