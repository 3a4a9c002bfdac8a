// Scale: the simulator with 10,000 markets serving the daemon subscribed to all of them, first at 20k
// flow messages/s (the simulator's frames/s and RSS), then at 10k (the daemon's event-loop lag, RSS and
// CPU). Absolute figures against targets: nothing else on this machine holds 10,000 books to compare.
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { type BenchSection, MB } from '../lib/section';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const section: BenchSection = {
  name: 'scale',
  order: 100,
  async run(ctx) {
    const markets = 10_000;
    const seconds = ctx.options.quick ? 4 : 8;
    const keys = makeKeys();
    try {
      const simStart = performance.now();
      const sim = await startSim(keys, { markets, rate: 0 }, 300_000);
      ctx.note(
        `simulator with ${markets.toLocaleString('en-US')} markets up in ${((performance.now() - simStart) / 1_000).toFixed(1)} s`,
      );
      const daemon = await startDaemon(keys, sim, { markets }, 300_000);
      const readySeconds = (daemon.readyAt - daemon.child.spawnedAt) / 1_000;
      const readyRss = daemon.child.rssBytes() ?? Number.NaN;

      // The simulator at 20k msg/s, serving every market to the daemon.
      await sim.child.request({ cmd: 'rate', rate: 20_000 });
      await sleep(1_000);
      const s0 = await sim.stats();
      const simCpu0 = sim.child.cpuSeconds() ?? 0;
      const simWait0 = sim.child.waitSeconds() ?? 0;
      const t0 = performance.now();
      await sleep(seconds * 1_000);
      const s1 = await sim.stats();
      const elapsed = (performance.now() - t0) / 1_000;
      const simFrames = (s1.ws.framesSent - s0.ws.framesSent) / elapsed;
      const simSteps = (s1.flow.steps - s0.flow.steps) / elapsed;
      const simRss = sim.child.rssBytes() ?? s1.rss;
      const simCpuShare = ((sim.child.cpuSeconds() ?? 0) - simCpu0) / elapsed;
      const simWaitShare = ((sim.child.waitSeconds() ?? 0) - simWait0) / elapsed;
      // On a shared machine the simulator may get less than a core: its CPU per frame says what it
      // would serve on one core of its own.
      const cpuPerFrameUs = simFrames > 0 ? (simCpuShare / simFrames) * 1e6 : Number.NaN;
      ctx.note(
        `simulator: ${Math.round(simSteps).toLocaleString('en-US')} flow msg/s, CPU ` +
          `${Math.round(simCpuShare * 100)}% (waiting for a CPU ${Math.round(simWaitShare * 100)}% of the time), ` +
          `heap ${(s1.heap / MB).toFixed(0)} MB; ` +
          `${Math.round(1e6 / cpuPerFrameUs).toLocaleString('en-US')} frames per CPU-second`,
      );
      ctx.figure({
        name: 'scale.sim_frames',
        label: `simulator, ${markets.toLocaleString('en-US')} markets: frames`,
        value: simFrames,
        unit: 'msg/s',
        baseline: null,
        target: '≥ 20,000 msg/s',
        met: simFrames >= 20_000,
      });
      ctx.figure({
        name: 'scale.sim_cpu_per_frame',
        label: `simulator, ${markets.toLocaleString('en-US')} markets: CPU per frame`,
        value: cpuPerFrameUs,
        unit: 'µs',
        baseline: null,
        target: '≤ 50 µs (20,000 frames/s on one core)',
        met: cpuPerFrameUs <= 50,
      });
      ctx.figure({
        name: 'scale.sim_rss',
        label: `simulator, ${markets.toLocaleString('en-US')} markets: RSS`,
        value: simRss / MB,
        unit: 'MB',
        baseline: null,
        target: '< 500 MB',
        met: simRss < 500 * MB,
      });

      // The daemon at 10k msg/s.
      await sim.child.request({ cmd: 'rate', rate: 10_000 });
      await sleep(1_000);
      const p0 = await daemon.probe(true);
      const f0 = await sim.stats();
      const t1 = performance.now();
      await sleep(seconds * 1_000);
      const p1 = await daemon.probe();
      const f1 = await sim.stats();
      const elapsed1 = (performance.now() - t1) / 1_000;
      const rss = Math.max(daemon.child.rssBytes() ?? 0, p1.rss);
      ctx.note(
        `daemon at ${Math.round((f1.ws.framesSent - f0.ws.framesSent) / elapsed1).toLocaleString('en-US')} frames/s: CPU ` +
          `${Math.round(((p1.cpuSeconds - p0.cpuSeconds) / elapsed1) * 100)}%, heap ${(p1.heapUsed / MB).toFixed(0)} MB, ` +
          `loop lag p50 ${p1.lag.p50.toFixed(1)} ms, max ${p1.lag.max.toFixed(1)} ms; RSS at ready ${(readyRss / MB).toFixed(0)} MB`,
      );
      ctx.figure({
        name: 'scale.daemon_ready',
        label: `daemon, ${markets.toLocaleString('en-US')} markets: start → ready`,
        value: readySeconds,
        unit: 's',
        baseline: null,
        target: '< 5 s',
        met: readySeconds < 5,
      });
      ctx.figure({
        name: 'scale.daemon_rss',
        label: `daemon, ${markets.toLocaleString('en-US')} markets: RSS at 10k msg/s`,
        value: rss / MB,
        unit: 'MB',
        baseline: null,
        target: '< 300 MB',
        met: rss < 300 * MB,
      });
      ctx.figure({
        name: 'scale.daemon_lag_p99',
        label: `daemon, ${markets.toLocaleString('en-US')} markets: loop lag p99`,
        value: p1.lag.p99,
        unit: 'ms',
        baseline: null,
        target: '< 20 ms',
        met: p1.lag.p99 < 20,
      });
    } finally {
      keys.dispose();
    }
  },
};
