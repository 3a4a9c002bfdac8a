// Settings shared by the fuzz suites: bounded, seeded and reproducible. FUZZ_SCALE multiplies every suite's
// runs (e.g. 10 for a long session), FUZZ_SEED picks another seed; a failure prints its seed and path.
import type fc from 'fast-check';
import { expect } from 'vitest';

const scale = Number(process.env.FUZZ_SCALE ?? '1');
export const FUZZ_SCALE = Number.isFinite(scale) && scale > 0 ? scale : 1;
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? '20260113') | 0;

/** Per fuzz test: generous, as the suites share two cores with everything else `npm test` runs. */
export const FUZZ_TIMEOUT_MS = 90_000 * FUZZ_SCALE;

/** At least this many generated inputs per surface in a default run (the bar). */
export const INPUTS_PER_SURFACE = 10_000;

export const fuzzParams = (runs: number): fc.Parameters<unknown> => ({
  seed: FUZZ_SEED,
  numRuns: Math.ceil(runs * FUZZ_SCALE),
});

/** Counts the inputs a surface's properties generated; `check` holds the suite to the bar. */
export class InputCounter {
  count = 0;

  add(n = 1): void {
    this.count += n;
  }

  check(): void {
    expect(this.count).toBeGreaterThanOrEqual(Math.floor(INPUTS_PER_SURFACE * FUZZ_SCALE));
  }
}
