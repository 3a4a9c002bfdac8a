// GET /v3/status: the daemon (a process on the simulator, at `npm start`'s defaults) against a bare Hono
// app serving the daemon's own body, under the same autocannon load in alternating rounds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { load } from '../lib/http-load';
import { spawnTs } from '../lib/processes';
import { type BenchSection, median } from '../lib/section';

export const section: BenchSection = {
  name: 'status',
  order: 70,
  async run(ctx) {
    const quick = ctx.options.quick;
    const rounds = quick ? 3 : 5;
    const seconds = quick ? 2 : 3;
    const keys = makeKeys();
    try {
      const sim = await startSim(keys, { markets: 20, rate: 200 });
      const daemon = await startDaemon(keys, sim, { markets: 10 });
      const statusUrl = `${daemon.url}/v3/status`;
      const first = await fetch(statusUrl);
      const body = await first.text();
      const etag = first.headers.get('etag');
      const file = join(keys.dir, 'status.json');
      writeFileSync(file, body);
      const bare = spawnTs('bare hono', 'bench/servers/bare-hono.server.ts', [file]);
      const bareUrl = `${(await bare.waitForLine(/^BARE READY (\S+)/, 30_000)).match[1]}/v3/status`;

      await load(statusUrl, 1);
      await load(bareUrl, 1);
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < rounds; r++) {
        ours.push((await load(statusUrl, seconds)).rate);
        theirs.push((await load(bareUrl, seconds)).rate);
      }
      ctx.note(
        `${Buffer.byteLength(body)} B body, ${rounds} alternating rounds of ${seconds} s, 16 connections; ` +
          `the daemon at npm start's defaults (10 markets, simulator flow 200 msg/s)`,
      );
      const value = median(ours);
      const baseline = median(theirs);
      ctx.figure({
        name: 'status.requests',
        label: 'GET /v3/status',
        value,
        unit: 'req/s',
        baseline,
        baselineLabel: 'bare Hono, same body',
        target: '≥ 0.8×',
        met: value / baseline >= 0.8,
        rounds: ours.map((o, i) => o / theirs[i]!),
      });
      if (etag !== null) {
        const revalidated = await load(statusUrl, seconds, { revalidate: true });
        const share = revalidated.notModified / (revalidated.rate * seconds || 1);
        ctx.figure({
          name: 'status.revalidated',
          label: 'GET /v3/status with If-None-Match',
          value: revalidated.rate,
          unit: 'req/s',
          baseline,
          baselineLabel: 'bare Hono, same body',
        });
        ctx.note(
          `${(share * 100).toFixed(0)}% of the revalidations answered 304 (the ETag moves with uptime)`,
        );
      } else ctx.note('no ETag on /v3/status');
    } finally {
      keys.dispose();
    }
  },
};
