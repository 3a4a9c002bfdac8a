// GET /v3/status: the daemon (a process on the simulator, at `npm start`'s defaults) against a bare Hono
// app serving the daemon's own body, under the same autocannon load in alternating rounds; then the same
// with every request revalidating its last ETag, against a bare Hono app that answers 304 the same way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { load } from '../lib/http-load';
import { type BenchChild, spawnTs } from '../lib/processes';
import { type BenchSection, median } from '../lib/section';

interface Side {
  rates: number[];
  cpu: number;
  requests: number;
  notModified: number;
}

const side = (): Side => ({ rates: [], cpu: 0, requests: 0, notModified: 0 });

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
      const bareUrl = async (child: BenchChild) =>
        `${(await child.waitForLine(/^BARE READY (\S+)/, 30_000)).match[1]}/v3/status`;
      const bare = spawnTs('bare hono', 'bench/servers/bare-hono.server.ts', [file]);
      const bareEtag = spawnTs('bare hono (etag)', 'bench/servers/bare-hono.server.ts', [file, '--etag']);
      const plainUrl = await bareUrl(bare);
      const etagUrl = await bareUrl(bareEtag);

      // CPU per request from /proc: on a shared machine it moves less than requests per second do.
      const timed = async (child: BenchChild, url: string, into: Side, revalidate = false) => {
        const c0 = child.cpuSeconds() ?? 0;
        const result = await load(url, seconds, { revalidate });
        into.rates.push(result.rate);
        into.cpu += (child.cpuSeconds() ?? 0) - c0;
        into.requests += result.answered;
        into.notModified += result.notModified;
      };
      await load(statusUrl, 1);
      await load(plainUrl, 1);
      const ours = side();
      const theirs = side();
      for (let r = 0; r < rounds; r++) {
        await timed(daemon.child, statusUrl, ours);
        await timed(bare, plainUrl, theirs);
      }
      ctx.note(
        `${Buffer.byteLength(body)} B body, ${rounds} alternating rounds of ${seconds} s, 16 connections; ` +
          `the daemon at npm start's defaults (10 markets, simulator flow 200 msg/s)`,
      );
      const perRequest = (s: Side) => (s.cpu / s.requests) * 1e6;
      const value = median(ours.rates);
      const baseline = median(theirs.rates);
      ctx.figure({
        name: 'status.requests',
        label: 'GET /v3/status',
        value,
        unit: 'req/s',
        baseline,
        baselineLabel: 'bare Hono, same body',
        target: '≥ 0.8×',
        met: value / baseline >= 0.8,
        rounds: ours.rates.map((o, i) => o / theirs.rates[i]!),
      });
      ctx.figure({
        name: 'status.cpu_per_request',
        label: 'GET /v3/status, CPU per request',
        value: perRequest(ours),
        unit: 'µs',
        baseline: perRequest(theirs),
        baselineLabel: 'bare Hono, same body',
      });
      if (etag === null) {
        ctx.note('no ETag on /v3/status');
        return;
      }
      await load(etagUrl, 1, { revalidate: true });
      const oursRevalidated = side();
      const theirsRevalidated = side();
      for (let r = 0; r < rounds; r++) {
        await timed(daemon.child, statusUrl, oursRevalidated, true);
        await timed(bareEtag, etagUrl, theirsRevalidated, true);
      }
      const revalidated = median(oursRevalidated.rates);
      ctx.figure({
        name: 'status.revalidated',
        label: 'GET /v3/status with If-None-Match',
        value: revalidated,
        unit: 'req/s',
        baseline: median(theirsRevalidated.rates),
        baselineLabel: 'bare Hono, same body, 304 on match',
        rounds: oursRevalidated.rates.map((o, i) => o / theirsRevalidated.rates[i]!),
      });
      ctx.figure({
        name: 'status.revalidated_cpu_per_request',
        label: 'GET /v3/status with If-None-Match, CPU per request',
        value: perRequest(oursRevalidated),
        unit: 'µs',
        baseline: perRequest(theirsRevalidated),
        baselineLabel: 'bare Hono, same body, 304 on match',
      });
      const share = (s: Side) => `${((s.notModified / (s.requests || 1)) * 100).toFixed(0)}%`;
      ctx.note(
        `revalidating: ${share(oursRevalidated)} of the daemon's answers were 304 (its ETag moves with ` +
          `uptime, at most every 250 ms), ${share(theirsRevalidated)} of the bare app's; the revalidating ` +
          `client costs the load generator more per request than a plain GET, so compare these two only`,
      );
    } finally {
      keys.dispose();
    }
  },
};
