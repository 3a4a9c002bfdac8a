// The flow's market choice: only tradable markets, a pause or resume seen at once, every market reached.
import { describe, expect, it } from 'vitest';
import { createSeededRandom, createSimExchange } from '../../../src/sim/engine';
import { createMarketPicker } from '../../../src/sim/flow/market-picker';

function setup() {
  const exchange = createSimExchange({ now: () => 1_700_000_000_000, seed: 11, markets: { count: 4 } });
  const lists: number[] = [];
  const pick = createMarketPicker(exchange, createSeededRandom(5), (open) => lists.push(open.length));
  const picks = (n: number) => new Set(Array.from({ length: n }, () => pick()?.ticker));
  return { exchange, pick, picks, lists, tickers: exchange.listMarkets().map((m) => m.ticker) };
}

describe('createMarketPicker', () => {
  it('reaches every tradable market and lists them about once per as many picks', () => {
    const t = setup();
    expect(t.picks(200)).toEqual(new Set(t.tickers));
    expect(t.lists.length).toBeLessThanOrEqual(200 / 4 + 1);
  });

  it('stops picking a paused market at once and picks it again once resumed', () => {
    const t = setup();
    const [paused, ...rest] = t.tickers;
    t.picks(3); // a list is held
    t.exchange.setPaused(paused!, true);
    expect(t.picks(200)).toEqual(new Set(rest));
    t.exchange.setPaused(paused!, false);
    expect(t.picks(200)).toContain(paused);
  });

  it('picks nothing when no market is tradable', () => {
    const t = setup();
    for (const ticker of t.tickers) t.exchange.setPaused(ticker, true);
    expect(t.pick()).toBeUndefined();
  });
});
