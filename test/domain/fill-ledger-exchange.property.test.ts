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
import { engineOp, playOps } from '../support/engine-trading';

// The real matching engine makes the history: our user 'u' trades against 'm' on a clock that mostly
// stands still, so one order sweeping several levels makes several fills in one millisecond. Its fills
// reach the ledger through the daemon's own parsers, as WS frames (some lost, doubled, reordered) and as
// REST pages; the position row it is checked against comes through the parser too.

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
        fc.array(engineOp, { minLength: 5, maxLength: 60 }),
        fc.infiniteStream(fc.nat(2)),
        fc.integer({ min: 1, max: 10 }),
        fc.infiniteStream(fc.nat()),
        (ops, copies, pageSize, keys) => {
          const engine = makeExchange();
          const { exchange, events } = engine;
          playOps(engine, ops);
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
