// The last N activity lines of every kind (transitions, orders, syncs, commands, health, notices), kept
// from the event hub so a console that opens or reloads replays them instead of starting empty.
import type { ActivityRecord, DaemonEvent } from '../server/events';
import { RingBuffer } from './ring-buffer';

export const ACTIVITY_HISTORY_SIZE = 200;

export function createActivityHistory(
  subscribe: (listener: (e: DaemonEvent) => void) => unknown,
  now: () => number,
  size = ACTIVITY_HISTORY_SIZE,
) {
  const ring = new RingBuffer<ActivityRecord>(size);
  subscribe((e) => {
    if (e.type === 'transition') ring.push(e);
    else if (e.type === 'activity') ring.push({ ...e, atMs: now() });
  });
  /** Oldest first. */
  return { lines: () => ring.toArray() };
}
