// Contract: public market data through the domain client (exchange status, markets with cursors and the
// status filter, one market, orderbooks) and the exact wire shapes underneath, on every target.
import { expect, it } from 'vitest';
import { PRICE_ONE } from '../../src/domain/fixed-point';
import { clientFor, makeClient, pickMarkets } from './contract-helpers';
import { describeTargets } from './targets';
import { COUNT_TEXT, PRICE_TEXT, rawRequest } from './wire';

describeTargets('REST market data', { flowRunning: false }, (t) => {
  it('reports the exchange status as two booleans', async () => {
    const status = await makeClient(t.conn, { anonymous: true }).getExchangeStatus();
    expect(typeof status.exchangeActive).toBe('boolean');
    expect(typeof status.tradingActive).toBe('boolean');
    if (t.isSim) expect(status).toEqual({ exchangeActive: true, tradingActive: true });
  });

  it('pages markets with opaque cursors and filters status=open to active markets', async () => {
    const first = await clientFor(t.conn).rest.getMarkets({ limit: 2, status: 'open' });
    expect(first.markets).toHaveLength(2);
    expect(first.cursor).toBeTruthy();
    const second = await clientFor(t.conn).rest.getMarkets({
      limit: 2,
      status: 'open',
      cursor: first.cursor ?? '',
    });
    const firstTickers = first.markets.map((m) => m.ticker);
    expect(second.markets.length).toBeGreaterThan(0);
    for (const m of second.markets) expect(firstTickers).not.toContain(m.ticker);

    // The domain client follows the cursors itself: pages of 2, stopped after 5 markets.
    const listed = await makeClient(t.conn, { pageSize: 2 }).listMarkets({ status: 'open', max: 5 });
    expect(listed).toHaveLength(5);
    expect(new Set(listed.map((m) => m.ticker)).size).toBe(5);
    for (const m of listed) {
      expect(m.status).toBe('active'); // the filter says `open`, responses say `active`
      expect(m.priceRanges.length).toBeGreaterThan(0);
    }
  });

  it.skipIf(!t.isSim)(
    'lists every open market across pages and leaves closed ones out (sim-only)',
    async () => {
      t.sim.exchange.addMarkets([{ ticker: 'KXCONTRACT-26DEC31-CLOSED', status: 'closed' }]);
      const client = makeClient(t.conn, { pageSize: 2 });
      const open = await client.listMarkets({ status: 'open' });
      const all = await client.listMarkets();
      const active = t.sim.exchange.listMarkets().filter((m) => m.status === 'active');
      expect(open.map((m) => m.ticker).sort()).toEqual(active.map((m) => m.ticker).sort());
      expect(all.map((m) => m.ticker)).toContain('KXCONTRACT-26DEC31-CLOSED');
      expect(open.map((m) => m.ticker)).not.toContain('KXCONTRACT-26DEC31-CLOSED');
    },
  );

  it('returns one market with the same identity and price grid as the listing', async () => {
    const client = clientFor(t.conn);
    const [listed] = await pickMarkets(client, 1);
    const market = await client.getMarket(listed!.ticker);
    expect(market).toMatchObject({
      ticker: listed!.ticker,
      eventTicker: listed!.eventTicker,
      status: 'active',
      priceRanges: listed!.priceRanges,
    });
    const wire = await rawRequest(t.conn, 'GET', `/markets/${listed!.ticker}`, { signed: false });
    expect(wire.status).toBe(200);
    expect(wire.body.market.ticker).toBe(listed!.ticker);
    for (const r of wire.body.market.price_ranges) {
      for (const v of [r.start, r.end, r.step]) expect(v).toMatch(PRICE_TEXT);
    }
    expect(wire.body.market.yes_bid_dollars).toMatch(PRICE_TEXT);
    expect(wire.body.market.volume_fp).toMatch(COUNT_TEXT);
  });

  it('serves orderbook_fp as ascending YES and NO bid ladders of dollar/count strings', async () => {
    const client = clientFor(t.conn);
    const [market] = await pickMarkets(client, 1);
    const wire = await rawRequest(t.conn, 'GET', `/markets/${market!.ticker}/orderbook`, { signed: false });
    expect(wire.status).toBe(200);
    expect(Object.keys(wire.body)).toContain('orderbook_fp');
    for (const side of ['yes_dollars', 'no_dollars'] as const) {
      const levels: [string, string][] = wire.body.orderbook_fp[side] ?? [];
      expect(levels.length).toBeGreaterThan(0);
      for (const [price, count] of levels) {
        expect(price).toMatch(PRICE_TEXT);
        expect(count).toMatch(COUNT_TEXT);
      }
      const prices = levels.map(([p]) => Number(p));
      expect(prices).toEqual([...prices].sort((a, b) => a - b)); // ascending: best bid last
      expect(new Set(prices).size).toBe(prices.length);
    }

    // Bids only: a YES bid and a NO bid that summed to $1 or more would have matched.
    const book = await client.getOrderbook(market!.ticker);
    const bestYes = book.yes.at(-1)![0];
    const bestNo = book.no.at(-1)![0];
    expect(bestYes + bestNo).toBeLessThan(PRICE_ONE);
    if (t.isSim) expect(market!.yesBid).toBe(bestYes);
    if (t.isSim) expect(market!.yesAsk).toBe(PRICE_ONE - bestNo);
  });

  it('honours depth: the best N levels of each side, nothing more', async () => {
    const client = clientFor(t.conn);
    const [market] = await pickMarkets(client, 1);
    const full = await client.getOrderbook(market!.ticker);
    const top = await client.getOrderbook(market!.ticker, 2);
    expect(top.yes.length).toBeLessThanOrEqual(2);
    expect(top.no.length).toBeLessThanOrEqual(2);
    if (t.isSim) {
      // The simulator's books stand still without flow, so the two reads must agree level for level.
      expect(top.yes).toEqual(full.yes.slice(-2));
      expect(top.no).toEqual(full.no.slice(-2));
    }
  });

  it('serves several books in one read, the same levels as one market at a time', async () => {
    const client = clientFor(t.conn);
    const markets = await pickMarkets(client, 2);
    const tickers = markets.map((m) => m.ticker);
    const books = await client.getOrderbooks(tickers);
    expect([...books.keys()].sort()).toEqual([...tickers].sort());
    if (t.isSim) {
      for (const ticker of tickers) expect(books.get(ticker)).toEqual(await client.getOrderbook(ticker));
    }
  });
});
