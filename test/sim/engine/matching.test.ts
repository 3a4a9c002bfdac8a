import { describe, expect, it } from 'vitest';
import { c, makeExchange, T } from './engine-fixture';

describe('matching', () => {
  it('rests bids on the YES ladder and asks on the NO ladder at $1 − p', () => {
    const { exchange, place } = makeExchange();
    place('a', 'bid', 4_000, c(5));
    place('b', 'ask', 6_000, c(3));
    expect(exchange.getBook(T)).toEqual({ yes: [[4_000, c(5)]], no: [[4_000, c(3)]] });
  });

  it('fills at the resting price with price-time priority', () => {
    const { exchange, place } = makeExchange();
    place('m1', 'ask', 5_500, c(2)); // NO bid at 0.45
    place('m2', 'ask', 5_500, c(2)); // same level, later
    place('m3', 'ask', 5_200, c(1)); // better price for a buyer
    const { order, fills } = place('t', 'bid', 6_000, c(4));
    expect(fills.map((f) => [f.price, f.count])).toEqual([
      [5_200, c(1)],
      [5_500, c(2)],
      [5_500, c(1)],
    ]);
    expect(order.status).toBe('executed');
    expect(exchange.listFills('m1')[0]?.count).toBe(c(2));
    expect(exchange.listFills('m2')[0]?.count).toBe(c(1));
    expect(exchange.getBook(T)).toEqual({ yes: [], no: [[4_500, c(1)]] });
  });

  it('issues trade ids that sort, as strings, in execution order within one millisecond', () => {
    const { exchange, place } = makeExchange(); // the fixture's clock stands still
    place('m', 'ask', 5_900, c(1));
    place('m', 'ask', 5_100, c(1));
    place('m', 'ask', 5_500, c(1));
    place('t', 'bid', 6_000, c(3)); // one sweep: three fills
    place('m', 'ask', 5_200, c(1));
    place('t', 'bid', 6_000, c(1)); // a later order
    const fills = [...exchange.listFills('t')].reverse(); // listed newest first
    expect(fills.map((f) => f.price)).toEqual([5_100, 5_500, 5_900, 5_200]);
    expect(new Set(fills.map((f) => f.tsMs)).size).toBe(1);
    expect(fills[0]?.tradeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = fills.map((f) => f.fillId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it('an ask crosses YES bids at or above its price', () => {
    const { exchange, place } = makeExchange();
    place('m', 'bid', 4_700, c(2));
    place('m', 'bid', 4_900, c(2));
    const { fills, order } = place('t', 'ask', 4_800, c(3));
    expect(fills.map((f) => f.price)).toEqual([4_900]);
    expect(order.remainingCount).toBe(c(1));
    expect(exchange.getBook(T)).toEqual({ yes: [[4_700, c(2)]], no: [[5_200, c(1)]] });
  });

  it('IOC cancels the unfilled remainder; FOK is all or nothing', () => {
    const { exchange, place } = makeExchange();
    place('m', 'ask', 5_000, c(2));
    const ioc = place('t', 'bid', 5_000, c(5), { timeInForce: 'immediate_or_cancel' });
    expect(ioc.order).toMatchObject({ status: 'canceled', fillCount: c(2), remainingCount: 0 });
    place('m', 'ask', 5_000, c(2));
    const fok = place('t', 'bid', 5_000, c(3), { timeInForce: 'fill_or_kill' });
    expect(fok.order).toMatchObject({ status: 'canceled', fillCount: 0 });
    expect(fok.fills).toEqual([]);
    expect(exchange.getBook(T)?.no).toEqual([[5_000, c(2)]]);
    const fok2 = place('t', 'bid', 5_000, c(2), { timeInForce: 'fill_or_kill' });
    expect(fok2.order).toMatchObject({ status: 'executed', fillCount: c(2) });
  });

  it('cancels a crossing post-only order instead of letting it take', () => {
    const { place } = makeExchange();
    place('m', 'ask', 5_000, c(2));
    const { order, fills } = place('t', 'bid', 5_000, c(1), { postOnly: true });
    expect(order).toMatchObject({
      status: 'canceled',
      remainingCount: 0,
      lastUpdateReason: 'PostOnlyCrossCancel',
    });
    expect(fills).toEqual([]);
    const resting = place('t', 'bid', 4_900, c(1), { postOnly: true });
    expect(resting.order.status).toBe('resting');
  });

  it('self-trade taker_at_cross cancels the incoming remainder after earlier fills', () => {
    const { exchange, place } = makeExchange();
    place('other', 'ask', 5_000, c(1));
    place('me', 'ask', 5_100, c(1));
    place('other', 'ask', 5_200, c(1));
    const { order, fills } = place('me', 'bid', 5_500, c(3), { selfTradePrevention: 'taker_at_cross' });
    expect(fills).toHaveLength(1);
    expect(order).toMatchObject({ status: 'canceled', fillCount: c(1), lastUpdateReason: 'SelfTradeCancel' });
    expect(exchange.getBook(T)?.no).toEqual([
      [4_800, c(1)],
      [4_900, c(1)],
    ]);
  });

  it('self-trade maker cancels the resting own order and keeps matching', () => {
    const { exchange, place } = makeExchange();
    const mine = place('me', 'ask', 5_000, c(1));
    place('other', 'ask', 5_100, c(2));
    const { order, fills } = place('me', 'bid', 5_500, c(2), { selfTradePrevention: 'maker' });
    expect(fills.map((f) => f.price)).toEqual([5_100]);
    expect(order.status).toBe('executed');
    expect(exchange.getOrder('me', mine.order.orderId)).toMatchObject({
      status: 'canceled',
      lastUpdateReason: 'SelfTradeCancel',
    });
    expect(exchange.getBook(T)).toEqual({ yes: [], no: [] });
  });

  it('reduce-only is capped by the position and never flips it', () => {
    const { exchange, place } = makeExchange();
    const none = place('u', 'ask', 5_000, c(2), { reduceOnly: true });
    expect(none.order).toMatchObject({ status: 'canceled', lastUpdateReason: 'ReduceOnlyCancel' });
    place('m', 'ask', 5_000, c(3));
    place('u', 'bid', 5_000, c(3)); // long 3 YES
    const capped = place('u', 'ask', 4_000, c(10), { reduceOnly: true });
    expect(capped.order.initialCount).toBe(c(3));
    place('m', 'bid', 4_000, c(10));
    expect(exchange.getPosition('u', T)?.position).toBe(0);
    expect(exchange.getBook(T)?.yes).toEqual([[4_000, c(7)]]);
  });

  it('a resting reduce-only maker shrinks when the position it closes shrinks', () => {
    const { exchange, place } = makeExchange();
    place('m', 'ask', 5_000, c(4));
    place('u', 'bid', 5_000, c(4)); // long 4
    place('u', 'ask', 6_000, c(4), { reduceOnly: true }); // rests: sell 4 at 0.60
    place('m', 'bid', 5_500, c(3));
    place('u', 'ask', 5_500, c(3)); // sells 3 at 0.55 → long 1
    const { fills } = place('t', 'bid', 6_000, c(4));
    expect(fills.map((f) => f.count)).toEqual([c(1)]);
    expect(exchange.getPosition('u', T)?.position).toBe(0);
  });
});
