import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../src/server/throttle';

describe('createThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first call at once and collapses calls during the cool-down into one trailing run', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 1000);
    t.trigger();
    expect(fn).toHaveBeenCalledTimes(1);
    t.trigger();
    t.trigger();
    t.trigger();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    // The trailing run starts a new cool-down.
    t.trigger();
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(3);
    t.trigger();
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('drops a pending run on cancel, and runs every call with a zero interval', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 1000);
    t.trigger();
    t.trigger();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
    const g = vi.fn();
    const z = createThrottle(g, 0);
    z.trigger();
    z.trigger();
    expect(g).toHaveBeenCalledTimes(2);
  });
});
