import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedFrame, parseOrderbookFrame } from '../../../src/adapters/kalshi/orderbook-frame-parser';
import { formatCount, formatPrice } from '../../../src/domain/fixed-point';

const KINDS = new Set(['snapshot', 'delta', 'other', 'error']);

function expectWellFormed(out: ParsedFrame): void {
  expect(KINDS.has(out.kind)).toBe(true);
  if (out.kind === 'snapshot') {
    for (const ladder of [out.yes, out.no]) {
      expect(ladder.length % 2).toBe(0);
      for (let i = 0; i < ladder.length; i += 2) {
        expect(Number.isSafeInteger(ladder[i])).toBe(true);
        expect(Number.isSafeInteger(ladder[i + 1])).toBe(true);
        if (i > 0) expect(ladder[i]!).toBeGreaterThan(ladder[i - 2]!);
      }
    }
  }
  if (out.kind === 'delta') {
    expect(Number.isSafeInteger(out.price) && Number.isSafeInteger(out.delta)).toBe(true);
  }
}

// Values that look like the wire: strings, numbers, arrays of pairs, nested objects, junk.
const wireish = fc.oneof(
  fc.constantFrom('0.5600', '10.00', '-54.00', 'abc', '', '1e3', '0.12345', 'yes', 'no'),
  fc.double(),
  fc.integer(),
  fc.array(
    fc.tuple(fc.oneof(fc.string(), fc.double(), fc.constant('0.5000')), fc.oneof(fc.string(), fc.double())),
  ),
  fc.jsonValue(),
);

const orderbookish = fc.record(
  {
    type: fc.constantFrom('orderbook_snapshot', 'orderbook_delta', 'subscribed', 'ok', 'error', 'mystery'),
    id: wireish,
    sid: fc.oneof(fc.nat(), wireish),
    seq: fc.oneof(fc.nat(), wireish),
    msg: fc.oneof(
      fc.record(
        {
          market_ticker: fc.oneof(fc.constant('T-1'), wireish),
          yes_dollars_fp: wireish,
          no_dollars_fp: wireish,
          price_dollars: wireish,
          delta_fp: wireish,
          side: fc.oneof(fc.constantFrom('yes', 'no'), wireish),
          ts_ms: wireish,
          client_order_id: wireish,
        },
        { requiredKeys: [] },
      ),
      wireish,
    ),
  },
  { requiredKeys: [] },
);

// Text built from JSON's own alphabet reaches deeper into JSON.parse than random unicode does.
const jsonishText = fc
  .array(fc.constantFrom(...'{}[]":,.-0123456789e ', 'true', 'null', '"type"', '"orderbook_delta"', '"msg"'))
  .map((parts) => parts.join(''));

describe('parseOrderbookFrame properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonishText), (text) => {
        expectWellFormed(parseOrderbookFrame(text));
      }),
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(parseOrderbookFrame(JSON.stringify(value)));
      }),
    );
  });

  it('never throws on frames shaped almost like orderbook frames', () => {
    fc.assert(
      fc.property(orderbookish, (frame) => {
        expectWellFormed(parseOrderbookFrame(JSON.stringify(frame)));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any valid ladder, in any order, to the sorted integer levels', () => {
    const level = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }));
    const ladder = fc.uniqueArray(level, { selector: (l) => l[0], maxLength: 60 });
    fc.assert(
      fc.property(ladder, fc.boolean(), (levels, asNumbers) => {
        const wire = levels.map(([p, s]) =>
          asNumbers ? [Number(formatPrice(p)), Number(formatCount(s))] : [formatPrice(p), formatCount(s)],
        );
        const out = parseOrderbookFrame(
          JSON.stringify({
            type: 'orderbook_snapshot',
            sid: 1,
            seq: 1,
            msg: { market_ticker: 'T', no_dollars_fp: wire },
          }),
        );
        const expected = [...levels].sort((a, b) => a[0] - b[0]).flat();
        expect(out).toMatchObject({ kind: 'snapshot', yes: [], no: expected });
      }),
    );
  });
});
