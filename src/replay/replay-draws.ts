// The daemon's randomness during a replay: the ids and jitter values the recorded session drew, in the
// order it drew them, then deterministic ones (a session that goes further than the recording, or a
// different strategy, still replays the same way twice).
import { createSeededRandom } from '../domain/seeded-random';
import type { RecordingEntry } from '../record/recording-format';

export function replayDraws(entries: readonly RecordingEntry[], seed = 1) {
  const ids: string[] = [];
  const rands: number[] = [];
  for (const e of entries) {
    if (e.k === 'id') ids.push(String(e.v));
    else if (e.k === 'rand') rands.push(Number(e.v));
  }
  let nextId = 0;
  let nextRand = 0;
  let made = 0;
  const seeded = createSeededRandom(seed);
  return {
    randomUUID: (): string => {
      const recorded = ids[nextId++];
      if (recorded !== undefined) return recorded;
      made++;
      return `00000000-0000-4000-8000-${made.toString(16).padStart(12, '0')}`;
    },
    random: (): number => rands[nextRand++] ?? seeded(),
  };
}
