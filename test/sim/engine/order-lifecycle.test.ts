import { describe, expect, it } from 'vitest';
import { c, makeExchange, T, usd } from './engine-fixture';

describe('order validation', () => {
  it('rejects with Kalshi-style codes', () => {
    const { exchange, order, place } = makeExchange({
      marketSpecs: [
        { ticker: T, priceLevelStructure: 'linear_cent' },
        { ticker: 'KXSIM-26DEC31-T60', priceLevelStructure: 'tapered_deci_cent' },
      ],
    });
    const code = (r: ReturnType<typeof order>) => (r.ok ? 'ok' : `${r.error.status} ${r.error.code}`);
    expect(code(order('u', 'bid', 5_050, c(1)))).toBe('400 invalid_price');
    expect(code(order('u', 'bid', 0, c(1)))).toBe('400 invalid_price');
    expect(code(order('u', 'bid', 10_000, c(1)))).toBe('400 invalid_price');
    expect(code(order('u', 'bid', 5_000, 0))).toBe('400 invalid_count');
    expect(code(order('u', 'bid', 5_000, 1.5))).toBe('400 invalid_count');
    expect(code(order('u', 'bid', 5_000, c(1), { ticker: 'NOPE' }))).toBe('404 market_not_found');
    expect(code(order('u', 'bid', 5_000, c(100_000)))).toBe('400 insufficient_balance');
    expect(
      code(
        order('u', 'bid', 5_000, c(1), {
          timeInForce: 'immediate_or_cancel',
          expirationTimeMs: Date.UTC(2027, 0, 1),
        }),
      ),
    ).toBe('400 invalid_parameters');
    // tapered: 0.001 ticks only in the tails
    const tapered = { ticker: 'KXSIM-26DEC31-T60' };
    expect(code(order('u', 'bid', 50, c(1), tapered))).toBe('ok');
    expect(code(order('u', 'bid', 5_010, c(1), tapered))).toBe('400 invalid_price');
    expect(code(order('u', 'bid', 9_510, c(1), tapered))).toBe('ok');

    place('u', 'bid', 4_000, c(1), { clientOrderId: 'abc' });
    expect(code(order('u', 'bid', 4_000, c(1), { clientOrderId: 'abc' }))).toBe('409 order_already_exists');
    expect(code(order('v', 'bid', 4_000, c(1), { clientOrderId: 'abc' }))).toBe('ok');

    exchange.setPaused(T, true);
    expect(code(order('u', 'bid', 4_000, c(1)))).toBe('409 trading_is_paused');
    exchange.setPaused(T, false);
    expect(code(order('u', 'bid', 4_000, c(1)))).toBe('ok');
  });

  it('holds cash for resting orders so promises never exceed the balance', () => {
    const { exchange, order } = makeExchange({ startingBalance: usd(10) });
    expect(order('u', 'bid', 5_000, c(19)).ok).toBe(true); // $9.50 held
    expect(exchange.getAccount('u')).toMatchObject({ balance: usd(10), held: usd(9.5) });
    const again = order('u', 'bid', 5_000, c(1));
    expect(again.ok ? 'ok' : again.error.code).toBe('insufficient_balance');
  });
});

describe('cancel, decrease, amend', () => {
  it('cancel reduces to zero; a finished order reduces by 0; foreign orders are 404', () => {
    const { exchange, place, events } = makeExchange();
    const { order } = place('u', 'bid', 4_000, c(5), { clientOrderId: 'mine' });
    events.length = 0;
    const first = exchange.cancelOrder('u', order.orderId);
    expect(first.ok && first.value.reducedBy).toBe(c(5));
    expect(events.map((e) => e.kind)).toEqual(['book', 'order']);
    expect(events[0]).toMatchObject({
      side: 'yes',
      price: 4_000,
      delta: -c(5),
      userId: 'u',
      clientOrderId: 'mine',
    });
    const second = exchange.cancelOrder('u', order.orderId);
    expect(second.ok && second.value.reducedBy).toBe(0);
    const foreign = exchange.cancelOrder('v', order.orderId);
    expect(!foreign.ok && foreign.error.status).toBe(404);
    expect(exchange.getAccount('u').held).toBe(0);
  });

  it('decrease takes reduce_by xor reduce_to and keeps queue priority', () => {
    const { exchange, place } = makeExchange();
    const first = place('u', 'ask', 6_000, c(5)).order;
    place('v', 'ask', 6_000, c(5));
    expect(exchange.decreaseOrder('u', first.orderId, {}).ok).toBe(false);
    expect(exchange.decreaseOrder('u', first.orderId, { reduceBy: 1, reduceTo: 1 }).ok).toBe(false);
    const by = exchange.decreaseOrder('u', first.orderId, { reduceBy: c(2) });
    expect(by.ok && by.value.order.remainingCount).toBe(c(3));
    const to = exchange.decreaseOrder('u', first.orderId, { reduceTo: c(1) });
    expect(to.ok && to.value.reducedBy).toBe(c(2));
    const { fills } = place('t', 'bid', 6_000, c(1));
    expect(fills[0]?.count).toBe(c(1));
    expect(exchange.listFills('u')).toHaveLength(1); // u was still first in the queue
  });

  it('amend keeps priority on a size cut, loses it on a new price, and may trade', () => {
    const { exchange, place } = makeExchange();
    const a = place('a', 'bid', 4_000, c(5)).order;
    place('b', 'bid', 4_000, c(5));
    const cut = exchange.amendOrder('a', a.orderId, { price: 4_000, count: c(3) });
    expect(cut.ok && cut.value.order).toMatchObject({ remainingCount: c(3), lastUpdateReason: 'Amend' });
    place('t', 'ask', 4_000, c(1));
    expect(exchange.listFills('a')).toHaveLength(1);

    place('m', 'ask', 5_000, c(1));
    const cross = exchange.amendOrder('a', a.orderId, {
      price: 5_000,
      count: c(4),
      updatedClientOrderId: 'renamed',
    });
    expect(cross.ok).toBe(true);
    if (!cross.ok) return;
    expect(cross.value.oldOrder.price).toBe(4_000);
    expect(cross.value.fills.map((f) => f.price)).toEqual([5_000]);
    expect(cross.value.order).toMatchObject({
      price: 5_000,
      clientOrderId: 'renamed',
      fillCount: c(2),
      remainingCount: c(2),
    });
    expect(exchange.getBook(T)?.yes).toEqual([
      [4_000, c(5)], // b only: a left the level
      [5_000, c(2)],
    ]);
    const tooSmall = exchange.amendOrder('a', a.orderId, { price: 5_000, count: c(2) });
    expect(!tooSmall.ok && tooSmall.error.code).toBe('invalid_count');
  });

  it('expires GTC orders with an expiration time, and cancel-on-pause orders on a halt', () => {
    const { exchange, place, advance, events } = makeExchange();
    const expiring = place('u', 'bid', 4_000, c(1), { expirationTimeMs: Date.UTC(2026, 5, 1, 0, 1) }).order;
    const halting = place('u', 'bid', 3_000, c(1), { cancelOnPause: true }).order;
    advance(60_000);
    expect(exchange.getOrder('u', expiring.orderId)).toMatchObject({
      status: 'canceled',
      lastUpdateReason: 'ExpiryCancel',
    });
    exchange.setPaused(T, true);
    expect(exchange.getOrder('u', halting.orderId)).toMatchObject({
      status: 'canceled',
      lastUpdateReason: 'HaltCancel',
    });
    expect(events.at(-1)).toMatchObject({ kind: 'lifecycle', eventType: 'deactivated' });
    expect(exchange.getBook(T)).toEqual({ yes: [], no: [] });
  });

  it('cancelAll cancels only resting orders of that user', () => {
    const { exchange, place } = makeExchange();
    place('u', 'bid', 4_000, c(1));
    place('u', 'ask', 6_000, c(1));
    place('v', 'bid', 4_100, c(1));
    expect(exchange.cancelAll('u')).toHaveLength(2);
    expect(exchange.getBook(T)).toEqual({ yes: [[4_100, c(1)]], no: [] });
  });
});
