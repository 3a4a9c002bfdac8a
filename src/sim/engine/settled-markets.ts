// Settled markets the engine still holds: kept for REST reads (GET /markets?status=settled, the
// market itself) up to a cap, the oldest released past it, with every row that names them, so a
// simulator rolling hourly series for weeks holds a bounded number of markets.
import type { EngineState } from './engine-state';

/** Releases the oldest finalized markets past the cap; run after every settlement. */
export function releaseSettledMarkets(state: EngineState): void {
  const { finalized, settledMarketLimit } = state.lifecycle;
  while (finalized.length > settledMarketLimit) {
    const ticker = finalized.shift() as string;
    const ms = state.markets.get(ticker);
    if (ms === undefined || ms.market.status !== 'finalized') continue;
    state.markets.delete(ticker);
    // Flat rows: the payouts are in the balances and, for API users, in their settlement history.
    for (const userId of state.ledger.holders(ticker)) state.ledger.forgetPosition(userId, ticker);
    state.bus.push({ kind: 'removed', ticker });
  }
}

/** How many markets the engine holds, and how many of them are settled. */
export function marketCounts(state: EngineState): { markets: number; settledMarkets: number } {
  return { markets: state.markets.size, settledMarkets: state.lifecycle.finalized.length };
}
