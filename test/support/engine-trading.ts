// Property-test generators of a trading history on the simulator's matching engine, shared by the fill
// ledger's engine properties: our user 'u' and another 'm' resting (GTC) and taking (IOC) at random prices
// and sizes, with clock ticks between that mostly leave several fills in one millisecond.
import fc from 'fast-check';
import type { makeExchange } from '../sim/engine/engine-fixture';

const price = fc.integer({ min: 1, max: 99 }).map((cents) => cents * 100);
const side = fc.constantFrom('bid' as const, 'ask' as const);
const count = fc.oneof(fc.integer({ min: 1, max: 700 }), fc.constantFrom(1, 3, 7, 33, 101));

export const engineOp = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('m-rests' as const), side, price, count }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('u-takes' as const), side, price, count }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('u-rests' as const), side, price, count }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('m-takes' as const), side, price, count }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 5 }) }),
  },
);

type EngineOp = typeof engineOp extends fc.Arbitrary<infer T> ? T : never;

/** Plays the ops on the engine, each order with self-trade prevention `maker` (the resting side is canceled). */
export function playOps(engine: ReturnType<typeof makeExchange>, ops: readonly EngineOp[]): void {
  for (const o of ops) {
    if (o.kind === 'tick') {
      engine.advance(o.ms);
      continue;
    }
    const user = o.kind[0] as 'm' | 'u';
    const rests = o.kind === 'm-rests' || o.kind === 'u-rests';
    engine.order(user, o.side, o.price, o.count, {
      timeInForce: rests ? 'good_till_canceled' : 'immediate_or_cancel',
      selfTradePrevention: 'maker',
    });
  }
}
