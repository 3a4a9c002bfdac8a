// The soak's flags: parsed once, every bound and size with its default; a bad flag is a FlagError.
import { parseArgs } from 'node:util';
import type { SoakBounds } from './soak-analysis';
import type { SoakOptions } from './soak-run';

export const USAGE = `Usage: npm run soak -- --minutes N [flags]

Starts the daemon (with its embedded simulator) as its own process, connects a crowd of /v3/ws
clients that subscribe to books and reconnect every 20-40 s, injects a simulator fault every
period, polls /v3/status every second, and samples the daemon's RSS, heap, live heap (after the
last major GC), event-loop lag p99 and message counts. Fails when memory grows faster than its
bound (slope of a least-squares fit after the warm-up), RSS passes its ceiling, what the simulator
retains keeps growing, or the lag p99 passes its bound.

  --minutes N             how long to run (default 10; fractions allowed)
  --sample-seconds N      sampling interval (default 10)
  --clients N             /v3/ws clients (default 50)
  --rate N                simulator order-flow messages per second (default 1000)
  --sim-markets N         simulator markets (default 50)
  --markets N             markets the daemon follows and the clients subscribe to (default 20)
  --fault-seconds N       one fault every N seconds, cycling through drops, seq gaps, REST 5xx,
                          malformed, duplicate and reordered frames (default 60; 0: none)
  --max-old-space-mb N    cap the daemon's V8 old space (default 0: Node's default). A short run
                          then sees major GCs often enough to fit the live heap, and a leak
                          crashes the daemon (a failure) within minutes
  --warmup-minutes N      samples ignored before fitting (default: a quarter of the run, at most 5)
  --max-heap-slope MB     bound on heap growth in MB/min (default 1)
  --max-rss-mb MB         bound on RSS in MB (default 600; its slope is reported, not judged)
  --max-lag-ms N          bound on the event-loop lag p99 in ms (default 250)
  --max-sim-growth N      bound on the growth of what the simulator retains (orders, fills,
                          client order ids), records per minute (default 2000)
  --json FILE             also write the samples and the verdict as JSON
`;

export class FlagError extends Error {}

function num(values: Record<string, unknown>, flag: string, fallback: number, min: number): number {
  const text = values[flag];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new FlagError(`--${flag} must be a number >= ${min}, got "${String(text)}"`);
  }
  return value;
}

export function parseSoakArgs(argv: readonly string[]): {
  options: Omit<SoakOptions, 'print'>;
  json?: string;
} {
  const flags = [
    'minutes',
    'sample-seconds',
    'clients',
    'rate',
    'sim-markets',
    'markets',
    'fault-seconds',
    'warmup-minutes',
    'max-old-space-mb',
    'max-heap-slope',
    'max-rss-mb',
    'max-lag-ms',
    'max-sim-growth',
    'json',
  ] as const;
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(flags.map((f) => [f, { type: 'string' }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new FlagError(err instanceof Error ? err.message : String(err));
  }
  const minutes = num(values, 'minutes', 10, 0.1);
  const bounds: SoakBounds = {
    warmupSeconds: num(values, 'warmup-minutes', Math.min(5, minutes / 4), 0) * 60,
    maxHeapSlopeMbPerMin: num(values, 'max-heap-slope', 1, 0),
    maxRssMb: num(values, 'max-rss-mb', 600, 1),
    maxLagP99Ms: num(values, 'max-lag-ms', 250, 1),
    maxSimRetainedPerMin: num(values, 'max-sim-growth', 2_000, 0),
  };
  const options = {
    minutes,
    sampleSeconds: num(values, 'sample-seconds', 10, 0.5),
    clients: Math.round(num(values, 'clients', 50, 0)),
    simRate: Math.round(num(values, 'rate', 1_000, 0)),
    simMarkets: Math.round(num(values, 'sim-markets', 50, 1)),
    markets: Math.round(num(values, 'markets', 20, 1)),
    faultSeconds: num(values, 'fault-seconds', 60, 0),
    maxOldSpaceMb: Math.round(num(values, 'max-old-space-mb', 0, 0)),
    bounds,
    seed: 19,
  };
  return typeof values.json === 'string' ? { options, json: values.json } : { options };
}
