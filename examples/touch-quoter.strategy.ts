// A worked third-party strategy: joins the best bid with one small order in each market whose spread is
// wide enough, and steps away when it narrows or the feed goes down. Run it with
//
//   V3_STRATEGY=examples/touch-quoter.strategy.ts V3_STRATEGY_PARAMS='{"min_spread_cents": 3}' npm start
//
// A strategy module exports `createStrategy(params)` returning a Strategy, and optionally a zod
// `paramsSchema`: the daemon checks V3_STRATEGY_PARAMS against it at start-up (a bad value exits 2
// naming the field). Prices are integer ticks of $0.0001, counts integer hundredths of a contract.
import { z } from 'zod';
import type { Intents, Strategy, StrategyContext } from '../src/actors/strategy/strategy-types';
import type { DesiredOrder } from '../src/domain/order-diff';

export const paramsSchema = z
  .object({
    min_spread_cents: z.number().int().min(1).max(99).default(3),
    contracts: z.number().int().min(1).max(100).default(1),
  })
  .strict();

type Params = z.output<typeof paramsSchema>;

export function createStrategy(params: Params): Strategy {
  let ctx: StrategyContext | undefined;
  let fills = 0;

  /** The orders this market should hold now: one bid at the touch, or none. */
  function wanted(c: StrategyContext, ticker: string): DesiredOrder[] {
    const book = c.book(ticker);
    if (!c.feedUp() || book === undefined || !book.fresh) return [];
    const bid = book.bestYesBid();
    const spread = book.spread();
    if (bid === null || spread === null || spread < params.min_spread_cents * 100) return [];
    return [{ side: 'bid', price: bid, count: params.contracts * 100 }];
  }

  function decide(ticker: string): Intents {
    const c = ctx;
    if (c === undefined) return undefined;
    const orders = wanted(c, ticker);
    // Nothing to send when what rests already matches: no request, no `acting`.
    if (c.diff(ticker, orders).length === 0) return undefined;
    return [{ kind: 'desired', ticker, orders, placeOptions: { postOnly: true }, reason: 'touch quoter' }];
  }

  return {
    name: 'touch-quoter',
    params,
    timerIntervalMs: 2_000,
    start(context) {
      ctx = context;
    },
    onBook: ({ ticker }) => decide(ticker),
    onTimer: () => ctx?.markets.flatMap((ticker) => decide(ticker) ?? []),
    onFeed: () => ctx?.markets.flatMap((ticker) => decide(ticker) ?? []),
    onFill(fill) {
      fills++;
      console.log(
        `touch-quoter: fill #${fills} ${fill.ticker} ${fill.side} ${fill.count / 100} @ ${fill.price / 100}¢`,
      );
      return undefined;
    },
    onOutcome(intent, outcome) {
      if (outcome.outcome === 'blocked' || outcome.outcome === 'rejected')
        console.log(`touch-quoter: ${intent.kind ?? 'place'} ${outcome.outcome}`, outcome);
    },
  };
}
