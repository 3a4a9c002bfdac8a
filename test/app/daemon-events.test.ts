// Actor news → the server's events: the root machine's transitions and health flips, the trading actor's
// orders, fills, positions and syncs. Real actors on both sides; the hub is what the server subscribes to.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import { createCollapser } from '../../src/app/collapsed-lines';
import { createEventHub, dropNews, relayNews } from '../../src/app/daemon-events';
import { publicStateOf } from '../../src/machines/trader.view';
import type { DaemonEvent } from '../../src/server/events';
import { fill, position, sync, T0, wireOrder } from '../actors/trading/trading-fixtures';
import { createHarness } from '../machines/trader-harness';

/** A collapser whose windows the test closes by hand. */
function manualCollapser() {
  const pending: (() => void)[] = [];
  const collapser = createCollapser({
    windowMs: 5_000,
    schedule: (_ms, fn) => {
      pending.push(fn);
      return () => {};
    },
  });
  return {
    collapser,
    closeWindows: () => {
      for (const fn of pending.splice(0)) fn();
    },
  };
}

function start() {
  const h = createHarness();
  const windows = manualCollapser();
  const trading = createActor(tradingLogic, { input: {} }).start();
  const books = new Set<(u: { ticker: string }) => void>();
  const hub = createEventHub();
  const events: DaemonEvent[] = [];
  hub.subscribe((e) => events.push(e));
  relayNews(
    {
      trader: h.actor,
      trading,
      subscribeBooks: (l) => books.add(l),
      state: () => publicStateOf(h.actor.getSnapshot()),
      marks: () => ({ yesBid: 5_000, noBid: 4_000 }),
      now: () => T0,
    },
    hub,
    windows.collapser,
  );
  const take = () => events.splice(0).filter((e) => e.type !== 'status');
  return { h, trading, books, events, take, hub, closeWindows: windows.closeWindows };
}

const lines = (events: DaemonEvent[]) =>
  events.flatMap((e) => (e.type === 'activity' ? [`${e.activity_type}/${e.severity}: ${e.message}`] : []));

describe('relayNews', () => {
  it('publishes each recorded transition as it is, and health flips as lines', async () => {
    const { h, take, events } = start();
    await h.toReady();
    const transitions = take().filter((e) => e.type === 'transition');
    expect(transitions).toEqual(
      h.actor
        .getSnapshot()
        .context.transitions.slice(1)
        .map((t) => ({ type: 'transition', ...t })),
    );

    const report = (orderbook: boolean) =>
      h.send({
        type: 'HEALTH.REPORT',
        atMs: 5_000,
        components: {
          orderbook: orderbook ? { healthy: true } : { healthy: false, detail: 'socket closed' },
        },
      });
    report(true);
    report(false);
    report(false);
    report(true);
    expect(lines(take())).toEqual([
      'health/info: orderbook healthy',
      'health/warning: orderbook unhealthy: socket closed',
      'health/info: orderbook healthy',
    ]);
    // Any change of the root's snapshot nudges the (throttled) status frame.
    report(true);
    expect(events.at(-1)).toEqual({ type: 'status' });
  });

  it('turns trading news into order, fill, position and trading_state events with their lines', () => {
    const { trading, take } = start();
    trading.send({
      type: 'ORDER.PENDING',
      clientOrderId: 'kt-1',
      intent: { ticker: 'KX-A', side: 'bid', price: 4200, count: 500 },
      atMs: 1,
    });
    const placed = take();
    expect(placed.map((e) => e.type)).toEqual(['order', 'activity']);
    expect(lines(placed)).toEqual(['order/info: order bid KX-A 0.4200 × 5.00: new → pending']);
    trading.send({ type: 'ORDER.UNKNOWN', clientOrderId: 'kt-1', reason: 'timeout', atMs: 2 });
    expect(lines(take())).toEqual([
      'order/warning: order bid KX-A 0.4200 × 5.00: pending → unknown (timeout)',
    ]);

    trading.send({ type: 'FILL', fill: fill(), atMs: T0 });
    trading.send({ type: 'FILL', fill: fill(), atMs: T0 });
    expect(take().map((e) => e.type)).toEqual(['fill', 'position']);

    // The sync's row agrees with the ledger: the fill moved the position, the sync does not.
    const row = position('KXA', 100, { exposure: 5600 * 100, totalTraded: 5600 * 100 });
    trading.send(sync(T0 + 1_000, { orders: [wireOrder()], positions: [row] }));
    const synced = take();
    expect(synced.map((e) => e.type)).toEqual(['order', 'activity', 'trading_state', 'activity']);
    expect(lines(synced)[1]).toMatch(/^sync\/info: sync: \d+ change\(s\): /);
    // A sync that only re-confirmed: the trading_state frame, no order news, no line.
    trading.send(sync(T0 + 2_000, { orders: [wireOrder()], positions: [row] }));
    expect(take().map((e) => e.type)).toEqual(['trading_state']);
  });

  it('tells a position the ledger cannot verify, with both figures, and when it agrees again', () => {
    const { trading, take } = start();
    const ghost = position('KXA', 300, { exposure: 5600 * 300 });
    trading.send(sync(T0, { positions: [ghost] }));
    take();
    trading.send({ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [], atMs: T0 + 1 });
    const mismatch = take();
    expect(lines(mismatch)).toEqual([
      'ledger/warning: position KXA unverified: the fill ledger differs from the exchange after paging its fills: ' +
        'position 0.00 (exchange 3.00), exposure $0.000000 (exchange $1.680000)',
    ]);
    expect(mismatch.find((e) => e.type === 'position')).toMatchObject({
      position: { ticker: 'KXA', position_fp: '0.00', unverified: true, exchange: { position_fp: '3.00' } },
    });
    trading.send(sync(T0 + 1_000, { fills: [fill({ count: 300, tsMs: T0 - 1 })], positions: [ghost] }));
    const agrees = take();
    expect(lines(agrees)[0]).toBe('ledger/info: position KXA agrees with the exchange again');
    expect(agrees.filter((e) => e.type === 'position').at(-1)).toMatchObject({
      // Marked to the $0.50 bid: 3 × ($0.50 − $0.56).
      position: {
        position_fp: '3.00',
        unverified: false,
        exchange: null,
        unrealized_pnl_dollars: '-0.180000',
      },
    });
  });

  it('says which market changed, not the book', () => {
    const { books, take } = start();
    for (const l of books) l({ ticker: 'KX-A' });
    expect(take()).toEqual([{ type: 'book', ticker: 'KX-A' }]);
  });

  it('collapses a burst of acting transitions into its first and one count', async () => {
    const { h, take, closeWindows } = start();
    await h.toReady();
    take();
    for (let i = 0; i < 20; i++) {
      h.send({ type: 'DECISION.START' });
      h.send({ type: 'DECISION.END' });
    }
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    const burst = take();
    // The first transition of the burst, then the feed going down (never collapsed).
    expect(burst.map((e) => (e.type === 'transition' ? `${e.from}→${e.to}` : e.type))).toEqual([
      'ready→acting',
      'ready→degraded',
    ]);
    closeWindows();
    expect(lines(take())).toEqual(['acting/info: 39 more transitions to and from acting in 5 s (collapsed)']);
    h.send({ type: 'DECISION.START' });
    expect(take().map((e) => e.type)).toEqual(['transition']);
  });

  it('never collapses a way out of acting into another state: a failure met while acting is told', async () => {
    const { h, take } = start();
    await h.toReady();
    take();
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'DECISION.END' });
    h.send({ type: 'DECISION.START' });
    h.send({
      type: 'HEALTH.REPORT',
      atMs: T0,
      components: { trading: { healthy: false, detail: 'no sync' } },
    });
    const told = take().flatMap((e) => (e.type === 'transition' ? [`${e.from}→${e.to}`] : []));
    expect(told).toEqual(['ready→acting', 'acting→error']);
  });

  it('tells the feed dropping while a decision runs: acting → degraded is no round trip', async () => {
    const { h, take } = start();
    await h.toReady();
    take();
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'FEED.DOWN', reason: 'socket closed' });
    h.send({ type: 'DECISION.END' });
    h.send({ type: 'DECISION.START' });
    h.send({ type: 'FEED.UP' });
    h.send({ type: 'DECISION.END' });
    const told = take().flatMap((e) => (e.type === 'transition' ? [`${e.from}→${e.to}`] : []));
    expect(told).toEqual(['ready→acting', 'acting→degraded', 'acting→ready']);
  });

  it('tells dropped intents once per burst and reason', () => {
    const hub = createEventHub();
    const events: DaemonEvent[] = [];
    hub.subscribe((e) => events.push(e));
    const { collapser, closeWindows } = manualCollapser();
    const drop = dropNews(hub, () => 'acting', collapser);
    for (let i = 0; i < 5; i++) drop('stale');
    drop('superseded');
    closeWindows();
    expect(lines(events)).toEqual([
      'strategy/warning: strategy intent dropped (stale)',
      'strategy/warning: strategy intent dropped (superseded)',
      'strategy/warning: 4 more strategy intents dropped (stale) in 5 s',
    ]);
  });
});
