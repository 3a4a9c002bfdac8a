// Order safety against the simulator: the intent (with the gate's answer) is queued and the order row is
// committed before the create leaves; a row that cannot be committed means the order is never sent.
import { afterEach, describe, expect, it } from 'vitest';
import { createDecisionTracker } from '../../../src/actors/decision-tracker';
import { NOT_RECORDED } from '../../../src/actors/trading/trading-journal';
import { createManualOrders } from '../../../src/app/manual-orders';
import { createCommandRunner } from '../../../src/app/operator-commands';
import type { HistoryWrite, NewOrder } from '../../../src/domain/storage-records';
import { createApp } from '../../../src/server/app';
import { CONTROL_TOKEN, fakePorts } from '../../server/support/fake-ports';
import { centMarket, type SimTrading, startSimTrading, USER, WIDE_LIMITS } from './sim-harness';

let h: SimTrading | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the trading service with a journal', () => {
  it('commits the order row before the exchange sees the order, and queues the intent', async () => {
    const rows: NewOrder[] = [];
    const queued: HistoryWrite[] = [];
    let onExchangeAtCommit = -1;
    h = await startSimTrading({
      journal: {
        recordOrder: async (row) => {
          onExchangeAtCommit = h!.sim.exchange.listOrders(USER).length;
          rows.push(row);
          return true;
        },
        enqueue: (w) => void queued.push(w),
      },
    });
    const m = await centMarket(h.client);
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome.outcome).toBe('accepted');
    const id = (outcome as { clientOrderId: string }).clientOrderId;
    expect(onExchangeAtCommit).toBe(0);
    expect(rows).toEqual([expect.objectContaining({ clientOrderId: id, source: 'strategy', price: 100 })]);
    expect(queued).toEqual([
      {
        kind: 'intent',
        intent: expect.objectContaining({ decision: 'allowed', intentId: rows[0]?.intentId }),
      },
    ]);
    expect(h.sim.exchange.listOrders(USER).map((o) => o.clientOrderId)).toEqual([id]);
  });

  it('takes intent ids from the injected uuid, so a replay writes the same rows', async () => {
    const rows: NewOrder[] = [];
    let n = 0;
    h = await startSimTrading({
      randomUUID: () => `u-${++n}`,
      journal: {
        recordOrder: async (row) => {
          rows.push(row);
          return true;
        },
        enqueue: () => undefined,
      },
    });
    const m = await centMarket(h.client);
    await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(rows).toEqual([expect.objectContaining({ intentId: 'u-1', clientOrderId: 'kt-u-2' })]);
  });

  it('never sends an order whose row cannot be committed', async () => {
    h = await startSimTrading({
      journal: {
        recordOrder: () => Promise.reject(new Error('storage: database unreachable')),
        enqueue: () => undefined,
      },
    });
    const m = await centMarket(h.client);
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome).toMatchObject({ outcome: 'not_recorded', message: 'storage: database unreachable' });
    expect(h.sim.exchange.listOrders(USER)).toEqual([]);
    expect(Object.values(h.service.state().orders)).toEqual([
      expect.objectContaining({ status: 'rejected', note: `${NOT_RECORDED}: storage: database unreachable` }),
    ]);
  });

  it('answers a manual order storage refused with 503 not_recorded, and the activity line says why', async () => {
    h = await startSimTrading({
      journal: {
        recordOrder: () => Promise.reject(new Error('storage: database unreachable')),
        enqueue: () => undefined,
      },
    });
    const m = await centMarket(h.client);
    const lines: string[] = [];
    const orders = createManualOrders({
      service: h.service,
      decisions: createDecisionTracker(),
      state: () => 'ready',
    });
    const run = createCommandRunner({
      service: h.service,
      resync: () => false,
      requestShutdown: () => undefined,
      orders,
      state: () => 'ready',
      publish: (e) => void lines.push(e.message),
    });
    const fake = fakePorts({ send: run });
    const res = await createApp(fake.ports).request('/v3/orders', {
      method: 'POST',
      headers: { Authorization: `Bearer ${CONTROL_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticker: m.ticker, side: 'bid', price_dollars: '0.0100', count_fp: '1.00' }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, outcome: 'refused', code: NOT_RECORDED });
    expect(lines).toEqual([
      expect.stringMatching(/: refused \(not_recorded: storage refused to record the order/),
    ]);
    expect(h.sim.exchange.listOrders(USER)).toEqual([]);
  });

  it('queues a blocked intent with its rule (the risk-rejection log) and records no order', async () => {
    const queued: HistoryWrite[] = [];
    const rows: NewOrder[] = [];
    h = await startSimTrading({
      limits: { ...WIDE_LIMITS, maxOpenOrders: 0 },
      journal: {
        recordOrder: async (row) => {
          rows.push(row);
          return true;
        },
        enqueue: (w) => void queued.push(w),
      },
    });
    const m = await centMarket(h.client);
    const outcome = await h.service.submit({ ticker: m.ticker, side: 'bid', price: 100, count: 100 });
    expect(outcome.outcome).toBe('blocked');
    expect(rows).toEqual([]);
    expect(queued).toEqual([
      { kind: 'intent', intent: expect.objectContaining({ decision: 'rejected', rule: 'max_open_orders' }) },
    ]);
  });
});
