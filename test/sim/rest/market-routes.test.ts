import { describe, expect, it } from 'vitest';
import { alice, makeRestFixture, TICKER } from './rest-fixture';

describe('public market data', () => {
  it('serves exchange status', async () => {
    const { call, exchange } = makeRestFixture();
    expect((await call(null, 'GET', '/exchange/status')).body).toMatchObject({
      exchange_active: true,
      trading_active: true,
    });
    exchange.setExchangeStatus({ tradingActive: false });
    expect((await call(null, 'GET', '/exchange/status')).body).toMatchObject({
      exchange_active: true,
      trading_active: false,
    });
  });

  it('pages markets with opaque cursors until the cursor is empty', async () => {
    const { call } = makeRestFixture({ exchange: { markets: { count: 23, seed: 9 } } });
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const res = await call(
        null,
        'GET',
        `/markets?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.markets.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.markets.map((m: { ticker: string }) => m.ticker));
      cursor = res.body.cursor;
      pages++;
    } while (cursor !== '');
    expect(pages).toBe(5);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual([...seen].sort());
  });

  it('renders a market in the fixed-point wire format', async () => {
    const { call, exchange } = makeRestFixture();
    exchange.createOrder({
      userId: 'mm',
      ticker: TICKER,
      side: 'bid',
      price: 4_500,
      count: 30_000,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'maker',
    });
    exchange.createOrder({
      userId: 'mm',
      ticker: TICKER,
      side: 'ask',
      price: 5_300,
      count: 15_000,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'maker',
    });
    const { status, body } = await call(null, 'GET', `/markets/${TICKER}`);
    expect(status).toBe(200);
    expect(body.market).toMatchObject({
      ticker: TICKER,
      event_ticker: 'KXSIM-26DEC31',
      market_type: 'binary',
      status: 'active',
      yes_bid_dollars: '0.4500',
      yes_bid_size_fp: '300.00',
      yes_ask_dollars: '0.5300',
      yes_ask_size_fp: '150.00',
      no_bid_dollars: '0.4700',
      no_ask_dollars: '0.5500',
      last_price_dollars: '0.0000',
      volume_fp: '0.00',
      price_level_structure: 'linear_cent',
      price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0100' }],
    });
    expect(body.market.close_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('filters by tickers, event, series and the filter vocabulary of status', async () => {
    const { call, exchange } = makeRestFixture({
      exchange: {
        marketSpecs: [
          { ticker: 'A-1' },
          { ticker: 'B-1', status: 'closed' },
          { ticker: 'C-1', seriesTicker: 'CS' },
        ],
      },
    });
    const tickers = async (q: string) =>
      (await call(null, 'GET', `/markets?${q}`)).body.markets.map((m: { ticker: string }) => m.ticker);
    expect(await tickers('tickers=A-1,C-1')).toEqual(['A-1', 'C-1']);
    expect(await tickers('series_ticker=CS')).toEqual(['C-1']);
    expect(await tickers('status=closed')).toEqual(['B-1']);
    exchange.setPaused('A-1', true);
    expect(await tickers('status=paused')).toEqual(['A-1']);
    expect(await tickers('status=open')).toEqual(['C-1']);
    expect((await call(null, 'GET', '/markets/A-1')).body.market.status).toBe('inactive');
    // `active` is response vocabulary, not a filter value.
    const bad = await call(null, 'GET', '/markets?status=active');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameters');
  });

  it('rejects out-of-range limits and foreign cursors', async () => {
    const { call } = makeRestFixture();
    for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'cursor=not-a-cursor']) {
      const res = await call(null, 'GET', `/markets?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_parameters');
    }
    expect((await call(null, 'GET', '/markets?limit=1000')).status).toBe(200);
  });

  it('serves orderbook_fp ascending, bids only, with depth', async () => {
    const { call, exchange } = makeRestFixture();
    for (const [side, price] of [
      ['bid', 4_000],
      ['bid', 4_200],
      ['bid', 4_100],
      ['ask', 5_000],
      ['ask', 4_500],
    ] as const) {
      exchange.createOrder({
        userId: 'mm',
        ticker: TICKER,
        side,
        price,
        count: 1_000,
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'maker',
      });
    }
    const full = await call(null, 'GET', `/markets/${TICKER}/orderbook`);
    expect(full.body).toEqual({
      orderbook_fp: {
        yes_dollars: [
          ['0.4000', '10.00'],
          ['0.4100', '10.00'],
          ['0.4200', '10.00'],
        ],
        no_dollars: [
          ['0.5000', '10.00'],
          ['0.5500', '10.00'],
        ],
      },
    });
    const top = await call(null, 'GET', `/markets/${TICKER}/orderbook?depth=1`);
    expect(top.body.orderbook_fp).toEqual({
      yes_dollars: [['0.4200', '10.00']],
      no_dollars: [['0.5500', '10.00']],
    });
    expect((await call(null, 'GET', `/markets/${TICKER}/orderbook?depth=101`)).status).toBe(400);
    const batch = await call(null, 'GET', `/markets/orderbooks?tickers=${TICKER}&tickers=KXSIM-26DEC31-T60`);
    expect(batch.body.orderbooks.map((o: { ticker: string }) => o.ticker)).toEqual([
      TICKER,
      'KXSIM-26DEC31-T60',
    ]);
    expect(batch.body.orderbooks[1].orderbook_fp).toEqual({ yes_dollars: [], no_dollars: [] });
  });

  it('answers unknown markets and routes with the 404 envelope, and serves public data with auth too', async () => {
    const { call } = makeRestFixture();
    const missing = await call(null, 'GET', '/markets/NOPE-1');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'market_not_found', message: 'market not found' } });
    const route = await call(null, 'GET', '/no/such/route');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not_found');
    expect((await call(alice, 'GET', `/markets/${TICKER}`)).status).toBe(200);
  });
});
