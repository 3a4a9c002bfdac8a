// Operator commands run against their owners and announce themselves as `command` activity lines.
import { describe, expect, it, vi } from 'vitest';
import { createCommandRunner } from '../../src/app/operator-commands';
import type { OrderResult } from '../../src/server/commands';
import type { ActivityEvent } from '../../src/server/events';

function setup() {
  const published: ActivityEvent[] = [];
  const service = {
    setKillSwitch: vi.fn(),
    setStrategyPaused: vi.fn(),
    cancelAll: vi.fn(async () => ({ requested: 3, canceled: 2, notFound: 1, failed: 0 })),
  };
  const requestShutdown = vi.fn();
  const orders = vi.fn(
    async (): Promise<OrderResult> => ({
      ok: false,
      client_order_id: 'kt-m-1',
      outcome: 'blocked',
      rule: 'kill_switch',
      message: 'kill switch is on',
    }),
  );
  const run = createCommandRunner({
    service,
    resync: (ticker) => ticker === 'KX-A',
    requestShutdown,
    orders,
    state: () => 'degraded',
    publish: (e) => published.push(e),
  });
  const lines = () => published.map((e) => `${e.activity_type}/${e.severity}/${e.state}: ${e.message}`);
  return { run, service, requestShutdown, orders, lines };
}

describe('operator commands', () => {
  it('runs each command against its owner and says so in the activity log', async () => {
    const t = setup();
    expect(await t.run({ type: 'kill_switch', on: true })).toEqual({ ok: true, message: 'kill switch on' });
    expect(t.service.setKillSwitch).toHaveBeenCalledWith(true);
    expect(await t.run({ type: 'cancel_all' })).toEqual({
      ok: true,
      message: 'cancel all: 2 canceled, 1 not found, 0 failed',
    });
    expect(t.service.cancelAll).toHaveBeenCalledWith({ onlyDaemonPlaced: true });
    expect(await t.run({ type: 'strategy', paused: true })).toEqual({ ok: true, message: 'strategy paused' });
    expect(t.service.setStrategyPaused).toHaveBeenCalledWith(true);
    expect(await t.run({ type: 'resync_market', ticker: 'KX-A' })).toEqual({
      ok: true,
      message: 'resync requested for KX-A',
    });
    expect(t.lines()).toEqual([
      'command/warning/degraded: kill switch on',
      'command/warning/degraded: cancel all: 2 canceled, 1 not found, 0 failed',
      'command/info/degraded: strategy paused',
      'command/info/degraded: resync requested for KX-A',
    ]);
  });

  it('refuses a market without a live book without an activity line', async () => {
    const t = setup();
    expect(await t.run({ type: 'resync_market', ticker: 'KX-Z' })).toEqual({
      ok: false,
      code: 'unknown_market',
      message: 'no live book for KX-Z',
    });
    expect(t.lines()).toEqual([]);
  });

  it('hands manual orders to the order runner and tells their outcome', async () => {
    const t = setup();
    const place = {
      type: 'place_order',
      ticker: 'KX-A',
      side: 'bid',
      price_dollars: '0.5000',
      count_fp: '1.00',
    } as const;
    expect(await t.run(place)).toMatchObject({
      client_order_id: 'kt-m-1',
      outcome: 'blocked',
      rule: 'kill_switch',
    });
    expect(t.orders).toHaveBeenCalledWith(place);
    expect(t.lines()).toEqual(['command/warning/degraded: manual place kt-m-1: blocked (kill_switch)']);
  });

  it('announces a shutdown before it starts it', async () => {
    const t = setup();
    expect(await t.run({ type: 'shutdown' })).toEqual({ ok: true, message: 'shutting down' });
    expect(t.requestShutdown).toHaveBeenCalledWith('command');
    expect(t.lines()).toEqual(['command/warning/degraded: shutdown requested by an operator command']);
  });
});
