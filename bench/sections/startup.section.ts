// Start-up: process start → `ready` (the root machine's transition, as logged) for 10, 100, 1,000 and
// 10,000 markets picked by discovery from a simulator that lists 10,000, against the start of a
// TypeScript process that does nothing (node + tsx, the same launcher).
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { spawnTs } from '../lib/processes';
import { type BenchSection, median } from '../lib/section';

const SIZES = [10, 100, 1_000, 10_000];

export const section: BenchSection = {
  name: 'startup',
  order: 110,
  async run(ctx) {
    const runs = ctx.options.quick ? 1 : 3;
    const keys = makeKeys();
    try {
      const sim = await startSim(keys, { markets: 10_000, rate: 0 }, 300_000);
      const floors: number[] = [];
      for (let r = 0; r < runs; r++) {
        const hello = spawnTs('hello', 'bench/servers/hello.server.ts', []);
        const { at } = await hello.waitForLine(/^HELLO/, 30_000);
        floors.push((at - hello.spawnedAt) / 1_000);
        await hello.stop();
      }
      const floor = median(floors);
      for (const markets of SIZES) {
        const times: number[] = [];
        const listening: number[] = [];
        for (let r = 0; r < runs; r++) {
          const daemon = await startDaemon(keys, sim, { markets }, 300_000);
          const { at } = await daemon.child.waitForLine(/kalshi-trader console:/, 1_000);
          listening.push((at - daemon.child.spawnedAt) / 1_000);
          times.push((daemon.readyAt - daemon.child.spawnedAt) / 1_000);
          await daemon.child.stop();
        }
        ctx.figure({
          name: `startup.markets_${markets}`,
          label: `start → ready, ${markets.toLocaleString('en-US')} markets`,
          value: median(times),
          unit: 's',
          baseline: floor,
          baselineLabel: 'node + tsx, empty script',
          ...(markets === 10_000 ? { target: '< 5 s', met: median(times) < 5 } : {}),
          ...(runs > 1 ? { rounds: times } : {}),
        });
        ctx.note(`${markets} markets: listening after ${median(listening).toFixed(2)} s`);
      }
    } finally {
      keys.dispose();
    }
  },
};
