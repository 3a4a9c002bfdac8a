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
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
/** Reused across calls: the id is built from char codes in one flat string, not 36 concatenations. */
const uuidCodes: number[] = new Array(36).fill(DASH);

/**
 * A version-4-shaped UUID whose bits come from `random` (Kalshi's order and trade ids look like this).
 * Built flat: a string grown by `+=` is a tree of 36 cons-strings (about 1.2 KB), and the simulator keeps
 * two ids per resting order; with 10,000 markets those trees were two thirds of its heap.
 */
export function randomUuid(random: () => number): string {
  let at = 0;
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16);
    if (i === 12) nibble = 4; // version
    if (i === 16) nibble = 8 | (nibble & 3); // RFC 4122 variant
    uuidCodes[at++] = HEX_CODES[nibble] as number;
    if (i === 7 || i === 11 || i === 15 || i === 19) at++; // the dash stays in place
  }
  return String.fromCharCode.apply(null, uuidCodes);
}

/**
 * A time-ordered UUID (RFC 9562 version 7 layout): 48 bits of `ms`, then `sequence` (40 bits), then random
 * bits, as fixed-width lowercase hex. Ids sharing a millisecond therefore compare, as plain strings, in
 * the order of their sequence: a client can order same-millisecond fills by (ts, id) as the engine applied them.
 */
export function orderedUuid(random: () => number, ms: number, sequence: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const seq = sequence.toString(16).padStart(10, '0');
  let tail = '';
  for (let i = 0; i < 8; i++) tail += HEX[Math.floor(random() * 16)];
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seq.slice(0, 3)}-8${seq.slice(3, 6)}-${seq.slice(6)}${tail}`;
}
