// Unknown outcomes on the whole daemon: an order the exchange created but whose answer was lost is
// tracked as unknown, never rejected, and reconciliation finds it; private frames that arrive late
// or out of order never make the daemon count a fill twice.
import { describe, expect, it, vi } from 'vitest';
import type { TrackedOrder } from '../../src/actors/trading/trading-types';
import type { Daemon } from '../support/daemon-harness';
import { useDaemon } from '../support/fixtures';
import { setFlow } from '../support/sim-flow';

const daemons = useDaemon();

const WAIT = { timeout: 20_000, interval: 50 };
const order = (d: Daemon, clientOrderId: string): TrackedOrder | undefined =>
  d.trader.trading.getSnapshot().context.orders[clientOrderId];

describe('order outcomes on the running daemon', () => {
  it('tracks a create whose answer was lost as unknown, and settles it to resting by reconciliation', async () => {
    const d = await daemons.start();
    await d.waitForState('ready');
    const ticker = d.trader.actor.getSnapshot().context.markets[0]!;

    // The private frames are held back, so only REST reconciliation can settle the order here.
    await d.faults({ restErrorRate: 1, restErrorMode: 'after', privateDelayMs: 60_000 });
    const outcome = await d.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 });
    await d.faults({ restErrorRate: 0, privateDelayMs: 60_000 });
    expect(outcome.outcome).toBe('unknown');
    const id = (outcome as { clientOrderId: string }).clientOrderId;
    expect(order(d, id)?.status).toBe('unknown');

    await d.trader.service.fullSync();
    expect(order(d, id)).toMatchObject({ status: 'resting', remainingCount: 100, placedByDaemon: true });
    expect(
      d.exchange.sim.exchange.listOrders(d.exchange.credentials.keyId, { status: 'resting' }),
    ).toHaveLength(1);
  });

  it('keeps exact fill counts when private frames arrive late and out of order', async () => {
    const d = await daemons.start({ V3_MAX_POSITION_SIZE: '100000', V3_MAX_NOTIONAL_DOLLARS: '100000' });
    await d.waitForState('ready');
    await setFlow(d.exchange.sim, false);
    await d.faults({ privateDelayMs: 300, privateReorder: true });
    const ticker = d.trader.actor.getSnapshot().context.markets[0]!;
    const book = d.exchange.sim.exchange.getBook(ticker)!;
    // Buy YES at the best ask ($1 − best NO bid), twice the size resting there: part fills, part rests.
    const [noBid, noSize] = book.no[book.no.length - 1]!;
    const askPrice = 10_000 - noBid;
    const outcome = await d.trader.service.submit({
      ticker,
      side: 'bid',
      price: askPrice,
      count: noSize * 2,
    });
    expect(outcome.outcome).toBe('accepted');
    const id = (outcome as { clientOrderId: string }).clientOrderId;

    // A sync while the fill frames are still held: REST already has the fill.
    await d.trader.service.fullSync();
    const position = () => d.trader.trading.getSnapshot().context.positions[ticker]?.position;
    expect(position()).toBe(noSize);
    // Then the delayed fill and user_order frames land: the fill must not move the position again.
    await vi.waitFor(
      () => expect(d.trader.trading.getSnapshot().context.counters.fills).toBeGreaterThan(0),
      WAIT,
    );
    expect(position()).toBe(noSize);
    expect(order(d, id)).toMatchObject({ status: 'resting', fillCount: noSize, remainingCount: noSize });
    await d.faults(null);
    await d.trader.service.fullSync();
    expect(order(d, id)).toMatchObject({ status: 'resting', fillCount: noSize, remainingCount: noSize });
    expect(position()).toBe(noSize);
  });
});
