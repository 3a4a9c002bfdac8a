import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFill, parsePosition } from '../../src/adapters/kalshi/parse';
import { fillSchema, marketPositionSchema } from '../../src/adapters/kalshi/schemas-portfolio';
import { FillLedger, fillEntry, settlementEntry } from '../../src/domain/fill-ledger';
import { checkPosition } from '../../src/domain/fill-ledger-check';
import { parseMoney } from '../../src/domain/fixed-point';
import type { Determination } from '../../src/sim/engine';
import { fillToWire, positionToWire, settlementToWire } from '../../src/sim/rest/wire-portfolio';
import { makeExchange, T } from '../sim/engine/engine-fixture';
import { engineOp, playOps } from '../support/engine-trading';

// The simulator settles what the real matching engine left 'u' holding; the daemon's ledger folds the
// user's fills (as REST rows) plus the settlement entry built from the GET /portfolio/settlements row,
// and must land on the exchange's position row to the micro-dollar: position 0, no basis, the payout
// realized against the whole basis, a sub-cent scalar rest as a fee, traded and volume untouched.

const determination: fc.Arbitrary<Determination> = fc.oneof(
  fc.constant({ result: 'yes' as const, value: 10_000 }),
  fc.constant({ result: 'no' as const, value: 0 }),
  fc.integer({ min: 0, max: 100 }).map((cents) => ({ result: 'scalar' as const, value: cents * 100 })),
);

describe('fill ledger: settlement against the simulator engine (property)', () => {
  it("folds the fills and the settlement row into the exchange's position row", () => {
    fc.assert(
      fc.property(fc.array(engineOp, { minLength: 3, maxLength: 50 }), determination, (ops, outcome) => {
        const engine = makeExchange();
        const { exchange, advance } = engine;
        playOps(engine, ops);
        const held = exchange.getPosition('u', T)?.position ?? 0;
        fc.pre(held !== 0);
        const cash = exchange.getAccount('u').balance;
        advance(1);
        expect(exchange.settleMarket(T, outcome).ok).toBe(true);

        const ledger = new FillLedger();
        const fills = exchange
          .listFills('u')
          .map((f) => fillEntry(parseFill(fillSchema.parse(fillToWire(f)))));
        expect(ledger.insertAll(fills).rejected).toEqual([]);
        const [row, ...others] = exchange.pageSettlements('u', {}, null, 100).items.map(settlementToWire);
        expect(others).toEqual([]);
        if (row === undefined) throw new Error('no settlement row');
        const result = row.market_result === 'scalar' ? { yesValue: row.value * 100 } : row.market_result;
        const entry = settlementEntry(
          row.ticker,
          result,
          Date.parse(row.settled_time),
          parseMoney(row.fee_cost),
        );
        expect(ledger.insert(entry)).toBe('appended');

        const position = exchange.getPosition('u', T);
        const parsed = position && parsePosition(marketPositionSchema.parse(positionToWire(position)));
        expect(checkPosition(T, ledger.position(T), parsed)).toEqual({ ticker: T, agrees: true });
        expect(ledger.position(T)).toMatchObject({
          position: 0,
          exposure: 0,
          totalTraded: position?.totalTraded,
          volume: position?.volume,
        });
        // What the balance got is the row's revenue, in cents.
        expect(exchange.getAccount('u').balance - cash).toBe(row.revenue * 10_000);
        expect(row.yes_count_fp === '0.00').toBe(held < 0);
      }),
      { numRuns: 200 },
    );
  });
});
