// The storage contract, run against SQLite and a real PostgreSQL server: sessions, the order row, the
// write queue, the fill ledger, the history reads, and several daemons in one database.
import { beforeEach, expect, it } from 'vitest';
import { settlementEntry } from '../../../src/domain/fill-ledger-entry';
import type { StoragePort } from '../../../src/domain/storage-port';
import { manualSchedule } from './manual-schedule';
import { fill, newOrder, order, position, session } from './storage-fixtures';
import { describeStorageTargets, type StorageDatabase } from './storage-targets';

describeStorageTargets('storage contract', (t) => {
  let db: StorageDatabase;
  beforeEach(async () => {
    db = await t.newDatabase();
  });

  const started = async (daemonId = 'daemon-a'): Promise<StoragePort> => {
    const storage = await db.open();
    await storage.startSession(session({ daemonId }));
    return storage;
  };

  it('numbers sessions with increasing integers and lists them newest first, per daemon', async () => {
    const a1 = await (await db.open()).startSession(session({ daemonId: 'a', startedMs: 1 }));
    const b1 = await (await db.open()).startSession(session({ daemonId: 'b', startedMs: 2 }));
    const a2 = await (await db.open()).startSession(session({ daemonId: 'a', startedMs: 3 }));
    expect(Number.isInteger(a1.sessionId)).toBe(true);
    expect(b1.sessionId).toBeGreaterThan(a1.sessionId);
    expect(a2.sessionId).toBeGreaterThan(b1.sessionId);

    const reader = await db.open();
    expect((await reader.listSessions({})).map((s) => s.sessionId)).toEqual([
      a2.sessionId,
      b1.sessionId,
      a1.sessionId,
    ]);
    const mine = await reader.listSessions({ daemonId: 'a', limit: 1 });
    expect(mine).toEqual([{ ...a2, stoppedMs: null, stopReason: null }]);
  });

  it('records the stop, and marks a daemon’s sessions that never stopped as unclean (no one else’s)', async () => {
    const clean = await db.open();
    const first = await clean.startSession(session({ daemonId: 'a' }));
    await clean.endSession(1_700_000_009_000, 'SIGTERM');
    const crashed = await (await db.open()).startSession(session({ daemonId: 'a' }));
    const other = await (await db.open()).startSession(session({ daemonId: 'b' }));
    const restarted = await (await db.open()).startSession(session({ daemonId: 'a' }));

    const byId = new Map((await (await db.open()).listSessions({})).map((s) => [s.sessionId, s]));
    expect(byId.get(first.sessionId)).toMatchObject({ stoppedMs: 1_700_000_009_000, stopReason: 'SIGTERM' });
    expect(byId.get(crashed.sessionId)).toMatchObject({ stoppedMs: null, stopReason: 'unclean' });
    expect(byId.get(other.sessionId)).toMatchObject({ stoppedMs: null, stopReason: null });
    expect(byId.get(restarted.sessionId)).toMatchObject({ stoppedMs: null, stopReason: null });
  });

  it('refuses history writes before a session is started', async () => {
    const storage = await db.open();
    await expect(storage.recordOrder(newOrder(1))).rejects.toThrow(/no session/);
    expect(() => storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1) })).toThrow(/no session/);
  });

  it('has committed the order row when recordOrder resolves; a reused client_order_id is left alone', async () => {
    const storage = await started();
    expect(await storage.recordOrder(newOrder(1))).toBe(true);
    // Read on a connection of its own: committed, not merely visible to the writer.
    const [row] = await db.query('SELECT client_order_id, status, initial_count FROM orders');
    expect(row).toEqual({ client_order_id: 'kt-1', status: 'pending', initial_count: 300 });

    expect(await storage.recordOrder(newOrder(1, { price: 9_900 }))).toBe(false);
    const [kept] = await storage.listOrders({});
    expect(kept).toMatchObject({
      clientOrderId: 'kt-1',
      price: 4_500,
      status: 'pending',
      source: 'strategy',
    });
    expect(storage.stats().ordersRecorded).toBe(1);
  });

  it('applies order updates by client_order_id, keeps their events, and adopts orders it lacked', async () => {
    const storage = await started();
    await storage.recordOrder(newOrder(1));
    storage.enqueue({ kind: 'order', atMs: 10, event: 'accepted', order: order(1) });
    storage.enqueue({
      kind: 'order',
      atMs: 20,
      event: 'update',
      order: order(1, { status: 'executed', fillCount: 300, remainingCount: 0, updatedMs: 20 }),
    });
    storage.enqueue({
      kind: 'order',
      atMs: 30,
      event: 'adopted',
      order: order(2),
      note: 'found on exchange',
    });
    await storage.flush();

    const orders = await storage.listOrders({ status: 'all' });
    expect(orders.find((o) => o.clientOrderId === 'kt-1')).toMatchObject({
      orderId: 'ord-1',
      source: 'strategy',
      intentId: 'intent-1',
      status: 'executed',
      fillCount: 300,
      remainingCount: 0,
      updatedMs: 20,
    });
    expect(orders.find((o) => o.clientOrderId === 'kt-2')).toMatchObject({
      source: 'adopted',
      status: 'resting',
      note: 'found on exchange',
    });
    const events = await db.query(
      "SELECT event, status, fill_count FROM order_events WHERE client_order_id = 'kt-1' ORDER BY id",
    );
    expect(events).toEqual([
      { event: 'accepted', status: 'resting', fill_count: 0 },
      { event: 'update', status: 'executed', fill_count: 300 },
    ]);
  });

  it('lists orders open, final or all, newest first, by ticker', async () => {
    const storage = await started();
    for (const n of [1, 2, 3, 4])
      await storage.recordOrder(newOrder(n, { ticker: n === 4 ? 'KXTEST-B' : 'KXTEST-A' }));
    storage.enqueue({ kind: 'order', atMs: 5, event: 'canceled', order: order(2, { status: 'canceled' }) });
    storage.enqueue({ kind: 'order', atMs: 5, event: 'rejected', order: order(3, { status: 'rejected' }) });
    await storage.flush();

    const ids = async (q: Parameters<StoragePort['listOrders']>[0]) =>
      (await storage.listOrders(q)).map((o) => o.clientOrderId);
    expect(await ids({ status: 'open' })).toEqual(['kt-4', 'kt-1']);
    expect(await ids({ status: 'final' })).toEqual(['kt-3', 'kt-2']);
    expect(await ids({ status: 'all' })).toEqual(['kt-4', 'kt-3', 'kt-2', 'kt-1']);
    expect(await ids({ status: 'all', ticker: 'KXTEST-B' })).toEqual(['kt-4']);
    expect(await ids({ limit: 2 })).toEqual(['kt-4', 'kt-3']);
  });

  it('books a fill once, however often and in however many batches it arrives', async () => {
    const storage = await started();
    storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1) });
    storage.enqueue({ kind: 'fill', atMs: 2, fill: fill(1) });
    await storage.flush();
    storage.enqueue({ kind: 'fill', atMs: 3, fill: fill(1, { price: 1 }) });
    await storage.flush();

    const { fills } = await storage.listFills({});
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ ...fill(1), recordedMs: 1, daemonId: 'daemon-a' });
  });

  it('books a settlement once per daemon and market, and lists them oldest first with their values', async () => {
    const a = await started('daemon-a');
    const b = await started('daemon-b');
    const yes = settlementEntry('KXTEST-A', 'yes', 1_000, 30);
    const scalar = settlementEntry('KXTEST-B', { yesValue: 4_250 }, 2_000);
    a.enqueue({ kind: 'settlement', atMs: 5, settlement: yes });
    a.enqueue({ kind: 'settlement', atMs: 6, settlement: scalar });
    await a.flush();
    // Told again (a re-read, another run): the first row stays.
    a.enqueue({ kind: 'settlement', atMs: 7, settlement: settlementEntry('KXTEST-A', 'no', 3_000) });
    b.enqueue({ kind: 'settlement', atMs: 8, settlement: settlementEntry('KXTEST-A', 'no', 1_000) });
    await Promise.all([a.flush(), b.flush()]);

    expect(await a.listSettlements({ daemonId: 'daemon-a' })).toEqual([yes, scalar]);
    expect(await b.listSettlements({ daemonId: 'daemon-b' })).toEqual([
      settlementEntry('KXTEST-A', 'no', 1_000),
    ]);
    expect(await a.listSettlements({ daemonId: 'daemon-c' })).toEqual([]);
  });

  it('pages fills by cursor, oldest or newest first, and by ticker', async () => {
    const storage = await started();
    for (let n = 1; n <= 7; n++) {
      storage.enqueue({
        kind: 'fill',
        atMs: n,
        fill: fill(n, { ticker: n % 3 === 0 ? 'KXTEST-B' : 'KXTEST-A' }),
      });
    }
    await storage.flush();

    const ids = (page: { fills: { fillId: string }[] }) => page.fills.map((f) => f.fillId);
    const p1 = await storage.listFills({ limit: 3 });
    expect(ids(p1)).toEqual(['fill-1', 'fill-2', 'fill-3']);
    const p2 = await storage.listFills({ limit: 3, since: p1.nextCursor! });
    expect(ids(p2)).toEqual(['fill-4', 'fill-5', 'fill-6']);
    const p3 = await storage.listFills({ limit: 3, since: p2.nextCursor! });
    expect(ids(p3)).toEqual(['fill-7']);
    expect(p3.nextCursor).toBeNull();

    const newest = await storage.listFills({ limit: 2, order: 'desc' });
    expect(ids(newest)).toEqual(['fill-7', 'fill-6']);
    expect(ids(await storage.listFills({ limit: 2, order: 'desc', since: newest.nextCursor! }))).toEqual([
      'fill-5',
      'fill-4',
    ]);
    expect(ids(await storage.listFills({ ticker: 'KXTEST-B' }))).toEqual(['fill-3', 'fill-6']);

    // A poller that keeps its cursor sees a fill recorded later, even one that happened earlier.
    storage.enqueue({ kind: 'fill', atMs: 9, fill: fill(8, { tsMs: 1 }) });
    await storage.flush();
    expect(ids(await storage.listFills({ since: p2.nextCursor! }))).toEqual(['fill-7', 'fill-8']);
  });

  it('keeps integers exact up to 2^53 − 1 and refuses a fraction, dropping that write alone', async () => {
    const storage = await started();
    const big = Number.MAX_SAFE_INTEGER;
    storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1, { fee: big }) });
    storage.enqueue({ kind: 'fill', atMs: 2, fill: fill(2, { price: 4_500.5 }) });
    storage.enqueue({ kind: 'position', atMs: 3, position: position('KXTEST-A', -big, big) });
    await storage.flush();

    const { fills } = await storage.listFills({});
    expect(fills.map((f) => [f.fillId, f.fee])).toEqual([['fill-1', big]]);
    expect(await storage.realizedPnlSeries({ fromMs: 0, toMs: 10 })).toEqual([
      { tsMs: 3, realizedPnl: -big, feesPaid: big },
    ]);
    expect(storage.stats()).toMatchObject({ written: 2, rejected: 1, queued: 0 });
  });

  it('records intents with their decision, and the rejected ones in the risk-rejection log', async () => {
    const storage = await started();
    const base = {
      atMs: 5,
      source: 'strategy',
      ticker: 'KXTEST-A',
      side: 'bid',
      price: 4_500,
      count: 100,
    } as const;
    storage.enqueue({
      kind: 'intent',
      intent: {
        ...base,
        intentId: 'i-1',
        reason: 'quote',
        decision: 'allowed',
        rule: null,
        decisionReason: null,
      },
    });
    storage.enqueue({
      kind: 'intent',
      intent: {
        ...base,
        intentId: 'i-2',
        source: 'manual',
        reason: null,
        decision: 'rejected',
        rule: 'max_position',
        decisionReason: 'position would be 600 (max 500)',
      },
    });
    await storage.flush();

    expect(
      await db.query('SELECT intent_id, source, decision, rule FROM intents ORDER BY intent_id'),
    ).toEqual([
      { intent_id: 'i-1', source: 'strategy', decision: 'allowed', rule: null },
      { intent_id: 'i-2', source: 'manual', decision: 'rejected', rule: 'max_position' },
    ]);
    expect(await db.query('SELECT intent_id, rule, reason, price, count FROM risk_rejections')).toEqual([
      {
        intent_id: 'i-2',
        rule: 'max_position',
        reason: 'position would be 600 (max 500)',
        price: 4_500,
        count: 100,
      },
    ]);
  });

  it('records state transitions and balance snapshots', async () => {
    const storage = await started();
    storage.enqueue({ kind: 'transition', atMs: 1, from: 'ready', to: 'degraded', reason: 'feed lost' });
    storage.enqueue({
      kind: 'balance',
      atMs: 2,
      balance: { balance: 10_000_000, portfolioValue: 2_500_000, updatedMs: 2 },
    });
    await storage.flush();
    expect(await db.query('SELECT from_state, to_state, reason FROM state_transitions')).toEqual([
      { from_state: 'ready', to_state: 'degraded', reason: 'feed lost' },
    ]);
    expect(await db.query('SELECT balance, portfolio_value FROM balance_snapshots')).toEqual([
      { balance: 10_000_000, portfolio_value: 2_500_000 },
    ]);
  });

  it('sums realized PnL and fees over markets from the position snapshots in the range', async () => {
    const storage = await started();
    const snap = (atMs: number, ticker: string, pnl: number, fees: number) =>
      storage.enqueue({ kind: 'position', atMs, position: position(ticker, pnl, fees) });
    snap(100, 'A', 1_000, 10); // before the range: the starting totals
    snap(150, 'B', -300, 5);
    snap(150, 'B', -400, 6); // same market, later row: replaces the one before
    snap(200, 'A', 1_500, 20);
    snap(300, 'B', -100, 9);
    snap(300, 'C', 50, 1); // same time: one point
    snap(900, 'A', 9_999, 99); // after the range
    await storage.flush();

    expect(await storage.realizedPnlSeries({ fromMs: 200, toMs: 800 })).toEqual([
      { tsMs: 200, realizedPnl: 1_500 - 400, feesPaid: 20 + 6 },
      { tsMs: 300, realizedPnl: 1_500 - 100 + 50, feesPaid: 20 + 9 + 1 },
    ]);
    expect(await storage.realizedPnlSeries({ fromMs: 1_000, toMs: 2_000 })).toEqual([]);
  });

  it('writes nothing until the flush interval passes, then everything queued as one batch', async () => {
    const timer = manualSchedule();
    const storage = await db.open({ queue: { schedule: timer.schedule, flushIntervalMs: 250 } });
    await storage.startSession(session());
    for (let n = 1; n <= 5; n++) storage.enqueue({ kind: 'fill', atMs: n, fill: fill(n) });
    expect(timer.delays).toEqual([250]);
    expect(await db.query('SELECT fill_id FROM fills')).toEqual([]);
    expect(storage.stats()).toMatchObject({ queued: 5, written: 0 });

    timer.fire();
    await storage.flush(); // waits for the timer's batch; nothing is left for it to write
    expect(storage.stats()).toMatchObject({ queued: 0, written: 5, batches: 1 });
    expect(await db.query('SELECT COUNT(*) AS n FROM fills')).toEqual([{ n: 5 }]);
  });

  it('flushes on close, drops and counts writes after it, and reopens with the whole history', async () => {
    const timer = manualSchedule();
    const storage = await db.open({ queue: { schedule: timer.schedule } });
    const first = await storage.startSession(session());
    await storage.recordOrder(newOrder(1));
    storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1) });
    storage.enqueue({ kind: 'transition', atMs: 2, from: 'ready', to: 'shutdown', reason: 'SIGTERM' });
    await storage.endSession(3, 'SIGTERM');
    await storage.close();
    storage.enqueue({ kind: 'fill', atMs: 4, fill: fill(2) });
    expect(storage.stats().dropped).toEqual({ fill: 1 });

    const again = await db.open();
    await again.startSession(session());
    expect((await again.listFills({ sessionId: first.sessionId })).fills.map((f) => f.fillId)).toEqual([
      'fill-1',
    ]);
    expect((await again.listOrders({ sessionId: first.sessionId })).map((o) => o.clientOrderId)).toEqual([
      'kt-1',
    ]);
    expect(await db.query('SELECT to_state FROM state_transitions')).toEqual([{ to_state: 'shutdown' }]);
    expect((await again.listSessions({})).map((s) => s.stopReason)).toEqual([null, 'SIGTERM']);
  });

  it('keeps two daemons’ histories apart in one database, even for the same account’s fills', async () => {
    const a = await db.open();
    const b = await db.open();
    const sa = await a.startSession(session({ daemonId: 'a', orderPrefix: 'kta-' }));
    const sb = await b.startSession(session({ daemonId: 'b', orderPrefix: 'ktb-' }));
    await a.recordOrder(newOrder(1, { clientOrderId: 'kta-1' }));
    await b.recordOrder(newOrder(1, { clientOrderId: 'ktb-1' }));
    for (const [storage, pnl] of [
      [a, 100],
      [b, -200],
    ] as const) {
      storage.enqueue({ kind: 'fill', atMs: 1, fill: fill(1) }); // one account: both see the same fill
      storage.enqueue({ kind: 'position', atMs: 5, position: position('KXTEST-A', pnl, 1) });
    }
    // One account: b sees a's order on the exchange too, but a's row stays a's.
    b.enqueue({ kind: 'order', atMs: 6, event: 'update', order: order(1, { clientOrderId: 'kta-1' }) });
    await Promise.all([a.flush(), b.flush()]);
    expect((await a.listOrders({ daemonId: 'a' }))[0]).toMatchObject({
      status: 'pending',
      sessionId: sa.sessionId,
    });

    for (const [storage, daemonId, sessionId, coid, pnl] of [
      [a, 'a', sa.sessionId, 'kta-1', 100],
      [b, 'b', sb.sessionId, 'ktb-1', -200],
    ] as const) {
      const byDaemon = await storage.listFills({ daemonId });
      expect(byDaemon.fills.map((f) => [f.fillId, f.sessionId])).toEqual([['fill-1', sessionId]]);
      expect((await storage.listOrders({ daemonId })).map((o) => o.clientOrderId)).toEqual([coid]);
      expect((await storage.listOrders({ sessionId })).map((o) => o.clientOrderId)).toEqual([coid]);
      expect(await storage.realizedPnlSeries({ daemonId, fromMs: 0, toMs: 10 })).toEqual([
        { tsMs: 5, realizedPnl: pnl, feesPaid: 1 },
      ]);
      expect((await storage.listSessions({ daemonId })).map((s) => s.sessionId)).toEqual([sessionId]);
    }
    expect((await a.listFills({})).fills).toHaveLength(2);
    // Unfiltered, each daemon's markets count once: the totals add up.
    expect(await a.realizedPnlSeries({ fromMs: 0, toMs: 10 })).toEqual([
      { tsMs: 5, realizedPnl: -100, feesPaid: 2 },
    ]);
  });
});
