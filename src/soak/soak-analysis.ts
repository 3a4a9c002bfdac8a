// The soak's verdict from its samples: least-squares memory slopes after the warm-up, the worst
// event-loop lag, and which bound (if any) was passed. Pure, so the judging is tested on its own.
import type { DaemonReading } from './samplers';

/** A daemon reading with when it was taken and what the soak's own clients and the simulator hold. */
export interface SoakSample extends DaemonReading {
  /** Seconds since the daemon was ready. */
  t: number;
  /** Frames the soak's /v3/ws clients have received so far. */
  clientFrames: number;
  clients: number;
  /** Orders, fills and client order ids the embedded simulator holds (bounded by design). */
  simRetained: number;
}

export interface SoakBounds {
  /** Seconds of samples ignored before fitting (start-up allocates caches and JIT code). */
  warmupSeconds: number;
  /** MB per minute of live heap (heap used when too few major GCs were seen). */
  maxHeapSlopeMbPerMin: number;
  /** A ceiling rather than a slope: RSS follows the allocator and the kernel, too noisy to fit. */
  maxRssMb: number;
  maxLagP99Ms: number;
  /** Growth of what the simulator retains, per minute: a noise-free leak check even in a short run. */
  maxSimRetainedPerMin: number;
}

export interface SoakVerdict {
  samples: number;
  /** Which heap series the slope was fitted on, and on how many points. */
  heapSeries: 'live' | 'used';
  heapPoints: number;
  heapSlopeMbPerMin: number;
  rssSlopeMbPerMin: number;
  rssMaxMb: number;
  heapMaxMb: number;
  lagP99MaxMs: number;
  simRetainedPerMin: number;
  exchangeFramesPerSec: number;
  clientFramesPerSec: number;
  failures: string[];
}

const MB = 1024 * 1024;

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x / n;
    my += y / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** MB per minute of `pick` over samples given in seconds. */
const mbPerMin = (samples: readonly SoakSample[], pick: (s: SoakSample) => number) =>
  slope(samples.map((s) => [s.t / 60, pick(s) / MB]));

/**
 * The lowest reading in each of `windows` equal stretches of time. A major GC that runs while
 * allocation goes on keeps that allocation alive until the next one (V8's floating garbage), so live
 * readings scatter upwards by ~10 MB; their floor is what a leak raises.
 */
function floors(readings: readonly SoakSample[], windows: number): SoakSample[] {
  const first = readings[0]?.t ?? 0;
  const span = (readings[readings.length - 1]?.t ?? 0) - first || 1;
  const lowest = new Map<number, SoakSample>();
  for (const r of readings) {
    const w = Math.min(windows - 1, Math.floor(((r.t - first) / span) * windows));
    const current = lowest.get(w);
    if (current === undefined || r.heapLiveBytes < current.heapLiveBytes) lowest.set(w, r);
  }
  return [...lowest.values()];
}

/**
 * Live heap only changes at a major GC, so it is read once per major GC and fitted on the floor of
 * those readings (on the readings themselves when there are fewer than nine); with fewer than four of
 * them (a short or quiet run) heap used is fitted instead, sawtooth and all.
 */
function heapSlope(samples: readonly SoakSample[]): {
  series: 'live' | 'used';
  value: number;
  points: number;
} {
  const readings: SoakSample[] = [];
  for (const s of samples) {
    if (s.heapLiveBytes > 0 && s.majorGcs !== readings[readings.length - 1]?.majorGcs) readings.push(s);
  }
  if (readings.length < 4)
    return { series: 'used', value: mbPerMin(samples, (s) => s.heapUsedBytes), points: samples.length };
  const points =
    readings.length < 9 ? readings : floors(readings, Math.min(10, Math.floor(readings.length / 3)));
  return { series: 'live', value: mbPerMin(points, (s) => s.heapLiveBytes), points: points.length };
}

export function judge(all: readonly SoakSample[], bounds: SoakBounds): SoakVerdict {
  const samples = all.filter((s) => s.t >= bounds.warmupSeconds);
  const failures: string[] = [];
  if (samples.length < 3) failures.push(`only ${samples.length} samples after the warm-up: run longer`);
  const heap = heapSlope(samples);
  const rss = mbPerMin(samples, (s) => s.rssBytes);
  const lagMax = Math.max(0, ...samples.map((s) => s.lagP99Ms));
  const retained = slope(samples.map((s) => [s.t / 60, s.simRetained]));
  if (heap.value > bounds.maxHeapSlopeMbPerMin)
    failures.push(`heap grows ${heap.value.toFixed(2)} MB/min (bound ${bounds.maxHeapSlopeMbPerMin})`);
  const rssMax = Math.max(0, ...samples.map((s) => s.rssBytes / MB));
  if (rssMax > bounds.maxRssMb)
    failures.push(`RSS reached ${rssMax.toFixed(0)} MB (bound ${bounds.maxRssMb})`);
  if (retained > bounds.maxSimRetainedPerMin)
    failures.push(
      `the simulator retains ${retained.toFixed(0)} more records a minute (bound ${bounds.maxSimRetainedPerMin})`,
    );
  if (lagMax > bounds.maxLagP99Ms)
    failures.push(`event-loop lag p99 reached ${lagMax.toFixed(0)} ms (bound ${bounds.maxLagP99Ms})`);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const span = first && last ? last.t - first.t : 0;
  const rate = (pick: (s: SoakSample) => number) =>
    first && last && span > 0 ? (pick(last) - pick(first)) / span : 0;
  return {
    samples: samples.length,
    heapSeries: heap.series,
    heapPoints: heap.points,
    heapSlopeMbPerMin: heap.value,
    rssSlopeMbPerMin: rss,
    rssMaxMb: rssMax,
    heapMaxMb: Math.max(0, ...samples.map((s) => s.heapUsedBytes / MB)),
    lagP99MaxMs: lagMax,
    simRetainedPerMin: retained,
    exchangeFramesPerSec: rate((s) => s.exchangeFrames),
    clientFramesPerSec: rate((s) => s.clientFrames),
    failures,
  };
}
