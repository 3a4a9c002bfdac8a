import { describe, expect, it } from 'vitest';
import { checkIntent, type OrderIntent, type RiskLimits, type RiskState } from '../../src/domain/risk-gate';
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
