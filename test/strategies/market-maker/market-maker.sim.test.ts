// The market maker on the whole daemon and its embedded simulator, judged by the simulator's own records
// (its orders, fills, positions and books for the daemon's key), never by the daemon's view: it quotes
// both sides, the flow fills it, it skews against what it holds, and it never passes a limit.
import { describe, expect, it, vi } from 'vitest';
import { PRICE_ONE } from '../../../src/domain/fixed-point';
import type { SimOrder } from '../../../src/sim/engine/types';
import type { Daemon } from '../../support/daemon-harness';
import { useDaemon } from '../../support/fixtures';

const daemons = useDaemon();
const MAX_ORDERS = 6;
const PARAMS = { size: 1, max_position: 2, skew_ticks_per_contract: 2, spread_ticks: 2, requote_ticks: 1 };

function exchangeOf(daemon: Daemon) {
  const user = daemon.exchange.credentials.keyId;
  const sim = daemon.exchange.sim.exchange;
  return {
    sim,
    resting: () => sim.listOrders(user, { status: 'resting' }),
    fills: () => sim.listFills(user),
    positions: () => sim.listPositions(user),
  };
}

/** The mid of what everyone else shows in a market: the simulator's book with our orders taken out. */
function othersMid(
  sim: ReturnType<typeof exchangeOf>['sim'],
  ticker: string,
  ours: SimOrder[],
): number | null {
  const book = sim.getBook(ticker);
  if (!book) return null;
  const own = (side: 'bid' | 'ask', price: number) =>
    ours
      .filter((o) => o.ticker === ticker && o.side === side && o.price === price)
      .reduce((n, o) => n + o.remainingCount, 0);
  // Levels ascend: the best is last. A NO bid at q is a YES ask at $1 − q.
  const bid = [...book.yes].reverse().find(([p, size]) => size - own('bid', p) > 0)?.[0];
  const noBid = [...book.no].reverse().find(([q, size]) => size - own('ask', PRICE_ONE - q) > 0)?.[0];
  return bid === undefined || noBid === undefined ? null : (bid + PRICE_ONE - noBid) / 2;
}

describe('market maker on the simulator', () => {
  it('quotes both sides, gets filled, skews with inventory, and never passes a limit', async () => {
    const daemon = await daemons.start({
      V3_STRATEGY: 'market_maker',
      V3_STRATEGY_PARAMS: JSON.stringify(PARAMS),
      V3_MAX_MARKETS: '2',
      V3_SIM_RATE: '300',
      V3_MAX_ORDERS: String(MAX_ORDERS),
      V3_MAX_POSITION_SIZE: '3',
      V3_LOG_LEVEL: 'warn',
    });
    await daemon.waitForState('ready');
    const ex = exchangeOf(daemon);
    const markets = daemon.trader.ports.getStatus().markets;

    // Limits, checked on the exchange's records all along the run.
    let samples = 0;
    const worst = { orders: 0, position: 0 };
    const watch = setInterval(() => {
      samples++;
      worst.orders = Math.max(worst.orders, ex.resting().length);
      for (const p of ex.positions()) worst.position = Math.max(worst.position, Math.abs(p.position));
    }, 20);
    try {
      // Both sides quoted in every market.
      await vi.waitFor(
        () => {
          const resting = ex.resting();
          for (const t of markets) {
            expect(
              resting
                .filter((o) => o.ticker === t)
                .map((o) => o.side)
                .sort(),
            ).toEqual(['ask', 'bid']);
          }
        },
        { timeout: 15_000, interval: 50 },
      );
      // The flow's takers hit its quotes until it holds a position somewhere.
      await vi.waitFor(
        () => {
          expect(ex.fills().length).toBeGreaterThanOrEqual(3);
          expect(ex.positions().some((p) => p.position !== 0)).toBe(true);
        },
        { timeout: 30_000, interval: 50 },
      );
      // Quiet books: the quotes settle where the strategy wants them, and can be judged.
      daemon.exchange.sim.flow.setRunning(false);
      await vi.waitFor(
        () => {
          const resting = ex.resting();
          const held = ex.positions().filter((p) => p.position !== 0);
          expect(held.length).toBeGreaterThan(0);
          for (const { ticker, position } of held) {
            const quotes = resting.filter((o) => o.ticker === ticker);
            const bid = quotes.find((o) => o.side === 'bid');
            const ask = quotes.find((o) => o.side === 'ask');
            const mid = othersMid(ex.sim, ticker, resting);
            expect(mid).not.toBeNull();
            // At the cap the side that would add to it is gone.
            if (position >= PARAMS.max_position * 100) expect(bid).toBeUndefined();
            if (position <= -PARAMS.max_position * 100) expect(ask).toBeUndefined();
            // Skewed: the side that reduces the position sits closer to the fair value than the other.
            if (bid && ask && mid !== null) {
              const bidGap = mid - bid.price;
              const askGap = ask.price - mid;
              if (position > 0) expect(askGap).toBeLessThan(bidGap);
              else expect(bidGap).toBeLessThan(askGap);
            }
          }
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      clearInterval(watch);
    }
    expect(samples).toBeGreaterThan(0);
    expect(worst.orders).toBeLessThanOrEqual(MAX_ORDERS);
    expect(worst.position).toBeLessThanOrEqual(PARAMS.max_position * 100);
    // Earned or lost: every fill is the exchange's record of a trade at a price.
    expect(ex.fills().every((f) => f.price > 0 && f.price < PRICE_ONE)).toBe(true);
    expect(daemon.trader.ports.getStatus().strategy).toMatchObject({ name: 'market_maker', paused: false });
  }, 60_000);
});
