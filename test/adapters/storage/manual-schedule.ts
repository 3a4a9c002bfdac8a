// A hand-driven stand-in for the write queue's timer: tests fire the flush when they choose.
import type { Schedule } from '../../../src/adapters/storage/write-queue';

export interface ManualSchedule {
  schedule: Schedule;
  /** Delays of the timers armed so far, in order. */
  readonly delays: number[];
  /** How many timers are armed and not yet fired or cancelled. */
  armed(): number;
  /** Fires every armed timer (as if their delay had passed). */
  fire(): void;
}

export function manualSchedule(): ManualSchedule {
  const timers = new Set<() => void>();
  const delays: number[] = [];
  return {
    delays,
    schedule(fn, ms) {
      delays.push(ms);
      timers.add(fn);
      return () => void timers.delete(fn);
    },
    armed: () => timers.size,
    fire() {
      const due = [...timers];
      timers.clear();
      for (const fn of due) fn();
    },
  };
}
