// Heap held by 1,000 books of realistic depth (50–100 levels per side), measured as the growth of
// heapUsed + arrayBuffers across forced GCs while the books are built through the BookStore.
import { BookStore } from '../../src/domain/book-store';
import { PRICE_ONE } from '../../src/domain/fixed-point';
import { loadCcxtOrderBook } from '../lib/ccxt-orderbook';
import { footprint } from '../lib/heap';
import { MarketModel, seededRng } from '../lib/market-model';
import { consume } from '../lib/measure';
import { type BenchSection, MB } from '../lib/section';

const MARKETS = 1_000;
const TARGET_BYTES = 50 * 1_048_576;

export const section: BenchSection = {
  name: 'book memory',
  order: 30,
  async run(ctx) {
    const rng = seededRng(7);
    const tickers = Array.from({ length: MARKETS }, (_, i) => `KXMEM-26DEC31-T${1_000 + i}`);
    const flats = tickers.map(() => {
      const model = MarketModel.random(rng, 50, 100);
      return { yes: model.levels('yes').flat(), no: model.levels('no').flat() };
    });
    const levels = flats.reduce((sum, f) => sum + (f.yes.length + f.no.length) / 2, 0);

    const before = footprint();
    const store = new BookStore();
    store.subscribe(1, tickers);
    for (const [i, f] of flats.entries()) {
      store.handleSnapshot({ kind: 'snapshot', sid: 1, seq: i + 1, ticker: tickers[i]!, ...f });
    }
    const used = footprint() - before;
    consume(store.tickers().length + flats.length);

    const { OrderBook } = await loadCcxtOrderBook();
    const before2 = footprint();
    const ccxtBooks = flats.map(
      (f) =>
        new OrderBook({
          bids: pairsOf(f.yes, (p) => p / PRICE_ONE),
          asks: pairsOf(f.no, (p) => (PRICE_ONE - p) / PRICE_ONE),
        }),
    );
    const ccxtUsed = footprint() - before2;
    consume(ccxtBooks.length + flats.length);

    ctx.note(
      `${MARKETS} markets, ${levels.toLocaleString('en-US')} levels (${Math.round(levels / MARKETS / 2)} per side on average)`,
    );
    ctx.note(
      'method: growth of heapUsed + arrayBuffers across forced full GCs (v8 --expose-gc set at runtime)',
    );
    ctx.note(
      `${(used / levels).toFixed(1)} B per level; baseline: ccxt OrderBook × 1,000 with the same levels`,
    );
    ctx.figure({
      name: 'book_memory.book_store',
      label: 'BookStore with 1,000 books',
      value: used / MB,
      unit: 'MB',
      baseline: ccxtUsed / MB,
      baselineLabel: 'ccxt OrderBook × 1,000',
      target: '< 50 MB',
      met: used < TARGET_BYTES,
    });
  },
};

function pairsOf(flat: number[], price: (ticks: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([price(flat[i]!), flat[i + 1]! / 100]);
  return out;
}
