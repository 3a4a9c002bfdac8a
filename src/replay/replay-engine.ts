// What answers another strategy's own orders in a replay: the simulator's matching engine behind its own
// REST routes, in-process, for the portfolio endpoints. Each market's resting liquidity is the replayed
// book (the recorded market at that moment), re-seeded before every request and every second, so the
// strategy's orders fill when the recorded market trades through them (queue position is not modelled).
import type { KeyObject } from 'node:crypto';
import { PRICE_ONE } from '../domain/fixed-point';
import type { OrderbookView } from '../domain/orderbook';
import type { RestEntry } from '../record/recording-format';
import type { VirtualClock } from '../runtime/virtual-clock';
import { createSimKeyRegistry } from '../sim/auth-verify';
import { PRICE_LEVEL_STRUCTURES, type PriceLevelStructure } from '../sim/engine/price-grid';
import { createSimExchange } from '../sim/engine/sim-exchange';
import type { SimLadder } from '../sim/engine/types';
import { createSimRestApp } from '../sim/rest/app';

/** How often the engine's books follow the replayed ones between requests. */
const RESEED_MS = 1_000;

export interface EngineBooks {
  tickers(): string[];
  getBook(ticker: string): OrderbookView | undefined;
}

const ladder = (book: OrderbookView, side: 'yes' | 'no'): SimLadder => {
  const view = book.ladder(side);
  const out: SimLadder = [];
  for (let i = 0; i < view.count; i++) out.push([view.priceAt(i), view.sizeAt(i)]);
  return out;
};

/** Each market's price grid, from the recorded market listings: the engine must accept the same prices. */
export function recordedPriceGrids(entries: readonly RestEntry[]): Map<string, PriceLevelStructure> {
  const grids = new Map<string, PriceLevelStructure>();
  for (const e of entries) {
    if (e.m !== 'GET' || !e.p.startsWith('/trade-api/v2/markets') || e.s !== 200 || e.b === undefined)
      continue;
    try {
      const body = JSON.parse(e.b) as { markets?: { ticker?: unknown; price_level_structure?: unknown }[] };
      for (const m of body.markets ?? []) {
        const grid = PRICE_LEVEL_STRUCTURES.find((s) => s === m.price_level_structure);
        if (typeof m.ticker === 'string' && grid) grids.set(m.ticker, grid);
      }
    } catch {
      // Not a listing (or cut short): it names no grid.
    }
  }
  return grids;
}

export function createReplayEngine(
  clock: VirtualClock,
  key: { keyId: string; publicKey: KeyObject },
  grids: ReadonlyMap<string, PriceLevelStructure>,
) {
  const exchange = createSimExchange({ now: clock.now, markets: { count: 0 }, seed: 1 });
  const keys = createSimKeyRegistry();
  keys.register(key.keyId, key.publicKey);
  const app = createSimRestApp({ exchange, keys, now: clock.now, limits: false });
  let books: EngineBooks | undefined;
  const known = new Set<string>();

  /** The book user's liquidity becomes the replayed book's, level for level. */
  function reseed(): void {
    if (books === undefined) return;
    for (const ticker of books.tickers()) {
      const book = books.getBook(ticker);
      if (!book?.valid) continue;
      if (!known.has(ticker)) {
        const grid = grids.get(ticker);
        exchange.addMarkets([{ ticker, status: 'active', ...(grid ? { priceLevelStructure: grid } : {}) }]);
        known.add(ticker);
      }
      exchange.cancelAll(exchange.bookUserId, ticker);
      for (const [side, levels] of [
        ['bid', ladder(book, 'yes')],
        ['ask', ladder(book, 'no')],
      ] as const) {
        for (const [price, count] of levels) {
          // A NO bid at p is a YES ask at $1 − p.
          const yesPrice = side === 'bid' ? price : PRICE_ONE - price;
          exchange.createOrder({
            userId: exchange.bookUserId,
            ticker,
            side,
            price: yesPrice,
            count,
            timeInForce: 'good_till_canceled',
            selfTradePrevention: 'taker_at_cross',
          });
        }
      }
    }
  }

  return {
    /** Starts following the replayed books. */
    follow(source: EngineBooks): void {
      books = source;
      clock.setInterval(reseed, RESEED_MS);
    },
    async answer(method: string, url: string, headers: HeadersInit | undefined, body: string | undefined) {
      reseed();
      return app.request(url, {
        method,
        ...(headers ? { headers } : {}),
        ...(body === undefined ? {} : { body }),
      });
    },
  };
}
