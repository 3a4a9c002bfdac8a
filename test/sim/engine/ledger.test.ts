import { describe, expect, it } from 'vitest';
import { takerFee } from '../../../src/sim/engine/fees';
import { c, makeExchange, T, usd } from './engine-fixture';

describe('fills, positions and cash', () => {
  it('charges the taker ceil(0.07·C·P·(1−P)) to the cent and the maker nothing', () => {
    expect(takerFee(c(100), 5_000)).toBe(usd(1.75));
    expect(takerFee(c(1), 5_000)).toBe(usd(0.02)); // 0.0175 → 0.02
    expect(takerFee(c(10), 9_900)).toBe(usd(0.01)); // 0.00693 → 0.01
    const { exchange, place } = makeExchange();
    place('maker', 'ask', 4_000, c(10));
    const { fills } = place('taker', 'bid', 4_000, c(10));
    expect(fills[0]?.fee).toBe(usd(0.17)); // 0.07·10·0.4·0.6 = 0.168
    expect(exchange.listFills('maker')[0]?.fee).toBe(0);
    expect(exchange.getAccount('taker').balance).toBe(usd(10_000 - 4 - 0.17));
    expect(exchange.getAccount('maker').balance).toBe(usd(10_000 - 6)); // bought NO at 0.60
  });

  it('buying YES while short closes NO and pays out $1 − p', () => {
    const { exchange, place } = makeExchange();
    place('m', 'bid', 3_000, c(10));
    place('u', 'ask', 3_000, c(10)); // u: long 10 NO at 0.70
    expect(exchange.getPosition('u', T)).toMatchObject({ position: -c(10), exposure: usd(7) });
    expect(exchange.getMarket(T)?.openInterest).toBe(c(10));
    place('m', 'ask', 2_000, c(4)); // m sells 4 YES at 0.20: m closes YES
    const before = exchange.getAccount('u').balance;
    const { fills } = place('u', 'bid', 2_000, c(4)); // u closes 4 NO at 0.80
    const fee = fills[0]?.fee ?? 0;
    expect(exchange.getAccount('u').balance - before).toBe(usd(3.2) - fee);
    expect(exchange.getPosition('u', T)).toMatchObject({
      position: -c(6),
      exposure: usd(4.2),
      realizedPnl: usd(3.2 - 2.8),
      feesPaid: fee + (exchange.listFills('u')[1]?.fee ?? 0),
    });
    expect(exchange.getMarket(T)).toMatchObject({ openInterest: c(6), lastPrice: 2_000, volume: c(14) });
  });

  it('a fill that crosses zero closes first and opens the rest', () => {
    const { exchange, place } = makeExchange();
    place('m', 'ask', 5_000, c(3));
    place('u', 'bid', 5_000, c(3)); // long 3
    place('m', 'bid', 6_000, c(5));
    place('u', 'ask', 6_000, c(5), { selfTradePrevention: 'maker' }); // sell 3, open 2 NO at 0.40
    const p = exchange.getPosition('u', T);
    expect(p).toMatchObject({ position: -c(2), exposure: usd(0.8), realizedPnl: usd(0.3) });
    expect(exchange.listFills('u')[0]).toMatchObject({ postPosition: -c(2), side: 'ask', isTaker: true });
  });

  it('emits book, trade, fills, maker order, positions, then the taker order, in that order', () => {
    const { place, events } = makeExchange();
    place('m', 'ask', 5_000, c(2), { clientOrderId: 'm-1' });
    events.length = 0;
    place('t', 'bid', 5_000, c(3), { clientOrderId: 't-1' });
    expect(events.map((e) => e.kind)).toEqual([
      'book',
      'trade',
      'fill',
      'fill',
      'order',
      'position',
      'position',
      'book',
      'order',
    ]);
    expect(events[0]).toMatchObject({
      side: 'no',
      price: 5_000,
      delta: -c(2),
      userId: 'm',
      clientOrderId: 'm-1',
    });
    expect(events[1]).toMatchObject({ trade: { price: 5_000, count: c(2), takerSide: 'bid' } });
    expect(events[7]).toMatchObject({
      side: 'yes',
      price: 5_000,
      delta: c(1),
      userId: 't',
      clientOrderId: 't-1',
    });
    expect(events[8]).toMatchObject({ order: { status: 'resting', fillCount: c(2), remainingCount: c(1) } });
  });

  it('delivers events caused by a listener after the current batch, in order', () => {
    const { exchange, place } = makeExchange();
    const seen: string[] = [];
    exchange.subscribe((e) => {
      if (e.kind === 'order' && e.order.userId === 'u' && e.order.status === 'resting') {
        exchange.cancelOrder('u', e.order.orderId);
      }
      seen.push(e.kind === 'order' ? `order:${e.order.status}` : e.kind);
    });
    place('u', 'bid', 4_000, c(1));
    expect(seen).toEqual(['book', 'order:resting', 'book', 'order:canceled']);
    expect(exchange.getBook(T)).toEqual({ yes: [], no: [] });
  });

  it('keeps delivering to other listeners when one throws, and counts it', () => {
    const { exchange, place, events } = makeExchange();
    exchange.subscribe(() => {
      throw new Error('observer bug');
    });
    const before = events.length;
    place('u', 'bid', 4_000, c(1));
    expect(events.length - before).toBe(2);
    expect(exchange.listenerErrors()).toBe(2);
  });
});
