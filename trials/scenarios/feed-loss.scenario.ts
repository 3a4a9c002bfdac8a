// Issue 18's feed-loss trial: the standalone simulator and the daemon (a strategy that trades), cycles of
// feed loss with late and reordered private frames and answers lost after acting, each followed by quiet;
// then no new orders, nothing resting, no flow, two quiet syncs, and the ledger audit against the
// exchange's own records (positions, realized PnL and fees per market, today's realized PnL).
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKalshiClient } from '../../src/adapters/kalshi/client';
import { command, quietSyncs, sleep, until } from '../lib/daemon-control';
import { trialDaemonSetting } from '../lib/daemon-env';
import { auditLedger } from '../lib/ledger-audit';
import { type Child, startScript } from '../lib/processes';
import type { TrialKeys } from '../lib/trial-keys';

/** The daemon's strategy: `npm start` with V3_STRATEGY=market_maker, or the churn test strategy. */
export type TrialStrategy = 'market_maker' | 'churn';

export interface FeedLossOptions {
  strategy: TrialStrategy;
  cycles: number;
  faultSeconds: number;
  quietSeconds: number;
  syncSeconds: number;
  markets: number;
}

export const FEED_LOSS_DEFAULTS: FeedLossOptions = {
  strategy: 'market_maker',
  cycles: 4,
  faultSeconds: 10,
  quietSeconds: 10,
  syncSeconds: 5,
  markets: 3,
};

/** The fault set of issue 18's "Done when". */
export const FEED_LOSS_FAULTS = {
  dropConnections: true,
  refuseUpgrade: 503,
  privateDelayMs: 700,
  privateReorder: true,
  restErrorRate: 0.1,
  restErrorMode: 'after',
};

/** The trial's market maker: see DAEMONS. */
export const MARKET_MAKER_PARAMS = {
  spread_ticks: 1,
  size: 1,
  skew_ticks_per_contract: 1,
  max_position: 5,
  refresh_ms: 500,
};

export interface TrialOutcome {
  ok: boolean;
  summary: string;
  /** What differed, or why the run could not finish. */
  details: string[];
}

const SIM_READY = /kalshi-sim listening on (\S+) \(REST (\S+), WS (\S+)\)/;

/**
 * How each strategy's daemon is started and found ready. The market maker is the daemon as an operator
 * runs it (`npm start`); its parameters here quote tight (so the simulator's flow fills it often, both
 * ways) and hold a few contracts either way (so it realizes PnL as it skews back).
 */
const DAEMONS: Record<TrialStrategy, { script: string; env: NodeJS.ProcessEnv; ready: RegExp }> = {
  market_maker: {
    script: 'src/main.ts',
    env: {
      V3_STRATEGY: 'market_maker',
      V3_STRATEGY_PARAMS: JSON.stringify(MARKET_MAKER_PARAMS),
    },
    ready: /kalshi-trader console: (\S+)\//,
  },
  churn: { script: 'trials/trial-daemon.ts', env: {}, ready: /trial daemon listening on (\S+)/ },
};

async function post(url: string, body: unknown, method = 'POST'): Promise<void> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === null ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
}

export async function runFeedLoss(keys: TrialKeys, seed: number, o: FeedLossOptions): Promise<TrialOutcome> {
  const started = Date.now();
  const children: Child[] = [];
  try {
    const sim = await startScript(
      'src/sim/cli.ts',
      [
        ...['--port', '0', '--seed', String(seed), '--markets', String(o.markets + 2), '--rate', '50'],
        // Long-dated markets only: a rolling series' market could settle mid-run, and the daemon's side
        // of settlements is issue 16's (its trials can turn the series back on).
        '--no-series',
        ...['--key-id', keys.keyId, '--public-key', keys.publicKeyPath],
      ],
      process.env,
      SIM_READY,
    );
    children.push(sim.child);
    const [, simUrl = '', restUrl = '', wsUrl = ''] = sim.match;
    const how = DAEMONS[o.strategy];
    const limits = { ...o, maxOrders: 30, maxPosition: 1000 };
    const { env, token } = trialDaemonSetting(keys, { restUrl, wsUrl }, `run-${seed}`, limits, how.env);
    const daemon = await startScript(how.script, [], env, how.ready);
    children.push(daemon.child);
    const [, url = ''] = daemon.match;
    await until(url, (s) => s.state === 'ready', 'daemon ready');

    // Trading first, so the first faults meet fills and orders in flight.
    await sleep(o.quietSeconds * 1000);
    for (let cycle = 0; cycle < o.cycles; cycle++) {
      await post(`${simUrl}/sim/faults`, FEED_LOSS_FAULTS);
      await sleep(o.faultSeconds * 1000);
      await post(`${simUrl}/sim/faults`, null, 'DELETE');
      await sleep(o.quietSeconds * 1000);
    }
    // Quiet: no new orders, nothing resting, no flow to trade with what might; then two syncs.
    await until(url, (s) => s.state === 'ready' || s.state === 'degraded', 'daemon serving after the faults');
    await command(url, token, { type: 'kill_switch', on: true });
    await command(url, token, { type: 'cancel_all' });
    await post(`${simUrl}/sim/flow`, { running: false });
    await quietSyncs(url, 2);

    const exchange = createKalshiClient({
      baseUrl: restUrl,
      credentials: { keyId: keys.keyId, privateKey: createPrivateKey(readFileSync(keys.privateKeyPath)) },
    });
    const audit = await auditLedger(url, exchange, Date.now());
    const seconds = Math.round((Date.now() - started) / 1000);
    const summary =
      `${audit.markets} markets, ${audit.fills} fills, today ${audit.dailyDaemon} ` +
      `(exchange ${audit.dailyExchange}), ${seconds} s`;
    return { ok: audit.ok, summary, details: audit.differences };
  } catch (err) {
    const tail = children.flatMap((c) => c.tail()).slice(-10);
    return { ok: false, summary: err instanceof Error ? err.message : String(err), details: tail };
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}
