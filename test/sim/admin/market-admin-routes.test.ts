import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderBody, type SimRig, startRig } from '../sim-rig';
import { makeKey, type TestKey } from '../ws/ws-client';

let key: TestKey;
beforeAll(() => {
  key = makeKey();
});

let rig: SimRig | undefined;
afterEach(async () => {
  await rig?.sim.close();
  rig = undefined;
});

const start = async () => {
  rig = await startRig(key, { series: [] });
  return rig;
};

describe('admin API: markets', () => {
  it('creates a market (defaults: open now, closing in a simulated hour) and refuses a duplicate', async () => {
    const r = await start();
    const before = Date.now();
    const created = await r.admin('POST', 'markets', { mid_dollars: '0.4000' });
    expect(created.status).toBe(201);
    const { ticker, market } = created.body;
    expect(ticker).toMatch(/^KXSIMADMIN-\d{2}[A-Z]{3}\d{2}\d{9}-M1$/);
    expect(market).toMatchObject({ ticker, event_ticker: ticker.replace(/-M1$/, ''), status: 'active' });
    const closeMs = Date.parse(market.close_time);
    expect(closeMs - before).toBeGreaterThanOrEqual(3_599_000);
    expect(closeMs - Date.now()).toBeLessThanOrEqual(3_600_000);
    const listed = await r.rest('GET', `/markets/${ticker}`);
    expect(listed.body?.market.yes_bid_dollars).toBe('0.4000');
    const again = await r.admin('POST', 'markets', { ticker });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('market_already_exists');
  });

  it('moves a close time nearer with in_seconds, and refuses a bad body', async () => {
    const r = await start();
    const { ticker } = (await r.admin('POST', 'markets', { mid_dollars: '0.4000' })).body;
    const before = Date.now();
    const moved = await r.admin('POST', `markets/${ticker}/close`, { in_seconds: 30 });
    expect(moved.status).toBe(200);
    expect(moved.body.market.status).toBe('active');
    const closeMs = Date.parse(moved.body.market.close_time);
    expect(closeMs - before).toBeGreaterThanOrEqual(29_000);
    expect(closeMs % 1000).toBe(0); // a whole second, as lifecycle frames carry it
    expect(closeMs - Date.now()).toBeLessThanOrEqual(31_000);
    expect((await r.admin('POST', `markets/${ticker}/close`, { in_seconds: -1 })).status).toBe(400);
    const now = await r.admin('POST', `markets/${ticker}/close`);
    expect(now.body.market.status).toBe('closed');
  });

  it('creates an unopened market that opens later, with the given names', async () => {
    const r = await start();
    const created = await r.admin('POST', 'markets', {
      ticker: 'KXDEMO-26JAN01-T5',
      event_ticker: 'KXDEMO-26JAN01',
      series_ticker: 'KXDEMO',
      title: 'A demo',
      open_in_seconds: 600,
      close_in_seconds: 1_200,
      price_level_structure: 'deci_cent',
    });
    expect(created.status).toBe(201);
    expect(created.body.market).toMatchObject({
      ticker: 'KXDEMO-26JAN01-T5',
      event_ticker: 'KXDEMO-26JAN01',
      title: 'A demo',
      status: 'initialized',
      price_level_structure: 'deci_cent',
    });
    const unopened = await r.rest('GET', '/markets?status=unopened');
    expect(unopened.body?.markets.map((m: { ticker: string }) => m.ticker)).toEqual(['KXDEMO-26JAN01-T5']);
    const order = await r.rest(
      'POST',
      '/portfolio/events/orders',
      orderBody('KXDEMO-26JAN01-T5', 'bid', '0.10', 'a'),
    );
    expect(order.status).toBe(409);
  });

  it('answers bad bodies with 400 and unknown markets with 404', async () => {
    const r = await start();
    const bad = [
      ['markets', { close_in_seconds: -1 }],
      ['markets', { open_in_seconds: 100, close_in_seconds: 50 }],
      ['markets', { surprise: true }],
      ['markets', { ticker: 'has space' }],
      [`markets/${r.tickers[0]}/settle`, { result: 'maybe' }],
      [`markets/${r.tickers[0]}/settle`, { result: 'scalar' }],
      [`markets/${r.tickers[0]}/settle`, { result: 'yes', value: '1.00' }],
      [`markets/${r.tickers[0]}/settle`, { result: 'scalar', value: '0.425' }],
    ] as const;
    for (const [path, body] of bad) {
      const res = await r.admin('POST', path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    for (const action of ['close', 'pause', 'resume']) {
      const res = await r.admin('POST', `markets/NOPE-1/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('market_not_found');
    }
    expect((await r.admin('POST', 'markets/NOPE-1/settle', { result: 'no' })).status).toBe(404);
  });

  it('closes, then settles: the statuses, filters and fields follow', async () => {
    const r = await start();
    const [ticker] = r.tickers as [string];
    const closed = await r.admin('POST', `markets/${ticker}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.market).toMatchObject({ status: 'closed', result: '' });
    expect(Date.parse(closed.body.market.close_time)).toBeLessThanOrEqual(Date.now());
    expect((await r.admin('POST', `markets/${ticker}/close`)).status).toBe(409);
    const statusOf = async (filter: string) =>
      ((await r.rest('GET', `/markets?status=${filter}`)).body?.markets ?? []).map(
        (m: { ticker: string }) => m.ticker,
      );
    expect(await statusOf('closed')).toEqual([ticker]);
    expect(await statusOf('open')).not.toContain(ticker);

    const settled = await r.admin('POST', `markets/${ticker}/settle`, { result: 'scalar', value: '0.42' });
    expect(settled.status).toBe(200);
    expect(settled.body.market).toMatchObject({
      status: 'finalized',
      result: 'scalar',
      settlement_value_dollars: '0.4200',
    });
    expect(settled.body.market.settlement_ts).toMatch(/Z$/);
    expect(await statusOf('settled')).toEqual([ticker]);
    expect(await statusOf('closed')).toEqual([]);
    const since = Math.floor(Date.now() / 1000) - 60;
    const bySettledTs = await r.rest('GET', `/markets?status=settled&min_settled_ts=${since}`);
    expect(bySettledTs.body?.markets).toHaveLength(1);
    const again = await r.admin('POST', `markets/${ticker}/settle`, { result: 'yes' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_market_state');
  });

  it('pauses and resumes an open market, and refuses to pause a closed one', async () => {
    const r = await start();
    const [ticker, other] = r.tickers as [string, string];
    const paused = await r.admin('POST', `markets/${ticker}/pause`);
    expect(paused.body.market.status).toBe('inactive');
    const order = await r.rest('POST', '/portfolio/events/orders', orderBody(ticker, 'bid', '0.10', 'p'));
    expect(order.status).toBe(409);
    expect(order.body?.error.code).toBe('trading_is_paused');
    const resumed = await r.admin('POST', `markets/${ticker}/resume`);
    expect(resumed.body.market.status).toBe('active');
    // Kalshi cancels every resting order when a paused market is reactivated: the seeded book is gone.
    expect((await r.rest('GET', `/markets/${ticker}/orderbook`)).body).toEqual({
      orderbook_fp: { yes_dollars: [], no_dollars: [] },
    });
    await r.admin('POST', `markets/${other}/close`);
    const refused = await r.admin('POST', `markets/${other}/pause`);
    expect(refused.status).toBe(409);
  });
});
