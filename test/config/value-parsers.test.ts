import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dollarsAsMicros, integer, secondsAsMs, tickers, unescapePem } from '../../src/config/value-parsers';
import { formatFixed } from '../../src/domain/fixed-point';

describe('value parsers (properties)', () => {
  it('integer accepts exactly the whole numbers in range', () => {
    const schema = integer(0, 65_535);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (n) => {
        const result = schema.safeParse(String(n));
        expect(result.success).toBe(n >= 0 && n <= 65_535);
        if (result.success) expect(result.data).toBe(n);
      }),
    );
  });

  it('integer never accepts text that is not plain digits', () => {
    const schema = integer(0, 1_000_000);
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*\d+\s*$/.test(text));
        expect(schema.safeParse(text).success).toBe(false);
      }),
    );
  });

  it('dollars round-trip exactly through micro-dollars', () => {
    const schema = dollarsAsMicros(1_000_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.nat({ max: 6 }), (micros, places) => {
        // Any value written with 6 decimals, then with trailing zeros trimmed to `places` when exact.
        const text = formatFixed(micros, 6, places);
        expect(schema.parse(text)).toBe(micros);
      }),
    );
  });

  it('seconds become exact milliseconds', () => {
    const schema = secondsAsMs(1, 3_600_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_600_000 }), (ms) => {
        expect(schema.parse(formatFixed(ms, 3))).toBe(ms);
      }),
    );
  });

  it('ticker lists keep order and drop duplicates and blanks', () => {
    const ticker = fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{0,20}$/).filter((t) => t !== 'DISCOVERY');
    fc.assert(
      fc.property(fc.array(ticker, { minLength: 1, maxLength: 20 }), (list) => {
        const parsed = tickers().parse(` ${list.join(' , ')} ,`);
        expect(parsed).toEqual([...new Set(list)]);
      }),
    );
  });

  it('unescapePem handles \\n and \\r\\n escapes and leaves real newlines alone', () => {
    expect(unescapePem('A\\nB\\r\\nC\nD\n')).toBe('A\nB\nC\nD');
  });
});
