import { describe, expect, it } from 'vitest';
import { PRICE_ONE } from '../../../src/domain/fixed-point';
import { createSimExchange, isValidPrice } from '../../../src/sim/engine';
import { generateMarketSpecs } from '../../../src/sim/engine/market-generator';
import { priceRangesFor, snapDown, tickAbove, tickBelow } from '../../../src/sim/engine/price-grid';

const NOW = Date.UTC(2026, 5, 1);

describe('price grid', () => {
  it('walks tapered_deci_cent ticks across the band edges', () => {
    const ranges = priceRangesFor('tapered_deci_cent');
    expect(tickAbove(ranges, 990)).toBe(1_000);
    expect(tickAbove(ranges, 1_000)).toBe(1_100);
    expect(tickBelow(ranges, 1_000)).toBe(990);
    expect(tickAbove(ranges, 8_900)).toBe(9_000);
    expect(tickAbove(ranges, 9_000)).toBe(9_010);
    expect(tickAbove(ranges, 9_990)).toBeNull();
    expect(tickBelow(ranges, 10)).toBeNull();
    expect(snapDown(ranges, 5_055)).toBe(5_000);
    expect(isValidPrice(priceRangesFor('deci_cent'), 5_010)).toBe(true);
    expect(isValidPrice(priceRangesFor('linear_cent'), 5_010)).toBe(false);
  });
});

describe('generated markets', () => {
  it('yields 10,000 distinct tickers (more than 90 days of closes can name)', () => {
    const specs = generateMarketSpecs(10_000, 7, NOW);
    expect(specs).toHaveLength(10_000);
    expect(new Set(specs.map((s) => s.ticker)).size).toBe(10_000);
  });

  const make = (seed: number) => createSimExchange({ now: () => NOW, seed, markets: { count: 12, seed } });

  it('is deterministic for a seed and varies with it', () => {
    const tickers = (seed: number) =>
      make(seed)
        .listMarkets()
        .map((m) => m.ticker);
    expect(tickers(3)).toEqual(tickers(3));
    expect(tickers(3)).not.toEqual(tickers(4));
    expect(JSON.stringify(make(3).getBook(tickers(3)[0] ?? ''))).toEqual(
      JSON.stringify(make(3).getBook(tickers(3)[0] ?? '')),
    );
  });

  it('creates plausible active markets with two-sided, on-tick, uncrossed books', () => {
    const exchange = make(11);
    const markets = exchange.listMarkets();
    expect(markets).toHaveLength(12);
    expect(new Set(markets.map((m) => m.ticker)).size).toBe(12);
    const structures = new Set(markets.map((m) => m.priceLevelStructure));
    expect(structures.size).toBeGreaterThan(1);
    for (const m of markets) {
      expect(m.ticker).toMatch(/^KXSIM[A-Z]*-\d{2}[A-Z]{3}\d{2}-T\d+$/);
      expect(m.ticker.startsWith(`${m.eventTicker}-`)).toBe(true);
      expect(m.status).toBe('active');
      expect(m.closeTimeMs).toBeGreaterThan(NOW);
      const book = exchange.getBook(m.ticker);
      expect(book?.yes.length).toBeGreaterThan(2);
      expect(book?.no.length).toBeGreaterThan(2);
      for (const [p, size] of book?.yes ?? []) {
        expect(isValidPrice(m.priceRanges, p)).toBe(true);
        expect(size).toBeGreaterThan(0);
      }
      for (const [p] of book?.no ?? []) expect(isValidPrice(m.priceRanges, PRICE_ONE - p)).toBe(true);
      const bestYes = book?.yes.at(-1)?.[0] ?? 0;
      const bestNo = book?.no.at(-1)?.[0] ?? 0;
      expect(bestYes + bestNo).toBeLessThan(PRICE_ONE);
    }
    // The seeded liquidity belongs to an ordinary user, whose cash is held for it.
    expect(exchange.getAccount(exchange.bookUserId).held).toBeGreaterThan(0);
  });
});
