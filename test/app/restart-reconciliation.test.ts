// The restart reconciliation over a real SQLite storage and a real trading actor: stored fills reach the
// ledger (with the stored settlements) and stored open orders are tracked again before the first sync; a position the fills cannot
// explain (still different after its market was paged from the first fill) pauses the strategy and is
// told; a restart that explains everything leaves the strategy alone and only says what it loaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import { openStorage } from '../../src/adapters/storage';
import { createRestartReconciliation } from '../../src/app/restart-reconciliation';
import { settlementEntry } from '../../src/domain/fill-ledger-entry';
import type { StoragePort } from '../../src/domain/storage-port';
import type { Position } from '../../src/domain/trading-types';
import { fill, position, sync, T0 } from '../actors/trading/trading-fixtures';
import { newOrder, session } from '../adapters/storage/storage-fixtures';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});

async function storageWith(prepare: (s: StoragePort) => Promise<void>): Promise<StoragePort> {
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-reconcile-'));
  const storage = await openStorage({ dataDir: dir });
  await storage.startSession(session({ daemonId: 'd' }));
  await prepare(storage);
  await storage.flush();
  cleanup.push(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return storage;
}

function setup(storage: StoragePort, exchangePosition: number, row: Partial<Position> = {}) {
  const trading = createActor(tradingLogic, { input: {} }).start();
  const lines: [string, string][] = [];
  let paused = false;
  // The sync as runFullSync drives the actor: the exchange's rows, then the market paged from its first fill.
  const fullSync = async () => {
    const exchange = position('KXA', exchangePosition, { exposure: 560_000, totalTraded: 560_000, ...row });
    trading.send(sync(T0 + 1_000, { positions: [exchange] }));
    trading.send({ type: 'LEDGER.HISTORY', ticker: 'KXA', fills: [fill()], atMs: T0 + 1_001 });
    return { atMs: T0 + 1_000, changes: 0, details: [] };
  };
  const restart = createRestartReconciliation({
    storage,
    daemonId: 'd',
    trading,
    service: {
      fullSync,
      setStrategyPaused: (p) => {
        paused = p;
      },
    },
    now: () => T0 + 2_000,
    tell: (message, severity) => lines.push([severity, message]),
    log: { info() {}, warn() {} },
  });
  return { trading, restart, lines, paused: () => paused };
}

describe('restart reconciliation', () => {
  it('loads the stored fills and open orders; a restart it explains leaves the strategy running', async () => {
    const storage = await storageWith(async (s) => {
      s.enqueue({ kind: 'fill', atMs: T0, fill: fill() });
      await s.recordOrder(newOrder(7, { ticker: 'KXA', createdMs: T0 }));
    });
    const { trading, restart, lines, paused } = setup(storage, 100);
    await restart.initialSync();
    const state = trading.getSnapshot().context;
    expect(state.positions.KXA?.position).toBe(100);
    expect(state.orders['kt-7']).toMatchObject({ status: 'unknown', placedByDaemon: true });
    expect(restart.report()).toMatchObject({ loadedFills: 1, restoredOrders: 1, discrepancies: [] });
    expect(paused()).toBe(false);
    expect(lines).toEqual([['info', expect.stringContaining('1 stored fill(s) loaded, 1 open order(s)')]]);
  });

  it('tracks every stored open order again, past the first page of 1,000', async () => {
    const count = 1_203;
    const storage = await storageWith(async (s) => {
      // Creation times repeat: the page cursor must break ties by client_order_id, skipping none.
      for (let i = 0; i < count; i++)
        await s.recordOrder(newOrder(i, { ticker: 'KXA', createdMs: T0 + (i % 7) }));
    });
    const { trading, restart } = setup(storage, 0);
    await restart.initialSync();
    expect(restart.report()).toMatchObject({ restoredOrders: count });
    const restored = Object.keys(trading.getSnapshot().context.orders).filter((id) => id.startsWith('kt-'));
    expect(new Set(restored).size).toBe(count);
  });

  it('loads the stored settlements with the fills: a market settled long ago is explained', async () => {
    const storage = await storageWith(async (s) => {
      s.enqueue({ kind: 'fill', atMs: T0, fill: fill() });
      s.enqueue({ kind: 'settlement', atMs: T0, settlement: settlementEntry('KXA', 'yes', T0 + 500) });
    });
    // Bought 1.00 at $0.56, settled yes at $1: the exchange's row is flat with $0.44 realized. The sync
    // here lists no settlement at all (it lies outside the exchange read), so only storage explains it.
    const { trading, restart, paused } = setup(storage, 0, { exposure: 0, realizedPnl: 440_000 });
    await restart.initialSync();
    expect(trading.getSnapshot().context.positions.KXA).toMatchObject({
      position: 0,
      exposure: 0,
      realizedPnl: 440_000,
    });
    expect(restart.report()).toMatchObject({ loadedFills: 1, discrepancies: [] });
    expect(paused()).toBe(false);
  });

  it('a position its fills do not explain pauses the strategy and is told', async () => {
    const storage = await storageWith(async (s) => {
      s.enqueue({ kind: 'fill', atMs: T0, fill: fill() });
    });
    const { restart, lines, paused } = setup(storage, 300);
    await restart.initialSync();
    expect(restart.report()?.discrepancies).toEqual([
      expect.stringMatching(/^position KXA is not explained by its fills: position 1\.00 \(exchange 3\.00\)/),
    ]);
    expect(paused()).toBe(true);
    expect(lines.map(([severity]) => severity)).toEqual(['error', 'error']);
    expect(lines[1]?.[1]).toContain('strategy paused');
    // A later initial sync (after an error recovery) is a plain sync: nothing reloaded or re-judged.
    await restart.initialSync();
    expect(lines).toHaveLength(2);
  });
});
