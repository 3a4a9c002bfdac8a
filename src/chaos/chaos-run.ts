// One chaos run: the standalone simulator and the daemon (market maker) as processes, then each
// scenario in turn: break, clear, wait for recovery, quiet the market, and judge against the simulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevKeys } from '../sim/dev-keys';
import type { Scenario, ScenarioContext } from './chaos-scenarios';
import { judgeScenario, type ScenarioResult } from './chaos-verdict';
import { readDaemonView, readMarkets, readState } from './daemon-reads';
import { startSimProcess } from './sim-process';
import { simAdmin } from './sim-records';
import {
  startTraderProcess,
  type TraderLimits,
  type TraderProcess,
  type TraderSetup,
} from './trader-process';
import { TransitionLog } from './transition-log';

export interface ChaosOptions {
  scenarios: readonly Scenario[];
  /** Short set durations. */
  short: boolean;
  seed: number;
  print(line: string): void;
}

const LIMITS: TraderLimits = { markets: 3, maxOrders: 10, maxPosition: 5, maxNotionalDollars: 50 };
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Recovery after `error` waits out the backoff (1, 2, 4, … s); a minute covers several attempts. */
const RECOVERY_TIMEOUT_MS = 90_000;
/** Books resync and orders reconcile (a sync and an audit every 5 s) within this, once quiet. */
const SETTLE_TIMEOUT_MS = 30_000;

async function waitForState(
  url: () => string,
  pred: (s: string) => boolean,
  what: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let last = 'unknown';
  for (;;) {
    last = await readState(url()).catch(() => 'unreachable');
    if (pred(last)) return;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; state ${last}`);
    await delay(200);
  }
}

/** The last row: after all of it, SIGTERM still shuts the daemon down cleanly. */
async function cleanShutdown(trader: TraderProcess): Promise<ScenarioResult> {
  const started = Date.now();
  const code = await trader.kill('SIGTERM');
  return {
    name: 'clean shutdown (SIGTERM)',
    expected: 'exit 0',
    observed: `exit ${code}`,
    pass: code === 0,
    problems: code === 0 ? [] : trader.tail().slice(-10),
    seconds: (Date.now() - started) / 1_000,
  };
}

export async function runChaos(opts: ChaosOptions): Promise<ScenarioResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'kalshi-chaos-'));
  const keys = ensureDevKeys(join(work, 'keys'));
  const sim = await startSimProcess({ keysDir: join(work, 'keys'), markets: 4, rate: 20, seed: opts.seed });
  const setup: TraderSetup = {
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    keyId: keys.keyId,
    privateKeyPath: keys.privateKeyPath,
    dataDir: join(work, 'data'),
    limits: LIMITS,
  };
  const admin = simAdmin({
    url: sim.url,
    restUrl: sim.restUrl,
    keyId: keys.keyId,
    privateKeyPath: keys.privateKeyPath,
  });
  const log = new TransitionLog();
  let trader: TraderProcess | null = null;
  const results: ScenarioResult[] = [];
  try {
    trader = await startTraderProcess(setup);
    await log.attach(trader.url);
    const url = () => (trader as TraderProcess).url;
    const isUp = (s: string) => s === 'ready';
    await waitForState(url, isUp, 'ready at start-up', 60_000);
    const ctx: ScenarioContext = {
      admin,
      span: (full, short) => (opts.short ? short : full),
      sleep: delay,
      waitForState: (pred, what, timeoutMs) => waitForState(url, pred, what, timeoutMs),
      market: async () => (await readMarkets(url()))[0] ?? '',
      async killAndRestart() {
        await (trader as TraderProcess).kill('SIGKILL');
        trader = await startTraderProcess(setup);
        await log.attach(trader.url);
      },
    };
    let ordersBefore = 0;
    for (const scenario of opts.scenarios) {
      const started = Date.now();
      const mark = log.mark();
      let error: string | null = null;
      try {
        await scenario.run(ctx);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      await admin.faults(null);
      // Recovered, then the market quiet (no synthetic flow), so books and orders can be compared exactly.
      const recovered = await waitForState(url, isUp, 'recovery', RECOVERY_TIMEOUT_MS).then(
        () => null,
        (err: Error) => err.message,
      );
      await admin.flow(false);
      const result = await judgeScenario({
        scenario,
        transitions: () => log.since(mark),
        failure: error ?? recovered,
        read: async () => {
          const markets = await readMarkets(url());
          const daemon = await readDaemonView(url(), markets);
          const exchange = await admin.records(markets);
          return { daemon, exchange, markets };
        },
        limits: LIMITS,
        settleTimeoutMs: SETTLE_TIMEOUT_MS,
        ordersBefore,
      });
      ordersBefore = result.orders;
      await admin.flow(true);
      result.seconds = (Date.now() - started) / 1_000;
      results.push(result);
      opts.print(
        `${result.pass ? 'pass' : 'FAIL'}  ${scenario.name} (${result.seconds.toFixed(0)} s): ${result.observed}`,
      );
      for (const problem of result.problems.slice(0, 5)) opts.print(`        ${problem}`);
    }
    results.push(await cleanShutdown(trader));
  } finally {
    log.close();
    if (trader !== null) await trader.kill('SIGKILL');
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}
