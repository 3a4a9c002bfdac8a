// The last N activity lines of every kind (transitions, orders, syncs, commands, health, notices), kept
// from the event hub so a console that opens or reloads replays them instead of starting empty.
import type { ActivityRecord, DaemonEvent } from '../server/events';

export const ACTIVITY_HISTORY_SIZE = 200;

export function createActivityHistory(
  subscribe: (listener: (e: DaemonEvent) => void) => unknown,
  now: () => number,
  size = ACTIVITY_HISTORY_SIZE,
) {
  // A ring: `next` is where the newest line goes, so no line is ever shifted.
  const ring: (ActivityRecord | undefined)[] = new Array(size);
  let next = 0;
  const keep = (r: ActivityRecord) => {
    ring[next] = r;
    next = (next + 1) % size;
  };
  subscribe((e) => {
    if (e.type === 'transition') keep(e);
    else if (e.type === 'activity') keep({ ...e, atMs: now() });
  });
  return {
    /** Oldest first. */
    lines(): ActivityRecord[] {
      const out: ActivityRecord[] = [];
      for (let i = 0; i < size; i++) {
        const r = ring[(next + i) % size];
        if (r !== undefined) out.push(r);
      }
      return out;
    },
  };
}
