// The health loop machine with its real effect, on a simulated clock: HEALTH_INTERVAL is a named delay.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { collectHealth, createHealthLoopActor } from '../../src/actors/health-loop';
import { startUnderParent } from './parent-harness';

describe('health loop', () => {
  it('reports every probe each interval and never decides anything itself', () => {
    const clock = new SimulatedClock();
    let orderbookUp = true;
    const probes = {
      orderbook: () => (orderbookUp ? { healthy: true } : { healthy: false, detail: 'socket closed' }),
      trading: () => ({ healthy: true }),
    };
    const h = startUnderParent(
      createHealthLoopActor(probes, () => 1_000 + clock.now()),
      { intervalMs: 5_000 },
      { clock },
    );
    clock.increment(4_999);
    expect(h.received()).toEqual([]);
    clock.increment(1);
    orderbookUp = false;
    clock.increment(5_000);
    expect(h.received()).toEqual([
      {
        type: 'HEALTH.REPORT',
        atMs: 6_000,
        components: { orderbook: { healthy: true }, trading: { healthy: true } },
      },
      {
        type: 'HEALTH.REPORT',
        atMs: 11_000,
        components: { orderbook: { healthy: false, detail: 'socket closed' }, trading: { healthy: true } },
      },
    ]);
    h.stop();
    clock.increment(5_000);
    expect(h.received()).toHaveLength(2);
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
