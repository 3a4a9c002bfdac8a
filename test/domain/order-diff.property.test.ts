// The desired-orders diff against a toy exchange: applying its steps makes the resting set equal the
// desired set, and orders in flight are never touched nor duplicated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DesiredOrder, type DiffStep, diffOrders, type LiveOrder } from '../../src/domain/order-diff';

const shape = fc.record({
  side: fc.constantFrom('bid' as const, 'ask' as const),
  // A narrow grid, so exact matches, same-price resizes and reprices all happen often.
  price: fc.integer({ min: 1, max: 6 }).map((n) => n * 100),
  count: fc.integer({ min: 1, max: 4 }).map((n) => n * 100),
});
const desiredArb = fc.array(shape, { maxLength: 5 });
const liveArb = fc.array(fc.record({ shape, inFlight: fc.boolean() }), { maxLength: 6 }).map((rows) =>
  rows.map(
    ({ shape: s, inFlight }, i): LiveOrder => ({
      key: `k${i}`,
      side: s.side,
      price: s.price,
      remainingCount: s.count,
      inFlight,
    }),
  ),
);

/** The exchange's view after the steps: in-flight orders stay as they are, whatever they become. */
function apply(live: readonly LiveOrder[], steps: readonly DiffStep[]): LiveOrder[] {
  const book = new Map(live.map((o) => [o.key, { ...o }]));
  let next = 0;
  for (const step of steps) {
    if (step.kind === 'place') {
      const key = `new${next++}`;
      book.set(key, { key, side: step.side, price: step.price, remainingCount: step.count, inFlight: false });
      continue;
    }
    const order = book.get(step.key);
    if (order === undefined) throw new Error(`step on unknown order ${step.key}`);
    if (order.inFlight) throw new Error(`step on in-flight order ${step.key}`);
    if (step.kind === 'cancel') book.delete(step.key);
    else if (step.kind === 'decrease') {
      if (step.remainingCount >= order.remainingCount) throw new Error('a decrease that does not decrease');
      order.remainingCount = step.remainingCount;
    } else {
      order.price = step.price;
      order.remainingCount = step.remainingCount;
    }
  }
  return [...book.values()];
}

const canon = (orders: readonly { side: string; price: number; count?: number; remainingCount?: number }[]) =>
  orders.map((o) => `${o.side}@${o.price}x${o.count ?? o.remainingCount}`).sort();

const settled = (orders: readonly LiveOrder[]) => orders.map((o) => ({ ...o, inFlight: false }));

describe('desired-orders diff', () => {
  it('makes the resting set equal the desired set when nothing is in flight', () => {
    fc.assert(
      fc.property(desiredArb, liveArb, (desired, liveAll) => {
        const live = settled(liveAll);
        const after = apply(live, diffOrders(desired, live));
        expect(canon(after)).toEqual(canon(desired));
      }),
    );
  });

  it('never touches nor duplicates an order in flight, and converges once it settles', () => {
    fc.assert(
      fc.property(desiredArb, liveArb, (desired, live) => {
        const steps = diffOrders(desired, live);
        const after = apply(live, steps); // throws on a step against an in-flight order
        for (const side of ['bid', 'ask'] as const) {
          const want = desired.filter((d) => d.side === side).length;
          const before = live.filter((o) => o.side === side).length;
          const now = after.filter((o) => o.side === side).length;
          // A side grows only up to what is desired, counting the in-flight orders as if they rest.
          expect(now).toBeLessThanOrEqual(Math.max(want, before));
          if (steps.some((s) => s.kind === 'place' && s.side === side)) expect(now).toBeLessThanOrEqual(want);
        }
        // An in-flight order of a desired shape satisfies it: that shape is not placed again.
        for (const step of steps) {
          if (step.kind !== 'place') continue;
          const sameShape = (o: { side: string; price: number; remainingCount: number }) =>
            o.side === step.side && o.price === step.price && o.remainingCount === step.count;
          const wanted = desired.filter(
            (d) => d.side === step.side && d.price === step.price && d.count === step.count,
          ).length;
          expect(after.filter(sameShape).length).toBeLessThanOrEqual(wanted);
        }
        // The in-flight orders settle as they are; the next diff then reaches the desired set.
        const next = settled(after);
        expect(canon(apply(next, diffOrders(desired, next)))).toEqual(canon(desired));
      }),
    );
  });

  it('keeps exact matches, decreases at the same price, amends otherwise, risk-reducing steps first', () => {
    const live: LiveOrder[] = [
      { key: 'keep', side: 'bid', price: 4000, remainingCount: 100, inFlight: false },
      { key: 'shrink', side: 'bid', price: 3900, remainingCount: 300, inFlight: false },
      { key: 'move', side: 'ask', price: 6000, remainingCount: 100, inFlight: false },
      { key: 'drop', side: 'ask', price: 6500, remainingCount: 100, inFlight: false },
    ];
    const desired: DesiredOrder[] = [
      { side: 'bid', price: 4000, count: 100 },
      { side: 'bid', price: 3900, count: 100 },
      { side: 'ask', price: 5900, count: 100 },
    ];
    expect(diffOrders(desired, live)).toEqual([
      { kind: 'decrease', key: 'shrink', remainingCount: 100 },
      { kind: 'cancel', key: 'drop' },
      { kind: 'amend', key: 'move', price: 5900, remainingCount: 100 },
    ]);
  });

  it('holds a place back while an unsettled order sits on that side', () => {
    const live: LiveOrder[] = [{ key: 'p', side: 'bid', price: 4000, remainingCount: 100, inFlight: true }];
    expect(diffOrders([{ side: 'bid', price: 4100, count: 100 }], live)).toEqual([]);
    expect(diffOrders([{ side: 'ask', price: 6000, count: 100 }], live)).toEqual([
      { kind: 'place', side: 'ask', price: 6000, count: 100 },
    ]);
  });
});
