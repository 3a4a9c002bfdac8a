// The market maker's decisions on a hand-built context: what it asks for on a book, when it pulls its
// quotes, and how it keeps within the gate (order budget, kill switch, back-off after a block).
import { describe, expect, it } from 'vitest';
import { liveOrders, strategyOrders } from '../../../src/actors/strategy/strategy-orders';
import type { StrategyContext, StrategyIntent } from '../../../src/actors/strategy/strategy-types';
import { createTradingState } from '../../../src/actors/trading/trading-logic';
import { marketsUpdated } from '../../../src/actors/trading/trading-markets';
import type { TrackedOrder, TradingState } from '../../../src/actors/trading/trading-types';
import { msToClose, phaseAt } from '../../../src/domain/market-phase';
import { diffOrders } from '../../../src/domain/order-diff';
import { Orderbook } from '../../../src/domain/orderbook';
import type { MarketInfo } from '../../../src/domain/trading-types';
import {
  BLOCKED_BACKOFF_MS,
  createMarketMaker,
} from '../../../src/strategies/market-maker/market-maker.strategy';
import { MarketMakerParamsSchema } from '../../../src/strategies/market-maker/market-maker-params';

const MARKETS = ['KXA', 'KXB', 'KXC'];
const info = (ticker: string): MarketInfo => ({
  ticker,
  eventTicker: 'KX',
  title: ticker,
  status: 'active',
  priceLevelStructure: 'linear_cent',
  priceRanges: [{ start: 0, end: 10_000, step: 100 }],
  yesBid: null,
  yesAsk: null,
  lastPrice: null,
  volume: 0,
  volume24h: 0,
  openInterest: 0,
  closeTimeMs: null,
});

function setup(maxOpenOrders = 10) {
  let now = 1_000_000;
  let feedUp = true;
  let trading: TradingState = createTradingState();
  const books = new Map<string, Orderbook>();
  for (const t of MARKETS) {
    const b = new Orderbook();
    b.applySnapshot([4_000, 1_000], [5_000, 1_000]); // YES 40¢ bid, YES 50¢ ask
    books.set(t, b);
  }
  const ctx: StrategyContext = {
    markets: MARKETS,
    now: () => now,
    trading: () => trading,
    openOrders: (t) => strategyOrders(trading, t),
    position: () => undefined,
    market: info,
    phase: (t) => (trading.markets[t] ? phaseAt(trading.markets[t], now) : undefined),
    msToClose: (t) => (trading.markets[t] ? msToClose(trading.markets[t], now) : null),
    book: (t) => books.get(t),
    feedUp: () => feedUp,
    diff: (t, orders) => diffOrders(orders, liveOrders(trading, t)),
    limits: () => ({ maxOpenOrders, maxPositionPerMarket: 1e9, maxNotional: 1e12, maxDailyLoss: 1e12 }),
  };
  const mm = createMarketMaker(MarketMakerParamsSchema.parse({}));
  mm.start?.(ctx);
  return {
    mm,
    books,
    on: (ticker: string) => mm.onBook?.({ ticker, book: books.get(ticker) as Orderbook }),
    advance: (ms: number) => {
      now += ms;
    },
    setFeed: (up: boolean) => {
      feedUp = up;
    },
    setTrading: (next: Partial<TradingState>) => {
      trading = { ...trading, ...next };
    },
  };
}

const quote = (id: string, side: 'bid' | 'ask', price: number): TrackedOrder => ({
  orderId: `o-${id}`,
  clientOrderId: `kt-${id}`,
  ticker: 'KXA',
  side,
  price,
  initialCount: 100,
  fillCount: 0,
  remainingCount: 100,
  status: 'resting',
  createdMs: null,
  updatedMs: null,
  statusSource: 'exchange',
  placedByDaemon: true,
  lastSeenMs: null,
  missingSyncs: 0,
  note: null,
});

const desired = (intents: readonly StrategyIntent[] | undefined) =>
  (intents ?? []).map((i) =>
    i.kind === 'desired' ? `${i.ticker}:${i.orders.map((o) => `${o.side}@${o.price}`).join(',')}` : i.kind,
  );

describe('market maker decisions', () => {
  it('quotes a post-only bid and ask around the mid, two ticks apart', () => {
    const t = setup();
    const intents = t.on('KXA');
    expect(desired(intents)).toEqual(['KXA:bid@4400,ask@4600']);
    expect(intents?.[0]).toMatchObject({ placeOptions: { postOnly: true } });
  });

  it('quotes only as many markets as the open-order limit has room for, busiest first', () => {
    const t = setup(5); // two kept for manual orders: room for one market
    expect(desired(t.on('KXA'))).toEqual(['KXA:bid@4400,ask@4600']);
    // No room for a second market's two quotes: it asks for nothing there (nothing rests to pull).
    expect(t.on('KXB')).toBeUndefined();
  });

  it('pulls its quotes when the feed is down or a book is stale, and holds them under the kill switch', () => {
    const t = setup();
    t.setFeed(false);
    // Pulling is a desired empty set; with nothing resting it is no change, so nothing is sent.
    expect(t.on('KXA')).toBeUndefined();
    t.setFeed(true);
    t.books.get('KXA')?.markStale();
    expect(t.on('KXA')).toBeUndefined();
    t.setTrading({ killSwitch: true });
    expect(t.on('KXB')).toBeUndefined();
  });

  it('cancels its quotes close_buffer_seconds before the close, and sends nothing once closed', () => {
    const t = setup();
    const closeTimeMs = 1_000_000 + 90_000;
    t.setTrading(marketsUpdated(createTradingState(), [{ ticker: 'KXA', phase: 'open', closeTimeMs }]));
    expect(desired(t.on('KXA'))).toEqual(['KXA:bid@4400,ask@4600']);
    t.setTrading({ orders: { 'kt-a': quote('a', 'bid', 4_400), 'kt-b': quote('b', 'ask', 4_600) } });
    t.advance(29_999);
    expect(t.on('KXA')).toBeUndefined(); // 60.001 s left: the quotes stand
    t.advance(1);
    expect(desired(t.on('KXA'))).toEqual(['KXA:']); // 60 s left (the default buffer): cancel them
    t.advance(60_000);
    expect(t.on('KXA')).toBeUndefined(); // closed: the exchange cancels what rests
  });

  it('does not quote a paused market', () => {
    const t = setup();
    t.setTrading(
      marketsUpdated(createTradingState(), [{ ticker: 'KXA', phase: 'paused', closeTimeMs: null }]),
    );
    expect(t.on('KXA')).toBeUndefined();
  });

  it('leaves a market alone for a while after the gate blocked it', () => {
    const t = setup();
    const [intent] = t.on('KXA') ?? [];
    expect(intent).toBeDefined();
    if (intent === undefined) return;
    t.mm.onOutcome?.(
      { kind: 'place', ticker: 'KXA', side: 'bid', price: 4_400, count: 100 },
      {
        outcome: 'blocked',
        rule: 'max_notional',
        reason: 'too much',
      },
    );
    expect(t.on('KXA')).toBeUndefined();
    expect(desired(t.on('KXB'))).toEqual(['KXB:bid@4400,ask@4600']);
    t.advance(BLOCKED_BACKOFF_MS);
    expect(desired(t.on('KXA'))).toEqual(['KXA:bid@4400,ask@4600']);
  });
});
