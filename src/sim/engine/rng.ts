// Seeded randomness for the simulator: a small PRNG and UUIDs drawn from it, so a seed replays a run.
import { createSeededRandom } from '../../domain/seeded-random';

export { createSeededRandom };

/** Integer in [min, max], inclusive. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const HEX = '0123456789abcdef';

/** A version-4-shaped UUID whose bits come from `random` (Kalshi's order and trade ids look like this). */
export function randomUuid(random: () => number): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16);
    if (i === 12) nibble = 4; // version
    if (i === 16) nibble = 8 | (nibble & 3); // RFC 4122 variant
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}
