import { describe, expect, it } from 'vitest';
import { useSimRig } from '../support/fixtures';
import { orderBody, type SimRig } from './sim-rig';

const sims = useSimRig();

const ENVELOPE_503 = {
  error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' },
};

const ownOrders = async (r: SimRig) => {
  const res = await r.rest('GET', '/portfolio/orders');
  expect(res.status).toBe(200);
  return ((res.body?.orders ?? []) as Array<{ client_order_id: string }>).map((o) => o.client_order_id);
};

describe('restErrorMode', () => {
  it('"after": a V2 create answers 5xx yet the order exists once the fault is cleared', async () => {
    const rig = await sims.start();
    const set = await rig.admin('POST', 'faults', { restErrorRate: 1, restErrorMode: 'after' });
    expect(set.body).toMatchObject({ restErrorRate: 1, restErrorMode: 'after' });
    const created = await rig.rest(
      'POST',
      '/portfolio/events/orders',
      orderBody(rig.tickers[0]!, 'bid', '0.0100', 'lost-answer-1'),
    );
    expect(created.status).toBe(503);
    expect(created.body).toEqual(ENVELOPE_503);
    await rig.admin('DELETE', 'faults');
    expect(await ownOrders(rig)).toEqual(['lost-answer-1']);
  });

  it('"before" (the default): the failed create never reached the engine', async () => {
    const rig = await sims.start();
    await rig.admin('POST', 'faults', { restErrorRate: 1, restErrorStatus: 500 });
    const created = await rig.rest(
      'POST',
      '/portfolio/events/orders',
      orderBody(rig.tickers[0]!, 'bid', '0.0100', 'never-1'),
    );
    expect(created.status).toBe(500);
    expect(created.body).toMatchObject({ error: { code: 'internal_server_error' } });
    await rig.admin('DELETE', 'faults');
    expect(await ownOrders(rig)).toEqual([]);
  });

  it('is validated by the admin API and reported, with the injected errors, by GET /sim/state', async () => {
    const rig = await sims.start();
    expect((await rig.admin('POST', 'faults', { restErrorMode: 'later' })).status).toBe(400);
    await rig.admin('POST', 'faults', { restErrorRate: 1, restErrorMode: 'after' });
    await rig.rest('GET', '/portfolio/balance');
    await rig.rest('GET', '/portfolio/balance');
    const { body } = await rig.admin('GET', 'state');
    expect(body.faults).toMatchObject({ restErrorMode: 'after', restErrorRate: 1 });
    expect(body.counters.rest).toMatchObject({ requests: 2, injectedErrors: 2, byStatus: { '503': 2 } });
  });
});
