// The faults the chaos suite needs beyond the basic ones: a 429 storm, trading_active false, and the
// exchange's clock skewed against the client's (signatures judged, and times stamped, by its clock).
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SKEW_MS } from '../../src/sim/auth-verify';
import { useSimRig } from '../support/fixtures';
import { orderBody, type SimRig } from './sim-rig';
import { connect } from './ws/ws-client';

const sims = useSimRig();

const place = (rig: SimRig, clientOrderId: string) =>
  rig.rest('POST', '/portfolio/events/orders', orderBody(rig.tickers[0]!, 'bid', '0.0100', clientOrderId));

describe('a 429 storm (restErrorStatus 429)', () => {
  it('answers with the rate limiter’s own body and never reaches the engine', async () => {
    const rig = await sims.start();
    const set = await rig.admin('POST', 'faults', { restErrorRate: 1, restErrorStatus: 429 });
    expect(set.status).toBe(200);
    const refused = await place(rig, 'storm-1');
    expect(refused.status).toBe(429);
    // Exactly what the token bucket answers (test/sim/rest/rate-limits.test.ts): no service, no headers.
    expect(refused.body).toEqual({ error: { code: 'too_many_requests', message: 'too many requests' } });
    expect((await rig.rest('GET', '/portfolio/balance')).status).toBe(429);
    await rig.admin('DELETE', 'faults');
    const orders = await rig.rest('GET', '/portfolio/orders');
    expect(orders.body?.orders).toEqual([]);
    expect((await place(rig, 'storm-2')).status).toBe(201);
  });

  it('is the only 4xx an injected REST error may be', async () => {
    const rig = await sims.start();
    expect((await rig.admin('POST', 'faults', { restErrorStatus: 404 })).status).toBe(400);
  });
});

describe('tradingActive false', () => {
  it('shows in GET /exchange/status and refuses creates and amends with 409 trading_is_paused; cancels work', async () => {
    const rig = await sims.start();
    const resting = await place(rig, 'before-halt');
    expect(resting.status).toBe(201);
    const orderId = resting.body?.order_id as string;

    await rig.admin('POST', 'faults', { tradingActive: false });
    const status = await rig.rest('GET', '/exchange/status');
    expect(status.body).toMatchObject({ exchange_active: true, trading_active: false });
    const refused = await place(rig, 'during-halt');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'trading_is_paused' } });
    const amend = await rig.rest('POST', `/portfolio/events/orders/${orderId}/amend`, {
      ticker: rig.tickers[0],
      side: 'bid',
      price: '0.0200',
      count: '1.00',
    });
    expect(amend.status).toBe(409);
    const cancel = await rig.rest('DELETE', `/portfolio/events/orders/${orderId}`);
    expect(cancel.status).toBe(200);

    await rig.admin('DELETE', 'faults');
    expect((await rig.rest('GET', '/exchange/status')).body).toMatchObject({ trading_active: true });
    expect((await place(rig, 'after-halt')).status).toBe(201);
  });
});

describe('clockOffsetMs', () => {
  it('judges signatures by the skewed clock: within the window accepted, beyond it 401 on REST and WS', async () => {
    const rig = await sims.start();
    await rig.admin('POST', 'faults', { clockOffsetMs: DEFAULT_MAX_SKEW_MS - 5_000 });
    expect((await rig.rest('GET', '/portfolio/balance')).status).toBe(200);
    (await rig.ws()).ws.terminate();

    await rig.admin('POST', 'faults', { clockOffsetMs: -(DEFAULT_MAX_SKEW_MS + 15_000) });
    const stale = await rig.rest('GET', '/portfolio/balance');
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({
      error: { details: expect.stringContaining('API_KEY_TIMESTAMP_OUT_OF_RANGE') },
    });
    await expect(connect(rig.sim.wsUrl, sims.key)).rejects.toMatchObject({ status: 401 });
    // Public data needs no signature.
    expect((await rig.rest('GET', '/exchange/status')).status).toBe(200);

    await rig.admin('DELETE', 'faults');
    expect((await rig.rest('GET', '/portfolio/balance')).status).toBe(200);
  });

  it('stamps what the exchange records with its own clock', async () => {
    const rig = await sims.start();
    const offset = DEFAULT_MAX_SKEW_MS - 10_000;
    await rig.admin('POST', 'faults', { clockOffsetMs: offset });
    const before = Date.now();
    const placed = await place(rig, 'stamped');
    expect(placed.status).toBe(201);
    const stamped = placed.body?.ts_ms as number;
    expect(stamped).toBeGreaterThanOrEqual(before + offset);
    expect(stamped).toBeLessThanOrEqual(Date.now() + offset);
    const listed = await rig.rest('GET', '/portfolio/orders');
    const created = Date.parse(listed.body?.orders[0].created_time as string);
    expect(created).toBeGreaterThanOrEqual(before + offset - 1_000);
  });

  it('is bounded to a day either way', async () => {
    const rig = await sims.start();
    expect((await rig.admin('POST', 'faults', { clockOffsetMs: 86_400_001 })).status).toBe(400);
    expect((await rig.admin('POST', 'faults', { clockOffsetMs: 1.5 })).status).toBe(400);
    expect((await rig.admin('POST', 'faults', { clockOffsetMs: -86_400_000 })).status).toBe(200);
  });
});
