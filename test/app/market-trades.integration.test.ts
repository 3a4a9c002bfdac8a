// Each followed market's last trade price and volume, from the exchange's `ticker` channel, judged on the
// simulator's own market records: equal on /v3/orderbook and in /v3/ws `orderbook` frames once the flow
// stops, and the ticker subscription follows the markets when rolling discovery replaces one.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { formatCount, formatPrice } from '../../src/domain/fixed-point';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
const WAIT = { timeout: 30_000, interval: 50 };
const DISCOVERY_INTERVAL_S = 2;

type Trade = { last_price_dollars: string | null; volume_fp: string | null };

/** What the simulator's market record says, in the daemon's wire strings. */
function exchangeTrade(d: Daemon, ticker: string): Trade {
  const market = d.exchange.sim.exchange.getMarket(ticker);
  if (market === undefined) throw new Error(`no market ${ticker}`);
  return {
    last_price_dollars: market.lastPrice === null ? null : formatPrice(market.lastPrice),
    volume_fp: formatCount(market.volume),
  };
}

async function daemonTrade(d: Daemon, ticker: string): Promise<Trade> {
  const body = (await (await fetch(`${d.url}/v3/orderbook/${ticker}`)).json()) as Trade;
  return { last_price_dollars: body.last_price_dollars, volume_fp: body.volume_fp };
}

/** The markets each ticker-channel subscription of the daemon's socket covers on the exchange. */
function tickerSubscriptions(d: Daemon): string[][] {
  return d.exchange.sim.ws
    .sessions()
    .flatMap((s) => s.subscriptions)
    .filter((s) => s.channel === 'ticker')
    .map((s) => [...(s.market_tickers ?? [])].sort());
}

/** The last `orderbook` frame a /v3/ws client got for each market. */
async function watchFrames(d: Daemon, tickers: string[]) {
  const frames = new Map<string, Trade>();
  const ws = new WebSocket(`${d.url.replace('http', 'ws')}/v3/ws`);
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as { type: string; data: Trade & { ticker: string } };
    if (frame.type === 'orderbook') frames.set(frame.data.ticker, frame.data);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'subscribe', channels: ['orderbook'], markets: tickers }));
  return { frames, close: () => ws.close() };
}

describe('last trade price and volume per market', () => {
  it('equal the exchange records after trades, on REST and /v3/ws, and follow a market roll', async () => {
    const d = await daemons.start({
      V3_MAX_MARKETS: '2',
      V3_SIM_RATE: '400',
      V3_DISCOVERY_INTERVAL_SECONDS: String(DISCOVERY_INTERVAL_S),
      V3_LOG_LEVEL: 'warn',
    });
    await d.waitForState('ready');
    const sim = d.exchange.sim.exchange;
    const markets = () => d.trader.ports.getStatus().markets as string[];
    const first = [...markets()];
    expect(first).toHaveLength(2);
    expect(tickerSubscriptions(d)).toEqual([[...first].sort()]);

    // Trades happen (the flow crosses the book); then the exchange stops and the figures must match.
    await vi.waitFor(() => {
      for (const t of first) expect(sim.getMarket(t)?.volume).toBeGreaterThan(0);
    }, WAIT);
    const socket = await watchFrames(d, first);
    d.exchange.sim.flow.setRunning(false);
    await vi.waitFor(async () => {
      for (const t of first) {
        const theirs = exchangeTrade(d, t);
        expect(theirs.last_price_dollars).not.toBeNull();
        expect(await daemonTrade(d, t)).toEqual(theirs);
        expect(socket.frames.get(t)).toMatchObject(theirs);
      }
    }, WAIT);
    socket.close();

    // A followed market closes: discovery rolls to another, and the ticker subscription moves with it.
    const [gone] = first as [string];
    const closed = await fetch(`${d.exchange.sim.url}/sim/markets/${gone}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ in_seconds: 0 }),
    });
    expect(closed.status).toBe(200);
    await vi.waitFor(() => {
      expect(markets()).not.toContain(gone);
      expect(markets()).toHaveLength(2);
      expect(tickerSubscriptions(d)).toEqual([[...markets()].sort()]);
    }, WAIT);
    // Kalshi documents no initial ticker frame for add_markets: the new market's figures come with its
    // first trade after the roll, on the batch's ticker sid.
    const added = markets().find((t) => !first.includes(t)) as string;
    const before = sim.getMarket(added)?.volume ?? 0;
    d.exchange.sim.flow.setRunning(true);
    await vi.waitFor(() => expect(sim.getMarket(added)?.volume).toBeGreaterThan(before), WAIT);
    d.exchange.sim.flow.setRunning(false);
    await vi.waitFor(async () => expect(await daemonTrade(d, added)).toEqual(exchangeTrade(d, added)), WAIT);
    expect(d.trader.feed.books.trade(gone)).toBeUndefined();
  }, 90_000);
});
