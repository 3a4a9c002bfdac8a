// A test strategy that churns: in each of its markets it alternates sides and, turn by turn, takes the
// touch with an immediate-or-cancel order or joins it with a resting one, so that on the simulator it is
// filled often and both ways, also while the feed is down (the simulator's flow hits resting orders). It
// realizes PnL and pays fees. For the ledger's fault tests and the trials until the market maker exists;
// never for real money (it never cancels: the risk gate's open-order limit bounds what rests).
import type { Strategy, StrategyContext } from '../../src/actors/strategy/strategy-types';

export interface ChurnOptions {
  /** Least time between two orders in one market. */
  everyMs?: number;
  /** Size of each order, centi-contracts. */
  count?: number;
  /** Holding (centi-contracts, either side) past which it only trades back toward flat. */
  maxPosition?: number;
}

export function churnStrategy(opts: ChurnOptions = {}): Strategy {
  const everyMs = opts.everyMs ?? 400;
  const count = opts.count ?? 100;
  const max = opts.maxPosition ?? 500;
  let context: StrategyContext | undefined;
  const turns = new Map<string, { lastMs: number; n: number }>();
  return {
    name: 'churn-test',
    start(c) {
      context = c;
    },
    onBook({ ticker, book }) {
      if (context === undefined || !book.fresh) return undefined;
      const now = context.now();
      const turn = turns.get(ticker) ?? { lastMs: 0, n: 0 };
      if (now - turn.lastMs < everyMs) return undefined;
      const held = context.trading().positions[ticker]?.position ?? 0;
      const buy = held >= max ? false : held <= -max ? true : turn.n % 2 === 0;
      const take = turn.n % 4 < 2;
      // Taking: a YES buy at the best offer, a sale at the best bid. Joining: the other way round.
      const price = buy === take ? book.yesAsk() : book.bestYesBid();
      if (price === null) return undefined;
      turns.set(ticker, { lastMs: now, n: turn.n + 1 });
      return [
        {
          ticker,
          side: buy ? 'bid' : 'ask',
          price,
          count,
          timeInForce: take ? 'immediate_or_cancel' : 'good_till_canceled',
          reason: take ? 'churn: take' : 'churn: join',
        },
      ];
    },
  };
}
