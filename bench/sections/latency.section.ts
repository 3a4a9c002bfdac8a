// Feed → client latency: from the simulator's ws.send of an orderbook_delta to a /v3/ws client's
// receipt of the daemon's book update that carries its seq, at 1k and 10k flow messages/s over 100
// markets, V3_BOOK_PUBLISH_INTERVAL_MS=0, 10 clients, in both book forms: whole `orderbook` frames, then
// the `orderbook_delta` channel (a snapshot, then the changed levels). Three processes: simulator,
// daemon, clients (this one); both ends are stamped with the monotonic clock, which every process on the machine shares. An
// idle process probed in the same window shows how much of the tail the machine's other load causes.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { makeKeys, type ProbeReport, startDaemon, startSim } from '../lib/daemon-rig';
import { spawnTs } from '../lib/processes';
import { ReceiptLog } from '../lib/receipt-log';
import type { BenchSection } from '../lib/section';
import { fieldOf, openClients } from '../lib/ws-clients';

const MARKETS = 100;
const CLIENTS = 10;
const RATES = [1_000, 10_000];
/** Each form: its subscribe channel, the frames that carry a book's seq, and its figures' name part. */
const FORMS = [
  { channel: 'orderbook', prefix: '{"type":"orderbook"', name: '', label: 'full books' },
  { channel: 'orderbook_delta', prefix: '{"type":"orderbook_', name: 'delta.', label: 'deltas' },
] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export const section: BenchSection = {
  name: 'latency',
  order: 80,
  async run(ctx) {
    const seconds = ctx.options.quick ? 3 : 6;
    const keys = makeKeys();
    try {
      const sim = await startSim(keys, { markets: MARKETS, rate: 0 });
      const daemon = await startDaemon(keys, sim, {
        markets: MARKETS,
        publishIntervalMs: 0,
        env: { V3_BOOK_AUDIT_INTERVAL_SECONDS: '0' },
      });
      const idle = spawnTs('idle', 'bench/servers/idle.server.ts', [], {
        nodeArgs: ['--import', './bench/servers/process-probe.ts'],
      });
      await idle.waitForLine(/^IDLE READY/, 30_000);
      const idleProbe = (reset = false) => idle.request<ProbeReport>({ cmd: 'probe', reset });
      const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as { markets: string[] };
      const log = new ReceiptLog(status.markets, CLIENTS, Math.max(...RATES) * seconds * CLIENTS * 2);
      let recording = false;
      // The clients' own event loop: a receipt is stamped when its chunk is read, so a busy reader
      // shows up in every latency figure.
      const readerLag = monitorEventLoopDelay({ resolution: 5 });
      readerLag.enable();
      /** The daemon's CPU share per rate while serving whole books: the delta form's baseline. */
      const fullCpu = new Map<number, number>();
      for (const form of FORMS) {
        const pool = await openClients({
          url: `${daemon.url.replace(/^http/, 'ws')}/v3/ws`,
          count: CLIENTS,
          hello: JSON.stringify({ type: 'subscribe', channels: [form.channel], markets: status.markets }),
          countPrefix: form.prefix,
          record: (i, data, at) => {
            if (recording) log.record(i, fieldOf(data, 'ticker'), Number(fieldOf(data, 'seq', true)), at);
          },
        });
        for (const rate of RATES) {
          await sim.child.request({ cmd: 'rate', rate });
          await sleep(1_000);
          const before = await sim.stats();
          const start = await daemon.probe(true);
          await idleProbe(true);
          await sim.child.request({ cmd: 'stamp' });
          log.reset();
          recording = true;
          readerLag.reset();
          const readerCpu = process.cpuUsage();
          await sleep(seconds * 1_000);
          const readerUsage = process.cpuUsage(readerCpu);
          recording = false;
          const readerLagP99 = readerLag.percentile(99) / 1e6;
          const { stamps } = await sim.child.request<{ stamps: Array<[string, number]> }>({ cmd: 'stamps' });
          const probe = await daemon.probe();
          const noise = await idleProbe();
          const after = await sim.stats();
          const sent = new Map(stamps);
          const latencies: number[] = [];
          for (const { market, seq, atMicros } of log.receipts()) {
            const from = sent.get(`${log.tickers[market]}|${seq}`);
            if (from !== undefined) latencies.push((atMicros - from) / 1_000);
          }
          latencies.sort((a, b) => a - b);
          const daemonCpu = ((probe.cpuSeconds - start.cpuSeconds) / seconds) * 100;
          const frames = (after.ws.framesSent - before.ws.framesSent) / seconds;
          const steps = (after.flow.steps - before.flow.steps) / seconds;
          ctx.note(
            `${form.label}, ${rate.toLocaleString('en-US')} msg/s asked: ${Math.round(steps).toLocaleString('en-US')} flow msg/s, ` +
              `${Math.round(frames).toLocaleString('en-US')} exchange frames/s; ${latencies.length.toLocaleString('en-US')} ` +
              `updates matched of ${log.size.toLocaleString('en-US')} first receipts; daemon CPU ` +
              `${Math.round(daemonCpu)}%, loop lag p99 ${probe.lag.p99.toFixed(1)} ms; ` +
              `clients' CPU ${Math.round(((readerUsage.user + readerUsage.system) / 1e6 / seconds) * 100)}%, loop lag p99 ${readerLagP99.toFixed(1)} ms`,
          );
          const name = `latency.${form.name}${rate / 1_000}k`;
          const label = `feed → client, ${form.label}, ${rate / 1_000}k msg/s`;
          const p99 = quantile(latencies, 0.99);
          ctx.figure({
            name: `${name}.p50`,
            label: `${label}, p50`,
            value: quantile(latencies, 0.5),
            unit: 'ms',
            baseline: null,
          });
          ctx.figure({
            name: `${name}.p99`,
            label: `${label}, p99`,
            value: p99,
            unit: 'ms',
            baseline: null,
            ...(rate === 10_000 ? { target: '< 2 ms', met: p99 < 2 } : {}),
          });
          ctx.figure({
            name: `${name}.loop_lag_p99`,
            label: `${label}, daemon loop lag p99`,
            value: probe.lag.p99,
            unit: 'ms',
            baseline: noise.lag.p99,
            baselineLabel: 'idle process, same window',
          });
          // The steadiest difference between the forms: CPU time, unlike the tail, barely moves with
          // the machine's other load.
          if (form.channel === 'orderbook') fullCpu.set(rate, daemonCpu);
          ctx.figure({
            name: `${name}.daemon_cpu`,
            label: `${label}, daemon CPU`,
            value: daemonCpu,
            unit: '%',
            baseline: form.channel === 'orderbook' ? null : (fullCpu.get(rate) ?? null),
            baselineLabel: 'full books, same run',
          });
          ctx.figure({
            name: `${name}.max`,
            label: `${label}, max`,
            value: latencies.at(-1) ?? Number.NaN,
            unit: 'ms',
            baseline: null,
          });
        }
        await pool.close();
      }
      readerLag.disable();
    } finally {
      keys.dispose();
    }
  },
};
