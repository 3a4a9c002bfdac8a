import { describe, expect, it } from 'vitest';
import {
  amendRaisesRisk,
  checkChange,
  checkIntent,
  type OrderIntent,
  type RiskLimits,
  type RiskState,
} from '../../src/domain/risk-gate';
import type { Order } from '../../src/domain/trading-types';

const limits: RiskLimits = {
  maxOpenOrders: 2,
  maxPositionPerMarket: 1000, // 10 contracts
  maxNotional: 10_000_000, // $10
  maxDailyLoss: 5_000_000, // $5
};
const empty: RiskState = { positions: [], openOrders: [], dailyRealizedPnl: 0, killSwitch: false };
const intent: OrderIntent = { ticker: 'M', side: 'bid', price: 5000, count: 500 };
const order = (over: Partial<Order>): Order => ({
  orderId: 'o',
  clientOrderId: 'c',
  ticker: 'M',
  side: 'bid',
  price: 5000,
  initialCount: 100,
  fillCount: 0,
  remainingCount: 100,
  status: 'resting',
  createdMs: null,
  updatedMs: null,
  ...over,
});

describe('risk gate', () => {
  it('allows an intent within every limit', () => {
    expect(checkIntent(intent, empty, limits)).toEqual({ allow: true });
  });

  it('rejects everything while the kill switch is on', () => {
    expect(checkIntent(intent, { ...empty, killSwitch: true }, limits)).toMatchObject({
      rule: 'kill_switch',
    });
  });

  it('refuses an intent for a market that is closed or paused (market_closed)', () => {
    const halted = { ...empty, haltedMarkets: { M: 'closed' as const, P: 'paused' as const } };
    expect(checkIntent(intent, halted, limits)).toEqual({
      allow: false,
      rule: 'market_closed',
      reason: 'market M is closed',
    });
    expect(checkIntent({ ...intent, ticker: 'P' }, halted, limits)).toMatchObject({ rule: 'market_closed' });
    expect(checkIntent({ ...intent, ticker: 'OPEN' }, halted, limits)).toEqual({ allow: true });
    // A cancel still goes: it only takes risk off.
    expect(checkChange(order({}), { kind: 'cancel' }, halted, limits)).toEqual({ allow: true });
  });

  it('rejects malformed intents', () => {
    expect(checkIntent({ ...intent, price: 10_000 }, empty, limits)).toMatchObject({
      rule: 'invalid_intent',
    });
    expect(checkIntent({ ...intent, count: 0 }, empty, limits)).toMatchObject({ rule: 'invalid_intent' });
  });

  it('counts unknown-outcome orders as open', () => {
    const state = {
      ...empty,
      openOrders: [order({ status: 'unknown' }), order({ status: 'pending', ticker: 'X' })],
    };
    expect(checkIntent(intent, state, limits)).toMatchObject({ rule: 'max_open_orders' });
    const done = { ...empty, openOrders: [order({ status: 'canceled' }), order({ status: 'executed' })] };
    expect(checkIntent(intent, done, limits)).toEqual({ allow: true });
  });

  it('bounds the worst-case position including resting orders on the same side', () => {
    const held = { ...empty, positions: [{ ticker: 'M', position: 600 } as never] };
    expect(checkIntent(intent, held, limits)).toMatchObject({ rule: 'max_position' });
    // Selling reduces a long position, so it is allowed.
    expect(checkIntent({ ...intent, side: 'ask' }, held, limits)).toEqual({ allow: true });
  });

  it('bounds resting notional (asks cost the NO price)', () => {
    const big = { ...intent, count: 1000, price: 9000, side: 'ask' as const }; // 10 × $0.10 = $1
    expect(checkIntent(big, empty, limits)).toEqual({ allow: true });
    const costly = { ...intent, count: 1000, price: 9000, side: 'bid' as const }; // 10 × $0.90 = $9
    const withResting = { ...empty, openOrders: [order({ ticker: 'X', price: 5000, remainingCount: 400 })] }; // $2
    expect(checkIntent(costly, withResting, limits)).toMatchObject({ rule: 'max_notional' });
  });

  it('stops at the daily loss limit', () => {
    expect(checkIntent(intent, { ...empty, dailyRealizedPnl: -5_000_000 }, limits)).toMatchObject({
      rule: 'max_daily_loss',
    });
  });
});

describe('risk gate for changes to resting orders', () => {
  const resting = order({ remainingCount: 500, initialCount: 500 });
  const full: RiskState = { ...empty, openOrders: [resting, order({ clientOrderId: 'd', orderId: 'p' })] };
  const off = { ...full, killSwitch: true, dailyRealizedPnl: -10_000_000 };

  it('always allows a cancel and a decrease, kill switch and daily loss included', () => {
    expect(checkChange(resting, { kind: 'cancel' }, off, limits)).toEqual({ allow: true });
    expect(checkChange(resting, { kind: 'decrease', remainingCount: 100 }, off, limits)).toEqual({
      allow: true,
    });
    expect(checkChange(resting, { kind: 'decrease', remainingCount: 0 }, off, limits)).toEqual({
      allow: true,
    });
  });

  it('refuses a decrease that does not decrease', () => {
    expect(checkChange(resting, { kind: 'decrease', remainingCount: 500 }, empty, limits)).toMatchObject({
      rule: 'invalid_intent',
    });
  });

  it('allows an amend that lowers risk even with the kill switch on', () => {
    const cheaper = { kind: 'amend', price: 4900, remainingCount: 400 } as const;
    expect(amendRaisesRisk(resting, 4900, 400)).toBe(false);
    expect(checkChange(resting, cheaper, off, limits)).toEqual({ allow: true });
  });

  it('checks an amend that raises risk like a place, without counting the order it replaces', () => {
    const bigger = { kind: 'amend', price: 5000, remainingCount: 900 } as const;
    const dearer = { kind: 'amend', price: 5100, remainingCount: 500 } as const;
    expect(amendRaisesRisk(resting, 5000, 900)).toBe(true);
    expect(amendRaisesRisk(resting, 5100, 500)).toBe(true);
    expect(amendRaisesRisk(order({ side: 'ask' }), 4900, 100)).toBe(true);
    expect(checkChange(resting, dearer, off, limits)).toMatchObject({ rule: 'kill_switch' });
    // Two open orders at the max of 2: an amend replaces one, so it is not a third.
    expect(checkChange(resting, bigger, full, limits)).toEqual({ allow: true });
    // 9 + the other order's 1 contract fit in 10; 10 + 1 do not.
    const tooBig = { kind: 'amend', price: 5000, remainingCount: 1000 } as const;
    expect(checkChange(resting, tooBig, full, limits)).toMatchObject({ rule: 'max_position' });
    const noNotional = { ...limits, maxNotional: 3_000_000 };
    expect(checkChange(resting, dearer, full, noNotional)).toMatchObject({ rule: 'max_notional' });
  });

  it('refuses an amend to an invalid price or count', () => {
    const bad = { kind: 'amend', price: 0, remainingCount: 100 } as const;
    expect(checkChange(resting, bad, empty, limits)).toMatchObject({ rule: 'invalid_intent' });
  });
});
