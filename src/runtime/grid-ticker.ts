// A periodic tick on the multiples of its period (12:00:00.100, .200, ...) rather than every period from
// whenever it started: event-loop lag does not accumulate into drift, and a replay ticks at the same
// instants as the recorded session did, so each tick sees the same frames.
import type { Timers } from './timers';

/** Starts ticking; returns the function that stops it. */
export function startGridTicker(
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>,
  now: () => number,
  periodMs: number,
  tick: () => void,
): () => void {
  const period = Math.max(1, Math.floor(periodMs));
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    handle = timers.setTimeout(run, period - (((now() % period) + period) % period));
  };
  const run = () => {
    if (stopped) return;
    arm();
    tick();
  };
  arm();
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
