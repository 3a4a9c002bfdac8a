import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLLING_SERIES } from '../../../src/sim/engine/series-roll';
import { type SimulatorHandle, startSimulator } from '../../../src/sim/server';
import { orderBody, type SimRig, startRig } from '../sim-rig';
import { connect, type Frame, makeKey, type TestClient, type TestKey } from './ws-client';

let key: TestKey;
beforeAll(() => {
  key = makeKey();
});

let rig: SimRig | undefined;
let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await rig?.sim.close();
  await sim?.close();
  rig = undefined;
  sim = undefined;
});

async function subscribe(client: TestClient, channels: string[]): Promise<void> {
  client.send({ id: 1, cmd: 'subscribe', params: { channels } });
  for (let sid = 1; sid <= channels.length; sid++)
    await client.next((f) => f.type === 'subscribed' && f.msg.sid === sid);
}

const lifecycleFrames = (c: TestClient) =>
  c.frames.filter((f) => f.type === 'market_lifecycle_v2' || f.type === 'event_lifecycle');

describe('market_lifecycle_v2 channel', () => {
  it('announces a market from creation to settlement, in seq order, with the private frames around it', async () => {
    rig = await startRig(key, { series: [] });
    const client = await rig.ws();
    await subscribe(client, ['market_lifecycle_v2', 'user_orders', 'market_positions']);

    const created = await rig.admin('POST', 'markets', {
      ticker: 'KXLIFE-26JAN01-T1',
      event_ticker: 'KXLIFE-26JAN01',
      series_ticker: 'KXLIFE',
      title: 'Life',
      mid_dollars: '0.5000',
    });
    const ticker: string = created.body.ticker;
    const { market } = created.body;
    await client.next((f) => f.msg?.event_type === 'created');
    // The resting bid is cancelled at close; the taker leaves us long 1 YES for the payout.
    expect(
      (await rig.rest('POST', '/portfolio/events/orders', orderBody(ticker, 'bid', '0.10', 'rest'))).status,
    ).toBe(201);
    const take = await rig.rest('POST', '/portfolio/events/orders', {
      ...orderBody(ticker, 'bid', market.yes_ask_dollars, 'take'),
      time_in_force: 'immediate_or_cancel',
    });
    expect(take.body?.fill_count).toBe('1.00');

    expect((await rig.admin('POST', `markets/${ticker}/close`)).status).toBe(200);
    const cancel = await client.next(
      (f) => f.type === 'user_order' && f.msg.client_order_id === 'rest' && f.msg.status === 'canceled',
    );
    expect(cancel.msg).toMatchObject({ last_update_reason: 'CloseCancel', remaining_count_fp: '0.00' });
    const order = await rig.rest('GET', `/portfolio/orders/${cancel.msg.order_id}`);
    expect(order.body?.order).toMatchObject({
      status: 'canceled',
      remaining_count_fp: '0.00',
      fill_count_fp: '0.00',
    });

    expect((await rig.admin('POST', `markets/${ticker}/settle`, { result: 'yes' })).status).toBe(200);
    const position = await client.next((f) => f.type === 'market_position' && f.msg.position_fp === '0.00');
    await client.next((f) => f.msg?.event_type === 'settled');

    const frames = lifecycleFrames(client);
    expect(frames.map((f) => (f.type === 'event_lifecycle' ? 'event' : f.msg.event_type))).toEqual([
      'event',
      'created',
      'close_date_updated',
      'determined',
      'settled',
    ]);
    expect(frames.map((f) => f.sid)).toEqual([1, 1, 1, 1, 1]);
    expect(frames.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5]);
    const [event, create, closeDate, determined, settled] = frames as [Frame, Frame, Frame, Frame, Frame];
    expect(event.msg).toEqual({
      event_ticker: 'KXLIFE-26JAN01',
      exchange_index: 0,
      title: 'Life',
      subtitle: '',
      collateral_return_type: '',
      series_ticker: 'KXLIFE',
      strike_date: Math.floor(Date.parse(market.close_time) / 1000),
    });
    expect(create.msg).toMatchObject({
      market_ticker: ticker,
      event_type: 'created',
      exchange_index: 0,
      open_ts: Math.floor(Date.parse(market.open_time) / 1000),
      close_ts: Math.floor(Date.parse(market.close_time) / 1000),
      price_level_structure: 'linear_cent',
      price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0100' }],
      additional_metadata: { title: 'Life', event_ticker: 'KXLIFE-26JAN01', can_close_early: true },
    });
    expect(Object.keys(closeDate.msg).sort()).toEqual(['close_ts', 'event_type', 'market_ticker']);
    expect(closeDate.msg.close_ts).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(determined.msg).toMatchObject({ result: 'yes', settlement_value: '1.0000' });
    expect(determined.msg.determination_ts).toEqual(expect.any(Number));
    expect(Object.keys(settled.msg).sort()).toEqual(['event_type', 'market_ticker', 'settled_ts']);
    expect(position.msg).toMatchObject({ market_ticker: ticker, position_cost_dollars: '0.0000' });
    const payout = 1 - Number(market.yes_ask_dollars);
    expect(Number(position.msg.realized_pnl_dollars)).toBeCloseTo(payout, 6);
    client.ws.close();
  });

  it('runs series at a time scale on an injected clock: events roll, close, settle, with no sleep', async () => {
    // The clock stays within seconds of the real one (requests are signed with it); at 3600× an
    // hourly event lasts a second.
    let nowMs = Math.ceil(Date.now() / 1000) * 1000;
    const hourly = DEFAULT_ROLLING_SERIES.filter((s) => s.ticker === 'KXSIMETHH');
    sim = await startSimulator({
      port: 0,
      markets: 1,
      flowRunning: false,
      now: () => nowMs,
      timeScale: 3_600,
      series: hourly,
      lifecycleTickMs: 3_600_000, // only the test's ticks move the lifecycle
      keys: [{ keyId: key.keyId, publicKeyPem: key.publicKeyPem, userId: 'tester' }],
    });
    const client = await connect(sim.wsUrl, key);
    await subscribe(client, ['market_lifecycle_v2']);
    const first = sim.exchange.listMarkets().find((m) => m.seriesTicker === 'KXSIMETHH');
    expect(first?.closeTimeMs).toBeGreaterThanOrEqual(nowMs + 1_000);
    for (let i = 0; i < 40; i++) {
      nowMs += 100;
      sim.exchange.tick();
    }
    await client.next((f) => f.msg?.event_type === 'settled' && f.msg.market_ticker === first?.ticker);
    const types = lifecycleFrames(client).map((f) => f.msg.event_type ?? f.type);
    expect(types).toContain('event_lifecycle');
    expect(types).toContain('created');
    expect(types).toContain('determined');
    const settled = await fetch(`${sim.restUrl}/markets?status=settled&series_ticker=KXSIMETHH`);
    const body = (await settled.json()) as { markets: Array<{ settlement_timer_seconds: number }> };
    expect(body.markets.length).toBeGreaterThanOrEqual(3);
    expect(body.markets[0]?.settlement_timer_seconds).toBe(0); // 300 s / 3600, rounded
    const seqs = lifecycleFrames(client).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    client.ws.close();
  });
});
