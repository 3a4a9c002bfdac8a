// The replay's clock: timers fire in time order (ties in the order they were set), intervals re-arm from
// when they ran, nothing moves until the driver says so; the grid ticker ticks on multiples of its period.
import { describe, expect, it } from 'vitest';
import { startGridTicker } from '../../src/runtime/grid-ticker';
import { VirtualClock } from '../../src/runtime/virtual-clock';

const drain = (clock: VirtualClock, until: number) => {
  while (clock.fireNext(until)) {}
};

describe('VirtualClock', () => {
  it('fires due timers in time order, ties in the order they were set, and skips cleared ones', () => {
    const clock = new VirtualClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    const gone = clock.setTimeout(() => fired.push('never'), 5);
    clock.clearTimeout(gone);
    expect(clock.now()).toBe(1_000);
    drain(clock, 1_015);
    expect(fired).toEqual(['a@1010']);
    drain(clock, 2_000);
    expect(fired).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(clock.nextAt()).toBeUndefined();
  });

  it('re-arms an interval from when it ran, so a late run shifts the ones after it', () => {
    const clock = new VirtualClock(0);
    const runs: number[] = [];
    const id = clock.setInterval(() => runs.push(clock.now()), 100);
    drain(clock, 250);
    clock.advanceTo(330);
    drain(clock, 500);
    clock.clearInterval(id);
    drain(clock, 1_000);
    expect(runs).toEqual([100, 200, 330, 430]);
  });

  it('ticks a grid ticker on multiples of its period, whenever it started', () => {
    const clock = new VirtualClock(1_037);
    const ticks: number[] = [];
    const stop = startGridTicker(clock, clock.now, 100, () => ticks.push(clock.now()));
    drain(clock, 1_350);
    stop();
    drain(clock, 2_000);
    expect(ticks).toEqual([1_100, 1_200, 1_300]);
  });
});
