// One soak run: the daemon with its embedded simulator at a high rate, a crowd of /v3/ws clients,
// periodic faults and a /v3/status poll, sampled every few seconds until the time is up, then judged.
import { createSeededRandom } from '../sim/engine';
import { type ConsoleCrowdStats, startConsoleCrowd } from './console-clients';
import { startDaemonProcess } from './daemon-process';
import { startFaultCycle } from './fault-cycle';
import { readDaemon, readMarkets, readSimulator, retainedRecords, type SimReading } from './samplers';
import { judge, type SoakBounds, type SoakSample, type SoakVerdict } from './soak-analysis';

export interface SoakOptions {
  minutes: number;
  sampleSeconds: number;
  clients: number;
  simRate: number;
  simMarkets: number;
  /** Markets the daemon follows (and the crowd subscribes to). */
  markets: number;
  /** V8 old-space cap for the daemon in MB (0: Node's default); see DaemonProcessOptions. */
  maxOldSpaceMb: number;
  /** One fault every this many seconds; 0 for none. */
  faultSeconds: number;
  bounds: SoakBounds;
  seed: number;
  print(line: string): void;
}

export interface SoakReport {
  samples: SoakSample[];
  verdict: SoakVerdict;
  simulator: SimReading | null;
  crowd: ConsoleCrowdStats;
  faultsInjected: number;
  statusPolls: { ok: number; failed: number };
  daemonExitCode: number | null;
}

const MB = 1024 * 1024;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readDaemon(url).then(
      (r) => r.state,
      () => 'unreachable',
    );
    if (state === 'ready') return;
    if (Date.now() > deadline)
      throw new Error(`the daemon is ${state}, not ready, after ${timeoutMs / 1000} s`);
    await delay(250);
  }
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const daemon = await startDaemonProcess(opts);
  const failures: string[] = [];
  let stopping = false;
  let crash: string | null = null;
  void daemon.exited.then((code) => {
    if (!stopping)
      crash = `the daemon exited (${code}) during the soak:\n${daemon.tail().slice(-10).join('\n')}`;
  });
  let markets: string[];
  try {
    await untilReady(daemon.url, 60_000);
    markets = await readMarkets(daemon.url);
  } catch (err) {
    await daemon.stop(); // never leave a daemon behind
    throw err;
  }
  const crowd = startConsoleCrowd({
    url: `${daemon.url.replace('http', 'ws')}/v3/ws`,
    count: opts.clients,
    markets,
    marketsPerClient: 5,
    reconnect: true,
    rng: createSeededRandom(opts.seed),
  });
  const faults = startFaultCycle(daemon.simUrl, opts.faultSeconds, (err) => failures.push(String(err)));
  const statusPolls = { ok: 0, failed: 0 };
  const poll = setInterval(() => {
    fetch(`${daemon.url}/v3/status`, { signal: AbortSignal.timeout(5_000) }).then(
      (res) => {
        statusPolls[res.ok ? 'ok' : 'failed']++;
        return res.body?.cancel();
      },
      () => statusPolls.failed++,
    );
  }, 1_000);

  opts.print('     t  state        rss MB  heap MB  live MB  lag p99 ms  exchange/s  clients  frames/s');
  const samples: SoakSample[] = [];
  const started = Date.now();
  const endAt = started + opts.minutes * 60_000;
  let previous: SoakSample | undefined;
  while (Date.now() < endAt && crash === null) {
    await delay(Math.min(opts.sampleSeconds * 1_000, Math.max(0, endAt - Date.now())));
    const reading = await Promise.all([readDaemon(daemon.url), readSimulator(daemon.simUrl)]).catch(
      (err: unknown) => {
        failures.push(`sampling failed: ${String(err)}`);
        return null;
      },
    );
    if (reading === null) continue;
    const [daemonReading, simReading] = reading;
    const c = crowd.stats();
    const sample: SoakSample = {
      t: (Date.now() - started) / 1_000,
      ...daemonReading,
      clientFrames: c.frames,
      clients: c.connected,
      simRetained: retainedRecords(simReading),
    };
    samples.push(sample);
    const per = (pick: (s: SoakSample) => number) =>
      previous ? (pick(sample) - pick(previous)) / (sample.t - previous.t) : 0;
    opts.print(
      `${sample.t.toFixed(0).padStart(6)}  ${sample.state.padEnd(11)} ${(sample.rssBytes / MB).toFixed(0).padStart(7)}` +
        `  ${(sample.heapUsedBytes / MB).toFixed(0).padStart(7)}  ${(sample.heapLiveBytes / MB).toFixed(0).padStart(7)}` +
        `  ${sample.lagP99Ms.toFixed(1).padStart(10)}  ${per((s) => s.exchangeFrames)
          .toFixed(0)
          .padStart(10)}` +
        `  ${String(sample.clients).padStart(7)}  ${per((s) => s.clientFrames)
          .toFixed(0)
          .padStart(8)}`,
    );
    previous = sample;
  }

  clearInterval(poll);
  const simulator = await readSimulator(daemon.simUrl).catch(() => null);
  await faults.stop();
  await crowd.stop();
  stopping = crash === null;
  const daemonExitCode = await daemon.stop();
  const verdict = judge(samples, opts.bounds);
  if (crash !== null) verdict.failures.push(crash);
  else if (daemonExitCode !== 0) verdict.failures.push(`the daemon exited ${daemonExitCode} on SIGTERM`);
  if (statusPolls.failed > 0) verdict.failures.push(`${statusPolls.failed} /v3/status requests failed`);
  verdict.failures.push(...failures.slice(0, 5));
  return {
    samples,
    verdict,
    simulator,
    crowd: crowd.stats(),
    faultsInjected: faults.injected(),
    statusPolls,
    daemonExitCode,
  };
}
