// GET /v3/status: the daemon (a process on the simulator, at `npm start`'s defaults) against a bare Hono
// app serving the daemon's own body, under the same autocannon load in alternating rounds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { load } from '../lib/http-load';
import { type BenchChild, spawnTs } from '../lib/processes';
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
      // CPU per request from /proc: on a shared machine it moves less than requests per second do.
      const cpu = { ours: 0, theirs: 0, oursRequests: 0, theirsRequests: 0 };
      const timed = async (child: BenchChild, url: string) => {
        const c0 = child.cpuSeconds() ?? 0;
        const { rate } = await load(url, seconds);
        return { rate, cpu: (child.cpuSeconds() ?? 0) - c0, requests: rate * seconds };
      };
      for (let r = 0; r < rounds; r++) {
        const a = await timed(daemon.child, statusUrl);
        const b = await timed(bare, bareUrl);
        ours.push(a.rate);
        theirs.push(b.rate);
        cpu.ours += a.cpu;
        cpu.oursRequests += a.requests;
        cpu.theirs += b.cpu;
        cpu.theirsRequests += b.requests;
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
      ctx.figure({
        name: 'status.cpu_per_request',
        label: 'GET /v3/status, CPU per request',
        value: (cpu.ours / cpu.oursRequests) * 1e6,
        unit: 'µs',
        baseline: (cpu.theirs / cpu.theirsRequests) * 1e6,
        baselineLabel: 'bare Hono, same body',
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
