// Throughput measurement: warm pass functions up, then time them in alternating rounds of CPU time.
import { performance } from 'node:perf_hooks';

export interface Contender {
  /** One pass over the workload. */
  pass: () => void;
  /** Untimed work before each pass (re-seeding books), so every pass starts from the same state. */
  prepare?: () => void;
}

export interface RateOptions {
  /** Items processed by one pass, to turn passes per second into items per second. */
  itemsPerPass: number;
  warmupMs?: number;
  /** CPU time per contender per round. */
  roundMs?: number;
  rounds?: number;
}

/** Process CPU time in ms (user + system): unlike wall time, it does not count time spent descheduled. */
const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
};

/** Items per CPU-second of one contender over about `budgetMs` of CPU (at least one pass). */
function round(contender: Contender, itemsPerPass: number, budgetMs: number): number {
  let elapsed = 0;
  let passes = 0;
  const wallLimit = performance.now() + budgetMs * 4; // bounded even when the machine is starved
  while ((elapsed < budgetMs && performance.now() < wallLimit) || passes < 1) {
    contender.prepare?.();
    const start = cpuMs();
    contender.pass();
    elapsed += cpuMs() - start;
    passes++;
  }
  return (itemsPerPass * passes) / (elapsed / 1_000);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * Median items per CPU-second of each contender. Contenders run in alternating rounds so a change
 * in machine load hits all of them alike, which keeps their ratios meaningful on a busy machine (CI,
 * parallel jobs); CPU time rather than wall time skews absolute numbers less. Warm-up lets V8 reach
 * its optimised tiers first; timing covers whole passes only, and `prepare` runs outside the clock.
 */
export function measureRates(contenders: Contender[], options: RateOptions): number[] {
  const warmupMs = options.warmupMs ?? 300;
  for (const contender of contenders) round(contender, options.itemsPerPass, warmupMs);
  const rates: number[][] = contenders.map(() => []);
  for (let r = 0; r < (options.rounds ?? 5); r++) {
    contenders.forEach((contender, i) => {
      rates[i]!.push(round(contender, options.itemsPerPass, options.roundMs ?? 300));
    });
  }
  return rates.map(median);
}

/** Rate options for `--quick`: shorter warm-up and rounds. */
export const QUICK_RATES = { warmupMs: 150, roundMs: 150, rounds: 3 } as const;

/** Keeps values observable so the optimiser cannot drop the work that produced them. */
export const blackhole = { value: 0 };
export const consume = (value: number): void => {
  blackhole.value = (blackhole.value + value) | 0;
};
