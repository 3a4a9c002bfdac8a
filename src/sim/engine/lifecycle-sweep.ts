// The time-driven half of the lifecycle, run before every engine operation and on the server's tick:
// rolling series create their next events, markets open at open_time and close at close_time, closed
// markets are determined after the determination delay and pay out after the settlement timer. Between
// due times a sweep costs one comparison.
import { PRICE_ONE } from '../../domain/fixed-point';
import type { EngineState, MarketState } from './engine-state';
import { closeMarket, type Determination, determineMarket, NO, settleMarket, YES } from './market-lifecycle';
import { rollSeries } from './series-roll';

export function sweepLifecycle(state: EngineState): void {
  const lifecycle = state.lifecycle;
  const nowMs = state.now();
  if (nowMs < lifecycle.nextDueMs) return;
  let next = rollSeries(state, nowMs);
  for (const ms of state.markets.values()) next = Math.min(next, advance(state, ms, nowMs));
  // Anything the steps above rescheduled was found in this same pass.
  lifecycle.nextDueMs = next;
}

/** Moves one market through every step already due; returns when its next step is. */
function advance(state: EngineState, ms: MarketState, nowMs: number): number {
  const market = ms.market;
  if (market.status === 'initialized') {
    if (nowMs < market.openTimeMs) return market.openTimeMs;
    // Implicit on Kalshi: no `activated` event when open_time passes.
    market.status = 'active';
    market.updatedMs = nowMs;
  }
  if (market.status === 'active') {
    if (nowMs < market.closeTimeMs) return market.closeTimeMs;
    closeMarket(state, ms, false);
  }
  if (market.status === 'closed') {
    if (ms.determineAtMs === null) {
      const delay = state.lifecycle.determinationDelayMs;
      if (delay === null) return Number.POSITIVE_INFINITY;
      ms.determineAtMs = nowMs + delay; // a market that started closed
    }
    if (nowMs < ms.determineAtMs) return ms.determineAtMs;
    determineMarket(state, ms, automaticResult(state, ms), ms.determineAtMs);
  }
  if (market.status === 'determined') {
    ms.settleAtMs ??= nowMs + state.lifecycle.settlementTimerMs;
    if (nowMs < ms.settleAtMs) return ms.settleAtMs;
    settleMarket(state, ms);
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Yes with the probability the market last traded at (50 % if it never traded), drawn once per event so
 * the strikes of one event resolve consistently (a yes above 60 comes with a yes above 55), and from the
 * seed so a run replays.
 */
export function automaticResult(state: EngineState, ms: MarketState): Determination {
  const probability = ms.market.lastPrice ?? PRICE_ONE / 2;
  return unitDraw(state.lifecycle.seed, ms.market.eventTicker) * PRICE_ONE < probability ? YES : NO;
}

/** A number in [0, 1) from a seed and a string (FNV-1a, then a murmur finalizer). */
function unitDraw(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
