// Restarts keep the history: a daemon on a standalone simulator, stopped cleanly or left behind as a crash
// leaves it (an order row committed, its create answered on the exchange but never in storage, an order
// of ours storage never saw), restarted on the same data directory. Every order is there once, settled
// against the exchange; what cannot be explained starts the strategy paused until an operator resumes it.
import { afterEach, expect, it, vi } from 'vitest';
import { type OpenStorageOptions, openStorage } from '../../src/adapters/storage';
import { PRICE_ONE } from '../../src/domain/fixed-point';
import type { StorageStatusView } from '../../src/server/views';
import { describeStorageTargets } from '../adapters/storage/storage-targets';
import { type SimRig, USER } from '../sim/sim-rig';
import { type Daemon, startDaemon } from '../support/daemon-harness';
import { useSimRig } from '../support/fixtures';

const rigs = useSimRig();
const daemons: Daemon[] = [];
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.close()));
});

async function daemonOn(
  rig: SimRig,
  db: OpenStorageOptions,
  daemonId = 'kalshi-trader',
  now?: () => number,
): Promise<Daemon> {
  const pem = rigs.key.creds.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const daemon = await startDaemon(
    {
      KALSHI_API_URL: rig.sim.restUrl,
      KALSHI_WS_URL: rig.sim.wsUrl,
      KALSHI_API_KEY_ID: rigs.key.keyId,
      KALSHI_PRIVATE_KEY_CONTENT: pem,
      V3_MARKET_TICKERS: rig.tickers.slice(0, 2).join(','),
      V3_DATA_DIR: db.dataDir,
      V3_DAEMON_ID: daemonId,
      ...(db.databaseUrl ? { V3_DATABASE_URL: db.databaseUrl } : {}),
    },
    now ? { now } : {},
  );
  daemons.push(daemon);
  await daemon.waitForState('ready');
  return daemon;
}

async function get<T>(daemon: Daemon, path: string): Promise<T> {
  const res = await fetch(`${daemon.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

type OrderRow = { client_order_id: string; status: string; source: string; fill_count_fp: string };
const storedOrders = async (d: Daemon) =>
  (await get<{ orders: OrderRow[] }>(d, '/v3/orders?status=all')).orders;
const storage = async (d: Daemon) => (await get<{ storage: StorageStatusView }>(d, '/v3/status')).storage;

/** A resting bid well under the market, so nothing fills it. */
const restingBid = (rig: SimRig, clientOrderId: string) => {
  const placed = rig.sim.exchange.createOrder({
    userId: USER,
    ticker: rig.tickers[0]!,
    side: 'bid',
    price: 100,
    count: 100,
    timeInForce: 'good_till_canceled',
    selfTradePrevention: 'taker_at_cross',
    clientOrderId,
  });
  if (!placed.ok) throw new Error(`sim refused the order: ${JSON.stringify(placed)}`);
};

describeStorageTargets('restart on the same database', (t) => {
  it('a clean restart keeps the sessions and every order, once each, tracked again', async () => {
    const rig = await rigs.start();
    const db = (await t.newDatabase()).options;
    const first = await daemonOn(rig, db);
    const ticker = rig.tickers[0]!;
    const placed = [];
    for (const price of [100, 200]) {
      const outcome = await first.trader.service.submit({ ticker, side: 'bid', price, count: 100 });
      expect(outcome.outcome).toBe('accepted');
      placed.push((outcome as { clientOrderId: string }).clientOrderId);
    }
    await first.close();

    const second = await daemonOn(rig, db);
    const sessions = (await get<{ sessions: { stop_reason: string | null }[] }>(second, '/v3/sessions'))
      .sessions;
    expect(sessions.map((s) => s.stop_reason)).toEqual([null, 'test']);
    const orders = await storedOrders(second);
    expect(orders.map((o) => o.client_order_id).sort()).toEqual([...placed].sort());
    expect(orders.every((o) => o.status === 'resting' && o.source === 'strategy')).toBe(true);
    expect(rig.sim.exchange.listOrders(USER)).toHaveLength(2);
    for (const id of placed) expect(second.trader.service.state().orders[id]?.status).toBe('resting');
    expect(await storage(second)).toMatchObject({
      reconciliation: { restored_orders: 2, adopted_orders: 0, discrepancies: [] },
    });
    expect(second.trader.service.state().strategyPaused).toBe(false);
  });

  it('after a crash: the order in flight is settled by its client_order_id, ours storage lacks is adopted', async () => {
    const rig = await rigs.start();
    const db = (await t.newDatabase()).options;
    // What a SIGKILL leaves: an unclean session whose order row was committed before its create left,
    // the create done on the exchange, its answer never stored.
    const crashed = await openStorage(db);
    const session = { daemonId: 'kalshi-trader', orderPrefix: 'kt-', exchange: 'simulator' };
    await crashed.startSession({ ...session, uuid: 'crashed-run', startedMs: Date.now() - 1_000 });
    const inFlight = 'kt-00000000-0000-4000-8000-000000000001';
    const ticker = rig.tickers[0]!;
    const row = { intentId: null, source: 'strategy' as const, ticker, side: 'bid' as const };
    await crashed.recordOrder({
      ...row,
      clientOrderId: inFlight,
      price: 100,
      count: 100,
      createdMs: Date.now(),
    });
    const neverSent = 'kt-00000000-0000-4000-8000-000000000002';
    await crashed.recordOrder({
      ...row,
      clientOrderId: neverSent,
      price: 100,
      count: 100,
      createdMs: Date.now(),
    });
    await crashed.close();
    restingBid(rig, inFlight);
    const unknownToStorage = 'kt-00000000-0000-4000-8000-000000000003';
    restingBid(rig, unknownToStorage);

    const daemon = await daemonOn(rig, db);
    const sessions = (await get<{ sessions: { stop_reason: string | null }[] }>(daemon, '/v3/sessions'))
      .sessions;
    expect(sessions.map((s) => s.stop_reason)).toEqual([null, 'unclean']);
    expect(await storage(daemon)).toMatchObject({
      reconciliation: { restored_orders: 2, adopted_orders: 1, discrepancies: [] },
    });
    expect(daemon.trader.service.state().strategyPaused).toBe(false);
    // The queue writes within its flush interval; the shutdown flush makes it certain.
    await daemon.trader.shutdown('test', 5_000);
    const after = await openStorage(db);
    try {
      const orders = await after.listOrders({ status: 'all' });
      const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
      expect(orders).toHaveLength(3);
      expect(byId.get(inFlight)).toMatchObject({ status: 'resting', source: 'strategy' });
      expect(byId.get(unknownToStorage)).toMatchObject({ status: 'resting', source: 'adopted' });
      // Never on the exchange: still open until the recent-order lookups prove it gone.
      expect(byId.get(neverSent)?.status).toBe('pending');
    } finally {
      await after.close();
    }
    expect(rig.sim.exchange.listOrders(USER)).toHaveLength(2);
  });

  it('an order storage calls canceled that still rests: reported, and the strategy starts paused', async () => {
    const rig = await rigs.start();
    const db = (await t.newDatabase()).options;
    const earlier = await openStorage(db);
    await earlier.startSession({
      daemonId: 'kalshi-trader',
      orderPrefix: 'kt-',
      exchange: 'simulator',
      uuid: 'earlier-run',
      startedMs: Date.now() - 1_000,
    });
    const id = 'kt-00000000-0000-4000-8000-00000000000a';
    const ticker = rig.tickers[0]!;
    const order = { clientOrderId: id, ticker, side: 'bid' as const, price: 100, count: 100 };
    await earlier.recordOrder({ ...order, intentId: null, source: 'strategy', createdMs: Date.now() });
    earlier.enqueue({
      kind: 'order',
      atMs: Date.now(),
      event: 'canceled',
      order: {
        ...order,
        orderId: 'o-1',
        initialCount: 100,
        fillCount: 0,
        remainingCount: 0,
        status: 'canceled',
        createdMs: Date.now(),
        updatedMs: Date.now(),
      },
    });
    await earlier.endSession(Date.now(), 'SIGTERM');
    await earlier.close();
    restingBid(rig, id);

    const daemon = await daemonOn(rig, db);
    const reconciliation = (await storage(daemon))?.reconciliation;
    expect(reconciliation?.discrepancies).toEqual([
      `order ${id} is stored as canceled but still rests on the exchange`,
    ]);
    const status = await get<{ strategy_paused: boolean }>(daemon, '/v3/status');
    expect(status.strategy_paused).toBe(true);
    expect(daemon.logs.some((line) => line.includes('discrepancies: strategy paused'))).toBe(true);
    // The operator looked: resuming is the ordinary command.
    await daemon.trader.ports.send({ type: 'strategy', paused: false });
    expect((await get<{ strategy_paused: boolean }>(daemon, '/v3/status')).strategy_paused).toBe(false);
  });
  it('a market held at the stop that settled days before the restart: booked, nothing unexplained', async () => {
    // The exchange and the restarted daemon share a clock moved two days on: the settlement is then
    // older than the daily settlement window, as after a long stop.
    let shiftMs = 0;
    const shifted = () => Date.now() + shiftMs;
    const rig = await rigs.start({ now: shifted });
    const db = (await t.newDatabase()).options;
    const first = await daemonOn(rig, db);
    const ticker = rig.tickers[0]!;
    // Bought from the simulator's own book; any rest of the order is cancelled at the close.
    const bought = await first.trader.service.submit({ ticker, side: 'bid', price: 9_900, count: 300 });
    expect(bought.outcome).toBe('accepted');
    await vi.waitFor(
      () => expect(first.trader.service.state().positions[ticker]?.position).toBeGreaterThan(0),
      {
        timeout: 10_000,
      },
    );
    await first.close();

    expect((await rig.admin('POST', `markets/${ticker}/settle`, { result: 'yes' })).status).toBe(200);
    shiftMs = 2 * 86_400_000;
    const second = await daemonOn(rig, db, 'kalshi-trader', shifted);
    const reconciliation = (await storage(second))?.reconciliation;
    expect(reconciliation?.discrepancies).toEqual([]);
    expect(reconciliation?.loaded_fills).toBeGreaterThan(0);
    expect(second.trader.service.state().strategyPaused).toBe(false);
    const row = rig.sim.exchange.listPositions(USER).find((p) => p.ticker === ticker);
    expect(row).toMatchObject({ position: 0 });
    const state = second.trader.service.state();
    expect(state.positions[ticker]).toMatchObject({
      position: 0,
      exposure: 0,
      realizedPnl: row?.realizedPnl,
      feesPaid: row?.feesPaid,
    });
    expect(state.markets[ticker]?.phase).toBe('settled');
    expect(state.ledger.checks[ticker]).toBeUndefined();
    // Booked, it is stored beside the fills: the next restart loads it without asking the exchange.
    await second.trader.shutdown('test', 5_000);
    const after = await openStorage(db);
    try {
      expect(await after.listSettlements({ daemonId: 'kalshi-trader' })).toEqual([
        expect.objectContaining({ kind: 'settlement', ticker, value: PRICE_ONE }),
      ]);
    } finally {
      await after.close();
    }
  });

  it('two daemons on one database keep their sessions and orders apart', async () => {
    const rig = await rigs.start();
    const db = (await t.newDatabase()).options;
    const [a, b] = await Promise.all([daemonOn(rig, db, 'desk-a'), daemonOn(rig, db, 'desk-b')]);
    const ticker = rig.tickers[0]!;
    const placed = await a.trader.service.submit({ ticker, side: 'bid', price: 100, count: 100 });
    expect(placed.outcome).toBe('accepted');
    await a.close();
    await b.close();
    const again = await daemonOn(rig, db, 'desk-b');
    const sessions = (await get<{ sessions: { daemon_id: string }[] }>(again, '/v3/sessions')).sessions;
    expect(sessions.map((s) => s.daemon_id)).toEqual(['desk-b', 'desk-b']);
    expect(await storedOrders(again)).toEqual([]);
  });
});
