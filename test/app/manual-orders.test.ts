// Manual order commands as intents: refused outside operation, an id made before anything leaves, an
// amend that only lowers the count sent as a decrease, each run as a decision.
import { describe, expect, it, vi } from 'vitest';
import { createDecisionTracker } from '../../src/actors/decision-tracker';
import type { ChangeIntent, SubmitIntent } from '../../src/actors/trading/trading-ports';
import { createManualOrders } from '../../src/app/manual-orders';
import type { PublicState } from '../../src/machines/trader.events';
import { run as runEvents, wireOrder } from '../actors/trading/trading-fixtures';

function setup(state: PublicState = 'ready') {
  const trading = runEvents([
    {
      type: 'ORDER.UPDATE',
      order: wireOrder({ clientOrderId: 'kt-m-a', orderId: 'o-a', price: 4_000, remainingCount: 300 }),
      atMs: 1,
    },
  ]);
  const submitted: [SubmitIntent, string | undefined][] = [];
  const changes: ChangeIntent[] = [];
  const service = {
    submit: vi.fn(async (intent: SubmitIntent, options?: { clientOrderId?: string }) => {
      submitted.push([intent, options?.clientOrderId]);
      return { outcome: 'blocked' as const, rule: 'kill_switch' as const, reason: 'kill switch is on' };
    }),
    change: vi.fn(async (intent: ChangeIntent) => {
      changes.push(intent);
      return { outcome: 'accepted' as const, clientOrderId: 'kt-m-a', orderId: 'o-a' };
    }),
    state: () => trading,
  };
  const decisions = createDecisionTracker();
  const acting: boolean[] = [];
  decisions.subscribe((a) => acting.push(a));
  const run = createManualOrders({ service, decisions, state: () => state, randomUUID: () => 'u1' });
  return { run, submitted, changes, acting };
}

describe('manual orders', () => {
  it.each(['initializing', 'error', 'shutdown', 'kalshi_data_sync'] as const)(
    'are refused in %s',
    async (state) => {
      const t = setup(state);
      const result = await t.run({ type: 'cancel_order', client_order_id: 'kt-m-a' });
      expect(result).toMatchObject({
        ok: false,
        outcome: 'refused',
        code: 'not_operating',
        client_order_id: null,
      });
      expect(result.message).toContain(state);
      expect(t.changes).toEqual([]);
    },
  );

  it('names a blocked order by the id made for it, and runs it as a decision', async () => {
    const t = setup('acting');
    const result = await t.run({
      type: 'place_order',
      ticker: 'KXA',
      side: 'ask',
      price_dollars: '0.5600',
      count_fp: '2.50',
      post_only: true,
    });
    expect(result).toEqual({
      ok: false,
      client_order_id: 'kt-m-u1',
      outcome: 'blocked',
      rule: 'kill_switch',
      message: 'kill switch is on',
    });
    expect(t.submitted).toEqual([
      [{ ticker: 'KXA', side: 'ask', price: 5_600, count: 250, postOnly: true, reason: 'manual' }, 'kt-m-u1'],
    ]);
    expect(t.acting).toEqual([true, false]);
  });

  it('sends a lower count at the same price as a decrease, anything else as an amend', async () => {
    const t = setup('degraded');
    await t.run({ type: 'amend_order', client_order_id: 'kt-m-a', count_fp: '1.00' });
    await t.run({ type: 'amend_order', order_id: 'o-a', price_dollars: '0.3900' });
    await t.run({ type: 'amend_order', client_order_id: 'kt-m-a', count_fp: '5.00' });
    expect(t.changes).toEqual([
      { clientOrderId: 'kt-m-a', reason: 'manual', kind: 'decrease', count: 100 },
      { orderId: 'o-a', reason: 'manual', kind: 'amend', price: 3_900, count: 300 },
      { clientOrderId: 'kt-m-a', reason: 'manual', kind: 'amend', price: 4_000, count: 500 },
    ]);
    const unknown = await t.run({ type: 'amend_order', client_order_id: 'kt-m-zzz', count_fp: '1.00' });
    expect(unknown).toMatchObject({ outcome: 'invalid', code: 'unknown_order', client_order_id: 'kt-m-zzz' });
    expect(t.changes).toHaveLength(3);
  });
});
