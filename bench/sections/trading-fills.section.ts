// Fills through the trading actor: each a FILL event folded into the ledger beside the actor, the
// snapshot taking the market's new figures and today's total. What the inspector relays per event is the
// snapshot, so its size is printed against the ledger's: it must not grow with the number of fills.
import { createActor } from 'xstate';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import type { Fill } from '../../src/domain/trading-types';
import { seededRng } from '../lib/market-model';
import { measureRates } from '../lib/measure';
import { type BenchSection, fmtRate } from '../lib/section';

const MARKETS = 20;
const FILLS = 20_000;
const DAY = Date.UTC(2026, 5, 1);

function fills(count: number, seed: number, from = 0): Fill[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const id = i.toString(16).padStart(12, '0');
    return {
      fillId: id,
      tradeId: id,
      orderId: `o-${i}`,
      clientOrderId: null,
      ticker: `KXBENCH-26JUN01-T${Math.floor(rng() * MARKETS)}`,
      side: rng() < 0.5 ? 'bid' : 'ask',
      price: 100 + Math.floor(rng() * 9_800),
      count: 1 + Math.floor(rng() * 1_000),
      isTaker: rng() < 0.5,
      fee: Math.floor(rng() * 20_000),
      tsMs: DAY + i * 10,
    };
  });
}

export const section: BenchSection = {
  name: 'trading actor fills',
  order: 41,
  run(ctx) {
    const history = fills(FILLS, 21);
    let actor = createActor(tradingLogic, { input: {} });
    const [rate = 0] = measureRates(
      [
        {
          prepare: () => {
            actor.stop();
            actor = createActor(tradingLogic, { input: {} }).start();
          },
          pass: () => {
            for (const fill of history) actor.send({ type: 'FILL', fill, atMs: fill.tsMs });
          },
        },
      ],
      { itemsPerPass: FILLS, rounds: 3 },
    );
    ctx.note(`${FILLS.toLocaleString('en-US')} WS fills over ${MARKETS} markets, one actor`);
    ctx.row('FILL events through the trading actor', fmtRate(rate).replace('msg', 'fill'));
    const small = JSON.stringify(actor.getSnapshot().context).length;
    for (const fill of fills(FILLS * 4, 22, FILLS)) actor.send({ type: 'FILL', fill, atMs: fill.tsMs });
    const large = JSON.stringify(actor.getSnapshot().context).length;
    const entries = actor.getSnapshot().context.ledger.entries;
    ctx.row(`snapshot JSON, ${FILLS.toLocaleString('en-US')} fills`, `${small.toLocaleString('en-US')} B`);
    ctx.row(`snapshot JSON, ${entries.toLocaleString('en-US')} fills`, `${large.toLocaleString('en-US')} B`);
    actor.stop();
  },
};
