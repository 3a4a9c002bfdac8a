// Issue 9's "Done when" on the whole daemon with V3_STRATEGY=market_maker and its embedded simulator:
// it trades within the limits (the simulator's records, sampled all along), and once the flow stops
// /v3/status, /v3/orders and /v3/positions equal the simulator's records for the daemon's key; then a
// manual order placed with `curl -X POST …/v3/orders -H 'Authorization: Bearer …'` rests on the exchange.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { formatCount, formatMoney, formatPrice } from '../../src/domain/fixed-point';
import type { OrderView, PositionView, StatusView } from '../../src/server/views';
import { useDaemon } from '../support/fixtures';

const daemons = useDaemon();
const run = promisify(execFile);
const MAX_ORDERS = 8;
const MAX_POSITION = 4;
const PARAMS = { size: 1, max_position: 3, spread_ticks: 1, skew_ticks_per_contract: 1 };

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('V3_STRATEGY=market_maker on the embedded simulator', () => {
  it("trades within the limits; status, orders and positions equal the simulator's; a curl order rests", async () => {
    const d = await daemons.start({
      V3_STRATEGY: 'market_maker',
      V3_STRATEGY_PARAMS: JSON.stringify(PARAMS),
      V3_MAX_MARKETS: '2',
      V3_SIM_RATE: '300',
      V3_MAX_ORDERS: String(MAX_ORDERS),
      V3_MAX_POSITION_SIZE: String(MAX_POSITION),
      V3_SYNC_INTERVAL_SECONDS: '1',
      V3_LOG_LEVEL: 'warn',
    });
    await d.waitForState('ready');
    const user = d.exchange.credentials.keyId;
    const sim = d.exchange.sim.exchange;
    const worst = { orders: 0, position: 0 };
    const watch = setInterval(() => {
      worst.orders = Math.max(worst.orders, sim.listOrders(user, { status: 'resting' }).length);
      for (const p of sim.listPositions(user))
        worst.position = Math.max(worst.position, Math.abs(p.position));
    }, 20);
    try {
      // Trading: the flow fills its quotes until it holds something.
      await vi.waitFor(
        () => {
          expect(sim.listFills(user).length).toBeGreaterThanOrEqual(3);
          expect(sim.listPositions(user).some((p) => p.position !== 0)).toBe(true);
        },
        { timeout: 40_000, interval: 100 },
      );
      d.exchange.sim.flow.setRunning(false);

      // Quiet books: what the daemon serves settles on what the exchange records.
      await vi.waitFor(
        async () => {
          const resting = sim.listOrders(user, { status: 'resting' });
          const { orders } = await get<{ orders: OrderView[] }>(`${d.url}/v3/orders`);
          const open = (o: OrderView) => o.status === 'resting';
          const row = (id: string, ticker: string, side: string, price: string, remaining: string) =>
            [id, ticker, side, price, remaining].join(' ');
          expect(
            orders
              .filter(open)
              .map((o) =>
                row(o.client_order_id, o.ticker, o.book_side, o.yes_price_dollars, o.remaining_count_fp),
              )
              .sort(),
          ).toEqual(
            resting
              .map((o) =>
                row(o.clientOrderId, o.ticker, o.side, formatPrice(o.price), formatCount(o.remainingCount)),
              )
              .sort(),
          );

          const { positions } = await get<{ positions: PositionView[] }>(`${d.url}/v3/positions?all=1`);
          const figures = (ticker: string, pos: string, exposure: string, pnl: string, fees: string) =>
            [ticker, pos, exposure, pnl, fees].join(' ');
          expect(
            positions
              .map((p) =>
                figures(
                  p.ticker,
                  p.position_fp,
                  p.market_exposure_dollars,
                  p.realized_pnl_dollars,
                  p.fees_paid_dollars,
                ),
              )
              .sort(),
          ).toEqual(
            sim
              .listPositions(user)
              .map((p) =>
                figures(
                  p.ticker,
                  formatCount(p.position),
                  formatMoney(p.exposure),
                  formatMoney(p.realizedPnl),
                  formatMoney(p.feesPaid),
                ),
              )
              .sort(),
          );
          expect(positions.every((p) => !p.unverified)).toBe(true);

          const status = await get<StatusView>(`${d.url}/v3/status`);
          expect(status.strategy).toMatchObject({ name: 'market_maker', paused: false });
          expect(status.orders).toBe(resting.length);
          expect(status.positions).toBe(sim.listPositions(user).filter((p) => p.position !== 0).length);
          // Kalshi's balance is what new orders may use: cash less what resting orders hold.
          const account = sim.getAccount(user);
          expect(status.balance?.balance_dollars).toBe(formatMoney(account.balance - (account.held ?? 0), 4));
        },
        { timeout: 20_000, interval: 250 },
      );
    } finally {
      clearInterval(watch);
    }
    expect(worst.orders).toBeLessThanOrEqual(MAX_ORDERS);
    expect(worst.position).toBeLessThanOrEqual(PARAMS.max_position * 100);

    // The README's manual order, sent by curl: a bid far under the book, which rests.
    const ticker = d.trader.ports.getStatus().markets[0] as string;
    const best = sim.getBook(ticker)?.yes.at(-1)?.[0] ?? 2_000;
    const price = Math.max(100, Math.floor(best / 100) * 100 - 500);
    const { stdout } = await run('curl', [
      ...['-s', '-X', 'POST', `${d.url}/v3/orders`],
      ...['-H', `Authorization: Bearer ${d.controlToken}`, '-H', 'Content-Type: application/json'],
      ...['-d', JSON.stringify({ ticker, side: 'bid', price_dollars: formatPrice(price), count_fp: '2.00' })],
    ]);
    const answer = JSON.parse(stdout) as { outcome: string; client_order_id: string; order_id: string };
    expect(answer.outcome).toBe('accepted');
    const order = sim.listOrders(user).find((o) => o.clientOrderId === answer.client_order_id);
    expect(order).toMatchObject({ status: 'resting', ticker, side: 'bid', price, remainingCount: 200 });
    expect(order?.orderId).toBe(answer.order_id);
  }, 90_000);
});
