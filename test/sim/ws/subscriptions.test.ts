// The subscription index: which sids an event for a market reaches, through adds, market changes and deletes.
import { describe, expect, it } from 'vitest';
import { SubscriptionSet } from '../../../src/sim/ws/subscriptions';

const opts = { useYesPrice: false, skipTickerAck: false };
const sids = (list: readonly { sid: number }[]) => list.map((s) => s.sid);

describe('SubscriptionSet.matching', () => {
  it('finds the subscriptions of a channel that cover a market, in sid order', () => {
    const subs = new SubscriptionSet();
    const a = subs.add('orderbook_delta', ['M1', 'M2'], opts);
    const b = subs.add('orderbook_delta', null, opts);
    const c = subs.add('orderbook_delta', ['M2'], opts);
    subs.add('trade', ['M1'], opts);
    expect(sids(subs.matching('orderbook_delta', 'M1'))).toEqual([a.sid, b.sid]);
    expect(sids(subs.matching('orderbook_delta', 'M2'))).toEqual([a.sid, b.sid, c.sid]);
    expect(sids(subs.matching('orderbook_delta', 'M9'))).toEqual([b.sid]);
    expect(sids(subs.matching('ticker', 'M1'))).toEqual([]);
  });

  it('follows markets added to and removed from a subscription', () => {
    const subs = new SubscriptionSet();
    const a = subs.add('orderbook_delta', ['M1'], opts);
    const b = subs.add('orderbook_delta', ['M2'], opts);
    subs.addTickers(a, ['M2', 'M3']);
    expect(sids(subs.matching('orderbook_delta', 'M2'))).toEqual([a.sid, b.sid]);
    expect([...(subs.get(a.sid)?.tickers ?? [])]).toEqual(['M1', 'M2', 'M3']);
    subs.deleteTickers(a, ['M1', 'M2']);
    expect(sids(subs.matching('orderbook_delta', 'M1'))).toEqual([]);
    expect(sids(subs.matching('orderbook_delta', 'M2'))).toEqual([b.sid]);
    expect(sids(subs.matching('orderbook_delta', 'M3'))).toEqual([a.sid]);
  });

  it('forgets a deleted subscription and keeps lifecycle channels unfiltered', () => {
    const subs = new SubscriptionSet();
    const a = subs.add('orderbook_delta', ['M1'], opts);
    const life = subs.add('market_lifecycle_v2', ['M1'], opts);
    expect(life.tickers).toBeNull();
    expect(sids(subs.matching('market_lifecycle_v2', 'ANY'))).toEqual([life.sid]);
    expect(subs.delete(a.sid)).toBe(true);
    expect(subs.delete(a.sid)).toBe(false);
    expect(sids(subs.matching('orderbook_delta', 'M1'))).toEqual([]);
    subs.delete(life.sid);
    expect(sids(subs.matching('market_lifecycle_v2', 'ANY'))).toEqual([]);
    expect(subs.size).toBe(0);
  });
});
