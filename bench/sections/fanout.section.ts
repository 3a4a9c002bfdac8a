// Fan-out: book frames delivered per second to 100 and 1,000 /v3/ws clients subscribed to every
// market, against a bare `ws` server broadcasting the daemon's own recorded frames to as many clients,
// in alternating rounds. The daemon publishes every change (V3_BOOK_PUBLISH_INTERVAL_MS=0) of 100
// markets fed by the simulator, which is paused while the bare server runs. Both book forms: whole
// books (`orderbook`), then the delta channel (`orderbook_delta`, its delta frames recorded).
import { makeKeys, startDaemon, startSim } from '../lib/daemon-rig';
import { spawnTs } from '../lib/processes';
import { type BenchSection, median } from '../lib/section';
import { openClients } from '../lib/ws-clients';

const MARKETS = 100;
const RECORDED = 2_000;
/** Each form: its subscribe channel, the frames counted, the frames recorded, its figures' name part. */
const FORMS = [
  { channel: 'orderbook', count: '{"type":"orderbook"', record: '{"type":"orderbook"', name: '', label: '' },
  {
    channel: 'orderbook_delta',
    count: '{"type":"orderbook_',
    record: '{"type":"orderbook_delta"',
    name: 'delta.',
    label: ' (deltas)',
  },
] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Book frames per second received by the pool during `seconds`. */
async function rateOver(pool: { received(): number }, seconds: number): Promise<number> {
  const start = pool.received();
  const t0 = performance.now();
  await sleep(seconds * 1_000);
  return ((pool.received() - start) * 1_000) / (performance.now() - t0);
}

export const section: BenchSection = {
  name: 'fanout',
  order: 90,
  async run(ctx) {
    const quick = ctx.options.quick;
    const rounds = quick ? 2 : 4;
    const seconds = quick ? 2 : 3;
    for (const form of FORMS)
      for (const clients of [100, 1_000]) {
        const keys = makeKeys();
        try {
          // Enough flow to keep the daemon busy at each size; more would only load the machine.
          const rate = clients >= 1_000 ? 2_000 : 5_000;
          const sim = await startSim(keys, { markets: MARKETS, rate: 0 });
          const daemon = await startDaemon(keys, sim, {
            markets: MARKETS,
            publishIntervalMs: 0,
            env: { V3_MAX_WS_CLIENTS: String(clients + 10), V3_BOOK_AUDIT_INTERVAL_SECONDS: '0' },
          });
          const bare = spawnTs('bare ws', 'bench/servers/bare-ws.server.ts', []);
          const bareUrl = (await bare.waitForLine(/^BARE WS READY (\S+)/, 30_000)).match[1]!;
          const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as { markets: string[] };
          const recorded: string[] = [];
          const ours = await openClients({
            url: `${daemon.url.replace(/^http/, 'ws')}/v3/ws`,
            count: clients,
            hello: JSON.stringify({ type: 'subscribe', channels: [form.channel], markets: status.markets }),
            countPrefix: form.count,
            record: (i, data) => {
              if (i !== 0 || recorded.length >= RECORDED) return;
              const text = data.toString('utf8');
              if (text.startsWith(form.record)) recorded.push(text);
            },
          });
          const theirs = await openClients({ url: bareUrl, count: clients, countPrefix: form.count });
          const daemonRates: number[] = [];
          const bareRates: number[] = [];
          const ratios: number[] = [];
          const cpu0 = daemon.child.cpuSeconds() ?? 0;
          let daemonSeconds = 0;
          for (let r = 0; r < rounds; r++) {
            await sim.child.request({ cmd: 'rate', rate });
            await sleep(500);
            const c0 = daemon.child.cpuSeconds() ?? 0;
            const ourRate = await rateOver(ours, seconds);
            daemonSeconds += (daemon.child.cpuSeconds() ?? 0) - c0;
            await sim.child.request({ cmd: 'rate', rate: 0 });
            await sleep(500);
            if (r === 0) await bare.request({ cmd: 'frames', frames: recorded });
            const pumping = bare.request({ cmd: 'pump', seconds: seconds + 0.6 }, 60_000);
            await sleep(300);
            const bareRate = await rateOver(theirs, seconds);
            await pumping;
            daemonRates.push(ourRate);
            bareRates.push(bareRate);
            ratios.push(ourRate / bareRate);
          }
          const bytes =
            recorded.reduce((sum, f) => sum + Buffer.byteLength(f), 0) / Math.max(1, recorded.length);
          ctx.note(
            `${form.channel}: ${clients} clients × ${MARKETS} markets, simulator at ${rate.toLocaleString('en-US')} msg/s; ` +
              `${Math.round(bytes)} B per frame; daemon CPU ${Math.round((daemonSeconds / (rounds * seconds)) * 100)}% ` +
              `while measured; ${ours.open()}/${clients} daemon clients still open (cpu total ${((daemon.child.cpuSeconds() ?? 0) - cpu0).toFixed(1)} s)`,
          );
          const value = median(daemonRates);
          const baseline = median(bareRates);
          ctx.figure({
            name: `fanout.${form.name}clients_${clients}`,
            label: `/v3/ws book frames${form.label}, ${clients.toLocaleString('en-US')} clients`,
            value,
            unit: 'msg/s',
            baseline,
            baselineLabel: 'bare ws broadcast',
            target: '≥ 0.7×',
            met: value / baseline >= 0.7,
            rounds: ratios,
          });
          await ours.close();
          await theirs.close();
        } finally {
          keys.dispose();
        }
      }
  },
};
