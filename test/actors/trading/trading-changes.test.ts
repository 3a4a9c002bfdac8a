// Cancel, decrease and amend through the trading service against the simulator: the gate, the in-flight
// record, and the answers, checked against the simulator's own order records.
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmitOutcome } from '../../../src/actors/trading/trading-ports';
import { centMarket, type SimTrading, startSimTrading, USER } from './sim-harness';

let h: SimTrading | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function accepted(outcome: SubmitOutcome): string {
  if (outcome.outcome !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
  return outcome.clientOrderId;
}

const simOrder = (t: SimTrading, clientOrderId: string) =>
  t.sim.exchange.listOrders(USER).find((o) => o.clientOrderId === clientOrderId);

async function restingBid(t: SimTrading, count = 300) {
  const m = await centMarket(t.client);
  const price = (m.yesBid ?? 200) - 100;
  const id = accepted(await t.service.submit({ ticker: m.ticker, side: 'bid', price, count }));
  return { m, price, id };
}

/** An order the daemon believes rests but the exchange never heard of. */
function trackGhost(t: SimTrading, ticker: string): void {
  const ghost = {
    orderId: 'no-such-order',
    clientOrderId: 'kt-ghost',
    ticker,
    side: 'bid' as const,
    price: 100,
    initialCount: 100,
    fillCount: 0,
    remainingCount: 100,
    status: 'resting' as const,
    createdMs: Date.now(),
    updatedMs: Date.now(),
  };
  t.trading.send({ type: 'ORDER.UPDATE', order: ghost, atMs: Date.now() });
}

describe('order changes', () => {
  it('amends price and size, decreases, cancels: the exchange holds what the daemon tracks', async () => {
    h = await startSimTrading();
    const { price, id } = await restingBid(h);

    const amend = await h.service.change({
      kind: 'amend',
      clientOrderId: id,
      price: price - 100,
      count: 500,
    });
    expect(amend).toMatchObject({ outcome: 'accepted', clientOrderId: id });
    expect(simOrder(h, id)).toMatchObject({ price: price - 100, remainingCount: 500, status: 'resting' });
    expect(h.service.state().orders[id]).toMatchObject({ price: price - 100, remainingCount: 500 });

    const orderId = h.service.state().orders[id]?.orderId;
    const decrease = await h.service.change({ kind: 'decrease', orderId, count: 200 });
    expect(decrease).toMatchObject({ outcome: 'accepted' });
    expect(simOrder(h, id)).toMatchObject({ remainingCount: 200, status: 'resting' });
    expect(h.service.state().orders[id]).toMatchObject({ remainingCount: 200, status: 'resting' });

    expect(await h.service.change({ kind: 'cancel', clientOrderId: id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(simOrder(h, id)?.status).toBe('canceled');
    expect(h.service.state().orders[id]?.status).toBe('canceled');
    expect(h.service.state().counters).toMatchObject({ amended: 1, decreased: 1, canceled: 1 });
    expect(h.service.state().changesInFlight).toEqual({});
  });

  it('with the kill switch on: cancels, decreases and risk-lowering amends go, risk-raising ones do not', async () => {
    h = await startSimTrading();
    const { price, id } = await restingBid(h);
    h.service.setKillSwitch(true);
    expect(await h.service.change({ kind: 'amend', clientOrderId: id, price, count: 900 })).toMatchObject({
      outcome: 'blocked',
      rule: 'kill_switch',
    });
    expect(
      await h.service.change({ kind: 'amend', clientOrderId: id, price: price + 100, count: 300 }),
    ).toMatchObject({ outcome: 'blocked', rule: 'kill_switch' });
    expect(simOrder(h, id)).toMatchObject({ price, remainingCount: 300 });
    expect(
      await h.service.change({ kind: 'amend', clientOrderId: id, price: price - 100, count: 200 }),
    ).toMatchObject({ outcome: 'accepted' });
    expect(await h.service.change({ kind: 'decrease', clientOrderId: id, count: 100 })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await h.service.change({ kind: 'cancel', clientOrderId: id })).toMatchObject({
      outcome: 'accepted',
    });
    expect(simOrder(h, id)?.status).toBe('canceled');
  });

  it('refuses changes it cannot make without sending anything', async () => {
    h = await startSimTrading();
    const { id } = await restingBid(h);
    expect(await h.service.change({ kind: 'cancel', clientOrderId: 'kt-nope' })).toMatchObject({
      outcome: 'invalid',
      code: 'unknown_order',
    });
    await h.service.change({ kind: 'cancel', clientOrderId: id });
    expect(await h.service.change({ kind: 'cancel', clientOrderId: id })).toMatchObject({
      outcome: 'invalid',
      code: 'order_not_open',
    });
  });

  it('an amend in flight counts at its worse terms; without an answer the order is left unknown', async () => {
    h = await startSimTrading({ timeoutMs: 200 });
    const { price, id } = await restingBid(h);
    h.sim.faults.set({ latencyMs: 1_000 });
    const pending = h.service.change({ kind: 'amend', clientOrderId: id, price: price - 100, count: 600 });
    // Recorded before the request left: a second change to the same order waits for its answer.
    expect(h.service.state().changesInFlight[id]).toEqual({
      kind: 'amend',
      price: price - 100,
      remainingCount: 600,
    });
    expect(await h.service.change({ kind: 'cancel', clientOrderId: id })).toMatchObject({
      code: 'order_in_flight',
    });
    expect(await pending).toMatchObject({ outcome: 'unknown' });
    h.sim.faults.clear();
    // The exchange did amend it; until a sync says so the daemon holds it unknown at the larger size.
    expect(simOrder(h, id)).toMatchObject({ price: price - 100, remainingCount: 600 });
    expect(h.service.state().orders[id]).toMatchObject({ status: 'unknown', price, remainingCount: 600 });
    await h.service.fullSync();
    expect(h.service.state().orders[id]).toMatchObject({
      status: 'resting',
      price: price - 100,
      remainingCount: 600,
    });
  });

  it('a change to an order the exchange does not know is not_found, and left unknown for the sync', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    trackGhost(h, m.ticker);
    const outcome = await h.service.change({
      kind: 'amend',
      clientOrderId: 'kt-ghost',
      price: 200,
      count: 100,
    });
    expect(outcome).toMatchObject({ outcome: 'not_found', clientOrderId: 'kt-ghost' });
    // Still counted by the gate at its worse terms until a sync settles it.
    expect(h.service.state().orders['kt-ghost']).toMatchObject({ status: 'unknown', price: 200 });
    expect(h.service.state().changesInFlight).toEqual({});
  });
});

describe('cancel all', () => {
  it('cancels an order left unknown with an exchange id, and waits out a change in flight', async () => {
    h = await startSimTrading({ timeoutMs: 200 });
    const { price, id } = await restingBid(h);
    h.sim.faults.set({ latencyMs: 1_000 });
    const amend = h.service.change({ kind: 'amend', clientOrderId: id, price: price - 100, count: 600 });
    // The amend is in flight: cancel-all goes through the same change path and does not race it.
    expect(await h.service.cancelAll()).toEqual({ requested: 1, canceled: 0, notFound: 0, failed: 1 });
    expect(await amend).toMatchObject({ outcome: 'unknown' });
    h.sim.faults.clear();
    expect(h.service.state().orders[id]).toMatchObject({ status: 'unknown' });
    expect(simOrder(h, id)).toMatchObject({ status: 'resting' });

    // Unknown but with an exchange id: it may rest, so it is cancelled.
    expect(await h.service.cancelAll()).toEqual({ requested: 1, canceled: 1, notFound: 0, failed: 0 });
    expect(simOrder(h, id)).toMatchObject({ status: 'canceled' });
    expect(h.service.state().orders[id]).toMatchObject({ status: 'canceled' });
  });

  it('feeds a not_found answer back to the order', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    trackGhost(h, m.ticker);
    expect(await h.service.cancelAll()).toEqual({ requested: 1, canceled: 0, notFound: 1, failed: 0 });
    // No longer believed resting: left unknown for the sync to settle.
    expect(h.service.state().orders['kt-ghost']).toMatchObject({ status: 'unknown' });
  });
});
