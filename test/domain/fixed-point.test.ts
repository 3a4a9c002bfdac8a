import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatFixed,
  formatMoney,
  formatPrice,
  notional,
  parseCount,
  parseFixed,
  parseFixedLoose,
  parseMoney,
  parsePrice,
} from '../../src/domain/fixed-point';

describe('fixed-point', () => {
  it('parses Kalshi strings exactly', () => {
    expect(parsePrice('0.5600')).toBe(5600);
    expect(parsePrice('0.56')).toBe(5600);
    expect(parsePrice('1.0000')).toBe(10000);
    expect(parsePrice('0.0001')).toBe(1);
    expect(parseCount('10.00')).toBe(1000);
    expect(parseCount('-54.00')).toBe(-5400);
    expect(parseCount('7')).toBe(700);
    expect(parseMoney('0.010000')).toBe(10000);
    expect(parseMoney('123.4500')).toBe(123_450_000);
  });

  it('rejects what it cannot hold exactly or is not a decimal', () => {
    for (const bad of ['', '-', '.', 'abc', '1e3', '0.12345', '1..2', ' 1', '0x10', 'NaN']) {
      expect(parsePrice(bad), bad).toBeNaN();
    }
  });

  it('is strict: no plus sign, spaces, exponents, bare dots or excess decimals, even zeros', () => {
    for (const bad of [
      '+5.00',
      '+0',
      '5.00 ',
      ' 5.00',
      '5 .00',
      '1e2',
      '1E2',
      '5.',
      '.5',
      '-.5',
      '5.000',
      '--5',
    ]) {
      expect(parseCount(bad), bad).toBeNaN();
    }
    expect(parsePrice('0.560000')).toBeNaN();
    expect(parseFixedLoose(1e21, 2)).toBeNaN();
    expect(parseFixedLoose(1e-7, 6)).toBeNaN();
    expect(Object.is(parseCount('-0.00'), 0)).toBe(true);
    expect(parseCount('-3.00')).toBe(-300);
  });

  it('accepts numbers where strings are expected', () => {
    expect(parseFixedLoose(0.56, 4)).toBe(5600);
    expect(parseFixedLoose(12, 2)).toBe(1200);
    expect(parseFixedLoose(null, 2)).toBeNaN();
    expect(parseFixedLoose(Number.POSITIVE_INFINITY, 2)).toBeNaN();
  });

  it('formats with the right number of decimals', () => {
    expect(formatPrice(5600)).toBe('0.5600');
    expect(formatPrice(10000)).toBe('1.0000');
    expect(formatCount(1000)).toBe('10.00');
    expect(formatCount(-5)).toBe('-0.05');
    expect(formatMoney(10000)).toBe('0.010000');
    expect(formatMoney(50_000_000, 4)).toBe('50.0000');
    expect(formatFixed(0, 2)).toBe('0.00');
  });

  it('round-trips every integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (v, d) => {
        expect(parseFixed(formatFixed(v, d), d)).toBe(v);
      }),
    );
  });

  it('computes notional in micro-dollars', () => {
    // 10 contracts at $0.56 = $5.60
    expect(notional(5600, 1000)).toBe(5_600_000);
  });
});
