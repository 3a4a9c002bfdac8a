// Manual trades on the whole daemon, over HTTP and WS, judged by the embedded simulator's records: the
// order rests, amends and cancels on the exchange; each outcome is answered with its client_order_id;
// an unknown outcome is told again once a sync settles it; the root goes through `acting`.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { MANUAL_ORDER_PREFIX } from '../../src/actors/trading/trading-types';
import type { DaemonEvent } from '../../src/server/events';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
const WAIT = { timeout: 20_000, interval: 50 };

function http(d: Daemon) {
  const headers = { Authorization: `Bearer ${d.controlToken}`, 'Content-Type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${d.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return call;
}

/** The simulator's record of the daemon's order with this client_order_id. */
const simOrder = (d: Daemon, clientOrderId: unknown) =>
  d.exchange.sim.exchange
    .listOrders(d.exchange.credentials.keyId)
    .find((o) => o.clientOrderId === clientOrderId);

/** A price on the market's grid well below its best bid: it rests and is not hit. */
function restingBid(d: Daemon) {
  const ticker = d.trader.actor.getSnapshot().context.markets[0] as string;
  const book = d.exchange.sim.exchange.getBook(ticker);
  const best = book?.yes.at(-1)?.[0] ?? 2_000;
  const price = Math.max(100, Math.floor(best / 100) * 100 - 500);
  return { ticker, price, dollars: (p: number) => (p / 10_000).toFixed(4) };
}

describe('manual orders on the running daemon', () => {
  it('places, amends and cancels over HTTP; the exchange holds what the answers say', async () => {
    const d = await daemons.start({ V3_LOG_LEVEL: 'warn' });
    await d.waitForState('ready');
    const call = http(d);
    const { ticker, price, dollars } = restingBid(d);

    const placed = await call('POST', '/v3/orders', {
      ticker,
      side: 'bid',
      price_dollars: dollars(price),
      count_fp: '2.00',
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ ok: true, outcome: 'accepted' });
    const id = placed.body.client_order_id as string;
    expect(id.startsWith(MANUAL_ORDER_PREFIX)).toBe(true);
    expect(simOrder(d, id)).toMatchObject({ status: 'resting', price, remainingCount: 200 });
    expect(simOrder(d, id)?.orderId).toBe(placed.body.order_id);

    const amended = await call('PATCH', `/v3/orders/${id}`, { price_dollars: dollars(price - 100) });
    expect(amended).toMatchObject({ status: 200, body: { outcome: 'accepted', client_order_id: id } });
    expect(simOrder(d, id)).toMatchObject({ price: price - 100, remainingCount: 200 });
    const smaller = await call('PATCH', `/v3/orders/${id}`, { count_fp: '1.00' });
    expect(smaller.body.outcome).toBe('accepted');
    expect(simOrder(d, id)).toMatchObject({ price: price - 100, remainingCount: 100, status: 'resting' });

    // The kill switch stops new risk, never its removal.
    d.trader.service.setKillSwitch(true);
    const blocked = await call('POST', '/v3/orders', {
      ticker,
      side: 'bid',
      price_dollars: dollars(price),
      count_fp: '1.00',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ outcome: 'blocked', rule: 'kill_switch' });
    expect(blocked.body.client_order_id).toMatch(/^kt-m-/);
    expect(simOrder(d, blocked.body.client_order_id)).toBeUndefined();
    const canceled = await call('DELETE', `/v3/orders/${id}`);
    expect(canceled).toMatchObject({ status: 200, body: { outcome: 'accepted', client_order_id: id } });
    expect(simOrder(d, id)?.status).toBe('canceled');
    expect((await call('DELETE', '/v3/orders/kt-m-nope')).status).toBe(404);

    // Each decision made the root `acting` and back.
    const metrics = await (await fetch(`${d.url}/metrics`)).text();
    expect(metrics).toMatch(/kalshi_trader_transitions_total\{from="ready",to="acting"\} [1-9]/);
    expect(metrics).toMatch(/kalshi_trader_transitions_total\{from="acting",to="ready"\} [1-9]/);
  }, 60_000);

  it('answers an exchange rejection with its code, and an unknown outcome that a sync then settles', async () => {
    const d = await daemons.start({ V3_LOG_LEVEL: 'warn', V3_SYNC_INTERVAL_SECONDS: '1' });
    await d.waitForState('ready');
    const call = http(d);
    const { ticker, price, dollars } = restingBid(d);
    const events: DaemonEvent[] = [];
    d.trader.ports.subscribe((e) => events.push(e));

    // Off the market's tick: the exchange refuses it.
    const offTick = await call('POST', '/v3/orders', {
      ticker,
      side: 'bid',
      price_dollars: dollars(price + 1),
      count_fp: '1.00',
    });
    expect(offTick.status).toBe(422);
    expect(offTick.body).toMatchObject({ outcome: 'rejected', code: expect.any(String) });
    expect(offTick.body.client_order_id).toMatch(/^kt-m-/);

    // The exchange acts but the answer is lost: unknown, never rejected; the next sync finds it.
    await d.faults({ restErrorRate: 1, restErrorMode: 'after', privateDelayMs: 60_000 });
    const lost = await call('POST', '/v3/orders', {
      ticker,
      side: 'bid',
      price_dollars: dollars(price),
      count_fp: '1.00',
    });
    await d.faults({ restErrorRate: 0, privateDelayMs: 60_000 });
    expect(lost.status).toBe(202);
    expect(lost.body.outcome).toBe('unknown');
    const id = lost.body.client_order_id as string;
    expect(simOrder(d, id)?.status).toBe('resting');
    await vi.waitFor(() => {
      const lines = events.flatMap((e) => (e.type === 'activity' ? [e.message] : []));
      expect(lines.some((l) => l.includes(id) && l.includes('unknown → resting'))).toBe(true);
    }, WAIT);
  }, 60_000);

  it('places over WS with the control token and refuses without it', async () => {
    const d = await daemons.start({ V3_LOG_LEVEL: 'warn' });
    await d.waitForState('ready');
    const { ticker, price, dollars } = restingBid(d);
    const ws = new WebSocket(`${d.url.replace('http', 'ws')}/v3/ws`);
    const replies: Record<string, unknown>[] = [];
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { type: string; data: Record<string, unknown> };
      if (frame.type === 'command_result' || frame.type === 'error') replies.push(frame.data);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const command = {
      type: 'place_order',
      ticker,
      side: 'ask',
      price_dollars: dollars(9_900),
      count_fp: '1.00',
    };
    ws.send(JSON.stringify({ type: 'command', id: 'no-token', command }));
    ws.send(JSON.stringify({ type: 'command', id: 'ok', token: d.controlToken, command }));
    await vi.waitFor(() => expect(replies).toHaveLength(2), WAIT);
    expect(replies[0]).toMatchObject({ id: 'no-token', code: 'unauthorized' });
    expect(replies[1]).toMatchObject({ id: 'ok', command: 'place_order', outcome: 'accepted' });
    expect(simOrder(d, replies[1]?.client_order_id)).toMatchObject({ side: 'ask', status: 'resting' });
    ws.terminate();
    expect(price).toBeGreaterThan(0);
  }, 60_000);
});
