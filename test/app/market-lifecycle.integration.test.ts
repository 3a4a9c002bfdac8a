// A traded market closes and settles mid-run (the simulator's admin API), judged on the exchange's own
// records: the market maker pulls its quotes before the close (the exchange cancels none of them; a manual
// order it leaves alone ends canceled by the exchange's CloseCancel, not unknown), sends
// nothing after it, books the settlement to the exchange's realized PnL and balance, and rolling
// discovery subscribes a new market in place: no reconnect, never out of `ready`.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { MANUAL_ORDER_PREFIX } from '../../src/actors/trading/trading-types';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
const DISCOVERY_INTERVAL_S = 5;
const PARAMS = { size: 1, max_position: 2, close_buffer_seconds: 3, spread_ticks: 2 };

async function admin(daemon: Daemon, path: string, body?: object) {
  const res = await fetch(`${daemon.exchange.sim.url}/sim/markets/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { ticker: string; market: { close_time: string; status: string } };
}

describe('a traded market closes and settles mid-run', () => {
  it('pulls quotes before the close, books the settlement as the exchange does, and rolls to a new market', async () => {
    const daemon = await daemons.start({
      V3_STRATEGY: 'market_maker',
      V3_STRATEGY_PARAMS: JSON.stringify(PARAMS),
      V3_MAX_MARKETS: '2',
      V3_SIM_RATE: '300',
      V3_MAX_ORDERS: '10',
      V3_MAX_POSITION_SIZE: '3',
      V3_DISCOVERY_INTERVAL_SECONDS: String(DISCOVERY_INTERVAL_S),
      V3_SYNC_INTERVAL_SECONDS: '1',
      V3_LOG_LEVEL: 'warn',
    });
    await daemon.waitForState('ready');
    const user = daemon.exchange.credentials.keyId;
    const sim = daemon.exchange.sim.exchange;
    const trading = () => daemon.trader.trading.getSnapshot().context;
    const markets = () => daemon.trader.ports.getStatus().markets as string[];

    // A market the market maker trades: it holds a position there and quotes it.
    let ticker = '';
    await vi.waitFor(
      () => {
        const held = sim.listPositions(user).find((p) => p.position !== 0 && markets().includes(p.ticker));
        expect(held).toBeDefined();
        ticker = held?.ticker ?? '';
        expect(sim.listOrders(user, { ticker, status: 'resting' }).length).toBeGreaterThan(0);
      },
      { timeout: 40_000, interval: 50 },
    );

    const publicStates: string[] = [];
    daemon.trader.actor.on('transition', (t) => publicStates.push(t.to));
    const reconnects = daemon.trader.feed.stats().reconnects;

    // A manual order the market maker leaves alone: the exchange cancels it at the close (CloseCancel).
    const manualId = `${MANUAL_ORDER_PREFIX}${randomUUID()}`;
    const manual = await daemon.trader.service.submit(
      { ticker, side: 'bid', price: 100, count: 100 },
      { clientOrderId: manualId },
    );
    expect(manual.outcome).toBe('accepted');

    // The exchange moves the close near (close_date_updated); the daemon learns the new close time.
    const moved = await admin(daemon, `${ticker}/close`, { in_seconds: 5 });
    const closeAtMs = Date.parse(moved.market.close_time);
    await vi.waitFor(() => expect(trading().markets[ticker]?.closeTimeMs).toBe(closeAtMs), {
      timeout: 5_000,
    });

    // It closes at that time, with nothing of ours resting: the quotes were pulled before.
    await vi.waitFor(() => expect(sim.getMarket(ticker)?.status).toBe('closed'), { timeout: 10_000 });
    const ours = sim.listOrders(user, { ticker });
    expect(ours.length).toBeGreaterThan(1);
    const closeCancels = ours.filter((o) => o.lastUpdateReason === 'CloseCancel');
    expect(closeCancels.map((o) => o.clientOrderId)).toEqual([manualId]);
    // The exchange's cancel settles it as canceled, never unknown.
    await vi.waitFor(() => expect(trading().orders[manualId]?.status).toBe('canceled'), { timeout: 5_000 });

    // A new market within one discovery interval, subscribed on the same socket, its book live.
    await vi.waitFor(
      () => {
        expect(markets()).not.toContain(ticker);
        expect(markets()).toHaveLength(2);
        for (const t of markets()) expect(daemon.trader.feed.books.meta(t)?.stale).toBe(false);
      },
      { timeout: DISCOVERY_INTERVAL_S * 1000, interval: 50 },
    );
    expect(daemon.trader.feed.stats().reconnects).toBe(reconnects);

    // Settled yes: the ledger closes the position to the exchange's realized PnL; the balance follows.
    await admin(daemon, `${ticker}/settle`, { result: 'yes' });
    daemon.exchange.sim.flow.setRunning(false); // no more fills: the balance can be compared
    await vi.waitFor(
      () => {
        const row = sim.listPositions(user).find((p) => p.ticker === ticker);
        expect(row).toBeDefined();
        expect(trading().positions[ticker]).toMatchObject({
          position: 0,
          exposure: 0,
          realizedPnl: row?.realizedPnl,
          feesPaid: row?.feesPaid,
        });
        expect(trading().markets[ticker]?.phase).toBe('settled');
        expect(trading().ledger.checks[ticker]).toBeUndefined();
        // Kalshi's `balance` is what new orders may use: cash less what resting orders hold.
        const account = sim.getAccount(user);
        expect(trading().balance?.balance).toBe(account.balance - (account.held ?? 0));
      },
      { timeout: 10_000, interval: 50 },
    );

    // /v3/status and /metrics show it settled, the followed markets with their countdowns, and the roll.
    const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as {
      market_lifecycle: Record<
        string,
        { status: string; followed: boolean; closes_in_seconds: number | null }
      >;
    };
    expect(status.market_lifecycle[ticker]).toMatchObject({ status: 'settled', followed: false });
    for (const t of markets())
      expect(status.market_lifecycle[t]).toMatchObject({ status: 'open', followed: true });
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain(
      `kalshi_trader_market_status{ticker="${ticker}",status="settled",followed="false"} 1`,
    );
    expect(metrics).toMatch(/kalshi_trader_market_rolls_total [1-9]/);
    expect(metrics).toContain('kalshi_trader_market_closes_in_seconds{ticker=');

    // Nothing was sent for the market once it closed, and none of its orders is left in doubt.
    expect(ours.every((o) => o.createdMs < closeAtMs)).toBe(true);
    expect(sim.listOrders(user, { ticker }).length).toBe(ours.length);
    const tracked = Object.values(trading().orders).filter((o) => o.ticker === ticker);
    expect(tracked.filter((o) => o.status !== 'canceled' && o.status !== 'executed')).toEqual([]);
    expect(publicStates.filter((s) => s !== 'ready' && s !== 'acting')).toEqual([]);
    expect(daemon.state()).toMatch(/^(ready|acting)$/);
  }, 90_000);
});
