// The order flow's choice of market: uniformly random among the tradable ones, without listing every
// market on every step. Listing copies each market, which at 10,000 markets and thousands of steps a
// second was most of the simulator's CPU; the list is kept and made again when the exchange reports a
// lifecycle change, when a pick finds its market no longer tradable, and after as many picks as there
// are markets (opening at open_time and closing at close_time are silent): about one copy a step. The
// pick itself reads the market in place (a copy per step was 7 % of the CPU at 10,000 markets); a close
// that the clock made due but no sweep has run yet is found by the order it then refuses.

import { randomInt } from '../engine/rng';
import type { SimExchange, SimMarket } from '../engine/types';

const tradable = (m: SimMarket) => m.status === 'active' && !m.paused;

/** Returns the picker; `onList` sees each fresh list of tradable markets. */
export function createMarketPicker(
  exchange: SimExchange,
  rng: () => number,
  onList: (open: readonly SimMarket[]) => void,
): () => Readonly<SimMarket> | undefined {
  let open: readonly SimMarket[] | null = null;
  let picksSinceList = 0;
  exchange.subscribe((e) => {
    if (e.kind === 'lifecycle' || e.kind === 'removed') open = null;
  });

  return () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (open === null || picksSinceList >= open.length) {
        open = exchange.listMarkets({ status: 'active' }).filter(tradable);
        picksSinceList = 0;
        onList(open);
      }
      picksSinceList++;
      const listed = open[randomInt(rng, 0, open.length - 1)];
      if (listed === undefined) return undefined;
      // Read fresh: the listed copy may be older than a close or a pause.
      const market = exchange.peekMarket(listed.ticker);
      if (market !== undefined && tradable(market)) return market;
      open = null;
    }
    return undefined;
  };
}
