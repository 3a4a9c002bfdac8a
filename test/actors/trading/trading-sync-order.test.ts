// Overlapping syncs: the one that started last wins, however late an older one finishes.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { fakeExchange, gate } from './fake-client';
import { WIDE_LIMITS } from './sim-harness';
import { fill, position, run, sync, T0 } from './trading-fixtures';

describe('sync ordering', () => {
  it('the reducer drops an apply older than the last applied one', () => {
    const newer = run([
      sync(T0 + 20, {
        seq: 2,
        fills: [fill({ fillId: 'f1', count: 700 })],
        positions: [position('KXA', 700, { exposure: 5600 * 700, updatedMs: T0 })],
      }),
    ]);
    const s = run(
      [sync(T0 + 30, { seq: 1, positions: [position('KXA', 100, { updatedMs: T0 + 1 })] })],
      newer,
    );
    expect(s).toBe(newer);
    expect(s.lastSyncSeq).toBe(2);
    expect(s.positions.KXA?.position).toBe(700);
  });

  it('a slow fullSync finishing after a newer one does not roll the state back', async () => {
    const ex = fakeExchange();
    const trading = createActor(tradingLogic, { input: {} }).start();
    const service = createTradingService({ client: ex.client, trading, limits: WIDE_LIMITS, now: () => T0 });
    const slow = gate();
    ex.positionGates = [slow];
    // The first sync (a stopped loop's, say) reads a row of 1 and stalls; then 5 are bought.
    ex.positions = [position('KXA', 100, { exposure: 5600 * 100 })];
    const first = service.fullSync();
    ex.fills = [fill({ fillId: 'f1', count: 500 })];
    ex.positions = [position('KXA', 500, { exposure: 5600 * 500 })];
    const second = await service.fullSync();
    expect(second.superseded).toBeUndefined();
    expect(service.state().positions.KXA?.position).toBe(500);

    slow.open();
    const late = await first;
    expect(late).toMatchObject({ superseded: true, changes: 0 });
    // Its stale row was never checked against the ledger.
    expect(service.state().ledger.checks).toEqual({});
    expect(service.state().positions.KXA?.position).toBe(500);
    trading.stop();
  });
});
