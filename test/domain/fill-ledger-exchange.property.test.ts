import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataMessage } from '../../src/adapters/kalshi/messages';
import { parseFill, parsePosition } from '../../src/adapters/kalshi/parse';
import { fillSchema, marketPositionSchema } from '../../src/adapters/kalshi/schemas-portfolio';
import { FillLedger, fillEntry, type LedgerEntry } from '../../src/domain/fill-ledger';
import { checkPosition } from '../../src/domain/fill-ledger-check';
import type { SimFill } from '../../src/sim/engine/types';
import { fillToWire, positionToWire } from '../../src/sim/rest/wire-portfolio';
import { fillMsg } from '../../src/sim/ws/frames';
import { makeExchange, T } from '../sim/engine/engine-fixture';

// The real matching engine makes the history: our user 'u' trades against 'm' on a clock that mostly
// stands still, so one order sweeping several levels makes several fills in one millisecond. Its fills
// reach the ledger through the daemon's own parsers, as WS frames (some lost, doubled, reordered) and as
// REST pages; the position row it is checked against comes through the parser too.

const price = fc.integer({ min: 1, max: 99 }).map((cents) => cents * 100);
const side = fc.constantFrom('bid' as const, 'ask' as const);
const count = fc.oneof(fc.integer({ min: 1, max: 700 }), fc.constantFrom(1, 3, 7, 33, 101));
const op = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('m-rests' as const), side, price, count }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('u-takes' as const), side, price, count }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('u-rests' as const), side, price, count }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('m-takes' as const), side, price, count }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 5 }) }),
  },
);

const wsCopy = (fill: SimFill): LedgerEntry => {
  const parsed = parseDataMessage({ type: 'fill', sid: 3, msg: fillMsg(fill) });
  if (!parsed.ok || parsed.message.type !== 'fill') throw new Error('fill frame did not parse');
  return fillEntry(parsed.message.data);
};
const restCopy = (fill: SimFill): LedgerEntry => fillEntry(parseFill(fillSchema.parse(fillToWire(fill))));

describe('fill ledger against the simulator engine (property)', () => {
  it("equals the exchange's position row after any delivery of the fills it made", () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 5, maxLength: 60 }),
        fc.infiniteStream(fc.nat(2)),
        fc.integer({ min: 1, max: 10 }),
        fc.infiniteStream(fc.nat()),
        (ops, copies, pageSize, keys) => {
          const { exchange, events, order, advance } = makeExchange();
          for (const o of ops) {
            if (o.kind === 'tick') {
              advance(o.ms);
              continue;
            }
            const [user, timeInForce] =
              o.kind === 'm-rests' || o.kind === 'u-rests'
                ? [o.kind[0] as 'm' | 'u', 'good_till_canceled' as const]
                : [o.kind[0] as 'm' | 'u', 'immediate_or_cancel' as const];
            order(user, o.side, o.price, o.count, { timeInForce, selfTradePrevention: 'maker' });
          }
          const ws = events.flatMap((e) => (e.kind === 'fill' && e.fill.userId === 'u' ? [e.fill] : []));
          fc.pre(ws.length > 0);

          const ledger = new FillLedger();
          // WS: each fill 0, 1 or 2 times, in any order.
          const frames = ws.flatMap((f) => Array.from({ length: copies.next().value }, () => wsCopy(f)));
          const shuffled = frames.map((e) => ({ e, k: keys.next().value })).sort((a, b) => a.k - b.k);
          for (const { e } of shuffled) expect(ledger.insert(e)).not.toMatch(/conflict|invalid/);
          // REST: the newest-first listing, page by page, as a quiet sync reads it.
          let cursor: number | null = null;
          do {
            const page = exchange.pageFills('u', {}, cursor, pageSize);
            // A WS copy and a REST copy of one fill must say the same thing, or the second is a conflict.
            expect(ledger.insertAll(page.items.map(restCopy)).rejected).toEqual([]);
            cursor = page.next;
          } while (cursor !== null);

          const row = exchange.getPosition('u', T);
          const parsed = row && parsePosition(marketPositionSchema.parse(positionToWire(row)));
          expect(ledger.size).toBe(ws.length);
          expect(checkPosition(T, ledger.position(T), parsed)).toEqual({ ticker: T, agrees: true });
          expect(ledger.position(T)?.totalTraded).toBe(row?.totalTraded);
          expect(ledger.position(T)?.volume).toBe(row?.volume);
        },
      ),
      { numRuns: 150 },
    );
  });
});
