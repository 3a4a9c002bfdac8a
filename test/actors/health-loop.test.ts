import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectHealth, createHealthLoopActor } from '../../src/actors/health-loop';
import { startUnderParent } from './parent-harness';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('health loop', () => {
  it('reports every probe each interval and never decides anything itself', async () => {
    let t = 1_000;
    let orderbookUp = true;
    const probes = {
      orderbook: () => (orderbookUp ? { healthy: true } : { healthy: false, detail: 'socket closed' }),
      trading: () => ({ healthy: true }),
    };
    const h = startUnderParent(
      createHealthLoopActor(probes, () => t),
      { intervalMs: 5_000 },
    );
    await vi.advanceTimersByTimeAsync(5_000);
    t = 2_000;
    orderbookUp = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.received()).toEqual([
      {
        type: 'HEALTH.REPORT',
        at: 1_000,
        components: { orderbook: { healthy: true }, trading: { healthy: true } },
      },
      {
        type: 'HEALTH.REPORT',
        at: 2_000,
        components: { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } },
      },
    ]);
    h.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('turns a throwing probe into an unhealthy component', () => {
    const components = collectHealth({
      storage: () => {
        throw new Error('disk gone');
      },
    });
    expect(components).toEqual({ storage: { healthy: false, detail: 'probe failed: disk gone' } });
  });
});
