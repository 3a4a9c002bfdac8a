import { describe, expect, it } from 'vitest';
import {
  atOrAbove,
  atOrBelow,
  isOnGrid,
  moveTicks,
  tickAbove,
  tickBelow,
  ticksBetween,
} from '../../src/domain/price-grid';

const CENT = [{ start: 0, end: 10_000, step: 100 }];
const TAPERED = [
  { start: 0, end: 1_000, step: 10 },
  { start: 1_000, end: 9_000, step: 100 },
  { start: 9_000, end: 10_000, step: 10 },
];

describe('price grid', () => {
  it('knows the ticks of a cent market, never $0 or $1', () => {
    expect(isOnGrid(CENT, 4_500)).toBe(true);
    expect(isOnGrid(CENT, 4_510)).toBe(false);
    expect(isOnGrid(CENT, 0)).toBe(false);
    expect(isOnGrid(CENT, 10_000)).toBe(false);
    expect(tickAbove(CENT, 9_900)).toBeNull();
    expect(tickBelow(CENT, 100)).toBeNull();
    expect(atOrBelow(CENT, 4_550)).toBe(4_500);
    expect(atOrAbove(CENT, 4_550)).toBe(4_600);
    expect(atOrAbove(CENT, 4_500)).toBe(4_500);
  });

  it('walks a tapered grid with its finer tails', () => {
    expect(tickAbove(TAPERED, 990)).toBe(1_000);
    expect(tickAbove(TAPERED, 1_000)).toBe(1_100);
    expect(tickBelow(TAPERED, 1_000)).toBe(990);
    expect(tickAbove(TAPERED, 9_000)).toBe(9_010);
    expect(moveTicks(TAPERED, 1_100, -3)).toBe(980);
    expect(moveTicks(CENT, 9_800, 5)).toBe(9_900);
    expect(ticksBetween(TAPERED, 980, 1_100)).toBe(3);
    expect(ticksBetween(CENT, 4_500, 4_500)).toBe(0);
  });
});
