import { describe, expect, it } from 'vitest';
import { judge, type SoakBounds, type SoakSample, slope } from '../../src/soak/soak-analysis';

const MB = 1024 * 1024;
const BOUNDS: SoakBounds = {
  warmupSeconds: 60,
  maxHeapSlopeMbPerMin: 0.5,
  maxRssMb: 600,
  maxLagP99Ms: 100,
  maxSimRetainedPerMin: 2_000,
};

/** Ten minutes of 10 s samples; heap used saws between 40 and 100 MB while the live heap follows `live`. */
function run(live: (min: number) => number, extra: Partial<SoakSample> = {}): SoakSample[] {
  return Array.from({ length: 61 }, (_, i) => {
    const t = i * 10;
    const liveMb = live(t / 60);
    return {
      t,
      rssBytes: 150 * MB,
      heapUsedBytes: (liveMb + ((i * 7) % 60)) * MB,
      // A major GC every 40 s.
      heapLiveBytes: live(Math.floor(t / 40) * (40 / 60)) * MB,
      majorGcs: Math.floor(t / 40),
      lagP99Ms: 12,
      exchangeFrames: t * 400,
      clientFrames: t * 2_000,
      clients: 50,
      state: 'ready',
      simRetained: 3_200,
      ...extra,
    };
  });
}

describe('soak verdict', () => {
  it('fits a least-squares slope', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(slope([[1, 7]])).toBe(0);
  });

  it('passes a flat live heap under a heap-used sawtooth, and reports rates', () => {
    const v = judge(
      run(() => 30),
      BOUNDS,
    );
    expect(v.failures).toEqual([]);
    expect(v.heapSeries).toBe('live');
    expect(v.heapSlopeMbPerMin).toBeCloseTo(0, 5);
    expect(v.samples).toBe(55);
    expect(v.exchangeFramesPerSec).toBeCloseTo(400);
    expect(v.clientFramesPerSec).toBeCloseTo(2_000);
  });

  it('fails a steady leak of the live heap, as npm start had (17 MB/min)', () => {
    const v = judge(
      run((min) => 30 + 17 * min),
      BOUNDS,
    );
    expect(v.heapSlopeMbPerMin).toBeGreaterThan(15);
    expect(v.failures).toEqual([expect.stringMatching(/^heap grows 1\d\.\d\d MB\/min \(bound 0.5\)$/)]);
  });

  it('judges the floor of the live readings, not the floating garbage a GC sometimes keeps', () => {
    // Readings scatter between 26 and 37 MB, more often high late in the run (a plain fit: +0.2 MB/min).
    const samples = run(() => 26).map((s) => {
      const high = s.t > 300 ? s.majorGcs % 3 !== 0 : s.majorGcs % 2 === 1;
      return { ...s, heapLiveBytes: (high ? 37 : 26) * MB };
    });
    const v = judge(samples, BOUNDS);
    expect(v.heapSeries).toBe('live');
    expect(Math.abs(v.heapSlopeMbPerMin)).toBeLessThan(0.1);
    const leaking = judge(
      samples.map((s) => ({ ...s, heapLiveBytes: s.heapLiveBytes + (s.t / 60) * MB })),
      BOUNDS,
    );
    expect(leaking.heapSlopeMbPerMin).toBeGreaterThan(0.8);
  });

  it('fails on lag, RSS past its ceiling and a simulator that keeps more and more', () => {
    const samples = run(() => 30).map((s) => ({
      ...s,
      rssBytes: (150 + s.t) * MB, // 60 MB/min: 750 MB at the end
      simRetained: 3_200 + s.t * 100, // 6,000 a minute
    }));
    samples[30] = { ...(samples[30] as SoakSample), lagP99Ms: 340 };
    const v = judge(samples, BOUNDS);
    expect(v.failures).toEqual([
      'RSS reached 750 MB (bound 600)',
      'the simulator retains 6000 more records a minute (bound 2000)',
      'event-loop lag p99 reached 340 ms (bound 100)',
    ]);
  });

  it('falls back to heap used when too few major GCs were seen, and asks for a longer run', () => {
    const short = run(() => 30)
      .slice(0, 8)
      .map((s) => ({ ...s, heapLiveBytes: 0 }));
    const v = judge(short, BOUNDS);
    expect(v.heapSeries).toBe('used');
    expect(v.failures).toContain('only 2 samples after the warm-up: run longer');
  });
});
