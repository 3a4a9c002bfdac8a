// The scanner's byte readers against what they stand in for: decimals against parseFixed, integers and
// skipped scalars against JSON.parse. Each may refuse more, never accept what the original refuses
// nor read a value differently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, ByteCursor } from '../../../src/adapters/kalshi/json-bytes';
import { parseFixed } from '../../../src/domain/fixed-point';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../support/fuzz';

const cursorOn = (text: string): ByteCursor => {
  const cursor = new ByteCursor();
  cursor.reset(Buffer.from(text, 'utf8'));
  return cursor;
};

const numberish = fc
  .array(fc.constantFrom(...'0123456789', '.', '-', '+', 'e', 'E', ' ', '00', '9007199254740993'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

describe('ByteCursor readers', () => {
  it(
    'reads a decimal string exactly as parseFixed does, NaN included',
    () => {
      fc.assert(
        fc.property(numberish, fc.constantFrom(0, 2, 4), (text, decimals) => {
          expect(cursorOn(`"${text}"`).decimal(decimals)).toBe(parseFixed(text, decimals));
        }),
        fuzzParams(5_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads an unsigned integer only where JSON.parse reads that same safe integer',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(numberish, fc.nat().map(String), fc.bigInt({ min: 0n, max: 2n ** 60n }).map(String)),
          (text) => {
            const cursor = cursorOn(text);
            const value = cursor.uint();
            if (value < 0 || !cursor.atEnd()) return;
            expect(JSON.parse(text)).toBe(value);
            expect(Number.isSafeInteger(value)).toBe(true);
          },
        ),
        fuzzParams(5_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'skips every JSON scalar whole',
    () => {
      const scalar = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
      fc.assert(
        fc.property(scalar, (value) => {
          const text = JSON.stringify(value);
          const cursor = cursorOn(text);
          const escaped = text.includes('\\');
          // Escapes are outside the fast path: refusing them is allowed, mis-skipping them is not.
          if (!cursor.skipScalar()) expect(escaped).toBe(true);
          else expect(cursor.atEnd()).toBe(true);
        }),
        fuzzParams(3_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never skips text JSON.parse refuses as a value',
    () => {
      const jsonish = fc
        .array(fc.constantFrom(...'"\\0123456789.-+eE tfrulnsa', 'true', 'false', 'null', '\n', '\u0001'), {
          maxLength: 12,
        })
        .map((parts) => parts.join(''));
      fc.assert(
        fc.property(jsonish, (text) => {
          const cursor = cursorOn(text);
          if (cursor.skipScalar() && cursor.atEnd()) expect(() => JSON.parse(text)).not.toThrow();
        }),
        fuzzParams(5_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'consumes a literal only when the bytes at the cursor are exactly it, and nothing otherwise',
    () => {
      const bits = fc.array(fc.constantFrom(...',"seq:{}ab '), { maxLength: 10 }).map((p) => p.join(''));
      fc.assert(
        fc.property(bits, bits, bits, (before, word, after) => {
          const cursor = cursorOn(`${before}${after}`);
          cursor.pos = before.length;
          const matched = cursor.literal(ascii(word));
          expect(matched).toBe(after.startsWith(word));
          expect(cursor.pos).toBe(before.length + (matched ? word.length : 0));
        }),
        fuzzParams(3_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
