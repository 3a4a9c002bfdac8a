// Book apply rate on pre-decoded deltas: our exact integer Orderbook against ccxt's in-memory
// OrderBook (the per-symbol book of ccxt's WebSocket layer) fed the same changes as absolute sizes.
import { PRICE_ONE } from '../../src/domain/fixed-point';
import { Orderbook } from '../../src/domain/orderbook';
import { type CcxtOrderBook, loadCcxtOrderBook } from '../lib/ccxt-orderbook';
import { consume, measureRates, QUICK_RATES } from '../lib/measure';
import type { BenchSection } from '../lib/section';

/** ccxt speaks floats: YES bids as bids in dollars, NO bids as YES asks at $1 − price. */
const toBids = (flat: number[]) => pairs(flat, (p) => p / PRICE_ONE);
const toAsks = (flat: number[]) => pairs(flat, (p) => (PRICE_ONE - p) / PRICE_ONE);

function pairs(flat: number[], price: (ticks: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([price(flat[i]!), flat[i + 1]! / 100]);
  return out;
}

export const section: BenchSection = {
  name: 'book apply',
  order: 20,
  async run(ctx) {
    const { initial, deltas: d } = ctx.stream();
    const { OrderBook, version } = await loadCcxtOrderBook();
    const books = initial.map(() => new Orderbook());
    const ccxtBooks: CcxtOrderBook[] = initial.map(() => new OrderBook());
    const ccxtPrice = new Float64Array(d.count);
    const ccxtSize = new Float64Array(d.count);
    for (let i = 0; i < d.count; i++) {
      ccxtPrice[i] = d.side[i] === 0 ? d.price[i]! / PRICE_ONE : (PRICE_ONE - d.price[i]!) / PRICE_ONE;
      ccxtSize[i] = d.size[i]! / 100;
    }
    let rejected = 0;
    const [ours = 0, theirs = 0] = measureRates(
      [
        {
          prepare: () => {
            for (const [m, book] of books.entries()) book.applySnapshot(initial[m]!.yes, initial[m]!.no);
          },
          pass: () => {
            const { count, market, side, price, delta } = d;
            let bad = 0;
            for (let i = 0; i < count; i++) {
              if (
                books[market[i]!]!.applyDelta(side[i] === 0 ? 'yes' : 'no', price[i]!, delta[i]!) !== 'ok'
              ) {
                bad++;
              }
            }
            rejected = bad;
          },
        },
        {
          // ccxt keeps the row arrays it is given and mutates them, so each pass gets fresh ones.
          prepare: () => {
            for (const [m, book] of ccxtBooks.entries()) {
              book.reset({ bids: toBids(initial[m]!.yes), asks: toAsks(initial[m]!.no) });
            }
          },
          pass: () => {
            const { count, market, side } = d;
            for (let i = 0; i < count; i++) {
              const book = ccxtBooks[market[i]!]!;
              (side[i] === 0 ? book.bids : book.asks).store(ccxtPrice[i]!, ccxtSize[i]!);
            }
          },
        },
      ],
      { itemsPerPass: d.count, ...(ctx.options.quick ? QUICK_RATES : {}) },
    );

    ctx.note(`${d.count.toLocaleString('en-US')} deltas over ${books.length} markets; median of 5 rounds`);
    ctx.note(`baseline: ccxt ${version} OrderBook side.store, fed the same changes as absolute sizes`);
    ctx.figure({
      name: 'book_apply.apply_delta',
      label: 'Orderbook.applyDelta',
      value: ours,
      unit: 'msg/s',
      baseline: theirs,
      baselineLabel: `ccxt ${version} side.store`,
      target: '≥ 5×',
      met: ours / theirs >= 5,
    });
    let agree = rejected === 0;
    books.forEach((book, m) => {
      const c = ccxtBooks[m]!;
      agree &&= book.yes.count === c.bids.length && book.no.count === c.asks.length;
      agree &&= c.bids.length === 0 || c.bids[0]![0] === book.bestYesBid()! / PRICE_ONE;
      agree &&= c.asks.length === 0 || c.asks[0]![0] === book.yesAsk()! / PRICE_ONE;
    });
    consume(books.length);
    ctx.note(`check: both books agree after the stream: ${agree ? 'yes' : 'NO ← SANITY CHECK FAILED'}`);
  },
};
