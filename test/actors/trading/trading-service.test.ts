// The trading service against the real simulator on loopback, signed with a key registered for the test.
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_FOUND_NOTE } from '../../../src/actors/trading/trading-reconcile';
import { DAEMON_ORDER_PREFIX } from '../../../src/actors/trading/trading-types';
import { centMarket, type SimTrading, startSimTrading, USER, WIDE_LIMITS } from './sim-harness';

let h: SimTrading | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const simOrders = (s: SimTrading, status?: 'resting' | 'canceled' | 'executed') =>
  s.sim.exchange.listOrders(USER, status ? { status } : {});

describe('trading service against the simulator', () => {
  it('connect proves auth and reads exchange status and balance', async () => {
    h = await startSimTrading();
    expect(await h.service.connect()).toEqual({ exchangeActive: true, tradingActive: true });
    expect(h.trading.getSnapshot().context.balance?.balance).toBeGreaterThan(0);
  });

  it('fullSync reconciles orders placed through the service with what happened on the exchange', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    await h.service.fullSync();
    const kept = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 200 });
    const gone = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 200, count: 100 });
    expect(kept.outcome).toBe('accepted');
    expect(gone.outcome).toBe('accepted');
    if (gone.outcome !== 'accepted' || kept.outcome !== 'accepted') return;
    // Canceled behind the daemon's back: only the exchange knows.
    expect(h.sim.exchange.cancelOrder(USER, gone.orderId).ok).toBe(true);

    const result = await h.service.fullSync();
    const { orders } = h.service.state();
    expect(orders[kept.clientOrderId]).toMatchObject({
      status: 'resting',
      placedByDaemon: true,
      remainingCount: 200,
    });
    expect(orders[gone.clientOrderId]?.status).toBe('canceled');
    expect(result.details).toContain(`order ${gone.clientOrderId} resting → canceled`);
    expect(result.changes).toBe(result.details.length);
  });

  it('a fill on the exchange shows up as executed and as a position after the sync', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    await h.service.fullSync();
    // Best bid by one cent, so the counterparty's ask meets our order first.
    const price = (m.yesBid ?? 100) + 100;
    const mine = await h.service.submit({ ticker: m.ticker, side: 'bid', price, count: 100 });
    expect(mine.outcome).toBe('accepted');
    h.sim.exchange.deposit('other', 1_000_000_000);
    const taker = h.sim.exchange.createOrder({
      userId: 'other',
      ticker: m.ticker,
      side: 'ask',
      price,
      count: 100,
      timeInForce: 'immediate_or_cancel',
      selfTradePrevention: 'taker_at_cross',
    });
    expect(taker.ok).toBe(true);
    const result = await h.service.fullSync();
    if (mine.outcome !== 'accepted') return;
    expect(h.service.state().orders[mine.clientOrderId]).toMatchObject({
      status: 'executed',
      fillCount: 100,
    });
    expect(h.service.state().positions[m.ticker]?.position).toBe(100);
    expect(result.details).toEqual(
      expect.arrayContaining([
        `order ${mine.clientOrderId} resting → executed`,
        `position ${m.ticker}: 0 → 1.00`,
      ]),
    );
  });

  it('an intent the risk gate refuses never reaches the exchange', async () => {
    h = await startSimTrading({ limits: { ...WIDE_LIMITS, maxOpenOrders: 1 } });
    const m = await centMarket(h.client);
    expect((await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 })).outcome).toBe(
      'accepted',
    );
    const blocked = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(blocked).toMatchObject({ outcome: 'blocked', rule: 'max_open_orders' });
    expect(simOrders(h)).toHaveLength(1);
    h.service.setKillSwitch(true);
    await h.service.cancelAll();
    expect((await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 })).outcome).toBe(
      'blocked',
    );
    expect(simOrders(h)).toHaveLength(1);
    expect(h.service.state().counters).toMatchObject({ submitted: 1, accepted: 1, blocked: 2 });
  });

  it('an explicit exchange refusal is rejected with its code', async () => {
    h = await startSimTrading();
    const outcome = await h.service.submit({
      ticker: 'KXNOSUCH-MARKET',
      side: 'bid',
      price: 100,
      count: 100,
    });
    expect(outcome.outcome).toBe('rejected');
    if (outcome.outcome !== 'rejected') return;
    expect(h.service.state().orders[outcome.clientOrderId]).toMatchObject({ status: 'rejected' });
    expect(h.service.state().orders[outcome.clientOrderId]?.note).toContain(outcome.code);
  });

  it('a 503 on the create is unknown; syncs prove it missing and only then call it canceled', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    h.sim.faults.set({ restErrorRate: 1 });
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    h.sim.faults.clear();
    expect(outcome.outcome).toBe('unknown');
    if (outcome.outcome !== 'unknown') return;
    // The sim's injected error answers before the engine acts: the order does not exist.
    expect(simOrders(h)).toHaveLength(0);
    const id = outcome.clientOrderId;
    await h.service.fullSync();
    expect(h.service.state().orders[id]).toMatchObject({ status: 'unknown', missingSyncs: 1 });
    await h.service.fullSync();
    expect(h.service.state().orders[id]?.status).toBe('unknown');
    const third = await h.service.fullSync();
    expect(h.service.state().orders[id]).toMatchObject({ status: 'canceled', note: NOT_FOUND_NOTE });
    expect(third.details).toContain(`order ${id} unknown → canceled (${NOT_FOUND_NOTE})`);
    expect(h.service.state().counters).toMatchObject({ unknown: 1, rejected: 0 });
  });

  it('a create that timed out after the exchange acted is settled to resting by the next sync', async () => {
    h = await startSimTrading({ timeoutMs: 200 });
    const m = await centMarket(h.client);
    // The latency fault delays the answer after the engine has acted, far beyond the client's timeout.
    h.sim.faults.set({ latencyMs: 2_000 });
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    h.sim.faults.clear();
    expect(outcome.outcome).toBe('unknown');
    if (outcome.outcome !== 'unknown') return;
    expect(simOrders(h, 'resting')).toHaveLength(1);
    const result = await h.service.fullSync();
    expect(h.service.state().orders[outcome.clientOrderId]).toMatchObject({
      status: 'resting',
      placedByDaemon: true,
    });
    expect(result.details).toContain(`order ${outcome.clientOrderId} unknown → resting`);
  });

  it('cancelAll cancels only the orders the daemon placed', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    const mine = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    const manual = h.sim.exchange.createOrder({
      userId: USER,
      ticker: m.ticker,
      side: 'bid',
      price: 200,
      count: 100,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
      clientOrderId: 'manual-1',
    });
    expect(manual.ok).toBe(true);
    const sync = await h.service.fullSync();
    expect(sync.details).toContain('order manual-1 found on exchange: resting (external)');

    expect(await h.service.cancelAll()).toEqual({ requested: 1, canceled: 1, notFound: 0, failed: 0 });
    expect(simOrders(h, 'resting').map((o) => o.clientOrderId)).toEqual(['manual-1']);
    if (mine.outcome === 'accepted')
      expect(h.service.state().orders[mine.clientOrderId]?.status).toBe('canceled');
    expect(h.service.state().orders['manual-1']?.status).toBe('resting');
  });

  it('an order placed by an earlier run of the daemon is recognised by its prefix and canceled by cancelAll', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    const earlier = `${DAEMON_ORDER_PREFIX}0b7e5d1c-2f3a-4b5c-8d9e-0f1a2b3c4d5e`;
    for (const clientOrderId of [earlier, 'manual-1']) {
      const placed = h.sim.exchange.createOrder({
        userId: USER,
        ticker: m.ticker,
        side: 'bid',
        price: 100,
        count: 100,
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'taker_at_cross',
        clientOrderId,
      });
      expect(placed.ok).toBe(true);
    }
    const sync = await h.service.fullSync();
    expect(sync.details).toContain(`order ${earlier} found on exchange: resting`);
    expect(h.service.state().orders[earlier]?.placedByDaemon).toBe(true);

    expect(await h.service.cancelAll({ onlyDaemonPlaced: true })).toMatchObject({
      requested: 1,
      canceled: 1,
    });
    expect(simOrders(h, 'resting').map((o) => o.clientOrderId)).toEqual(['manual-1']);
    expect(h.service.state().orders[earlier]?.status).toBe('canceled');
  });

  it('submits with a generated daemon client_order_id', async () => {
    h = await startSimTrading();
    const m = await centMarket(h.client);
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome.outcome === 'accepted' && outcome.clientOrderId.startsWith(DAEMON_ORDER_PREFIX)).toBe(
      true,
    );
  });
});
