// Issue 10's SIGKILL trial: the standalone simulator and `npm start`'s daemon with the market maker on a
// data directory, killed with SIGKILL at random moments (half of them the moment a create is in flight)
// under REST faults (errors before or after acting, latency), restarted on the same directory each time.
// After each restart the reconciliation must explain everything (no pause); at the end, with no new
// orders, nothing resting and the daemon stopped cleanly, storage is audited against the simulator's own
// records, and the daemon's positions and realized PnL against the exchange's.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKalshiClient } from '../../src/adapters/kalshi/client';
import { createSeededRandom } from '../../src/domain/seeded-random';
import type { StatusView } from '../../src/server/views';
import { auditCrashes } from '../lib/crash-audit';
import { command, sleep, status, until } from '../lib/daemon-control';
import { trialDaemonSetting } from '../lib/daemon-env';
import { auditLedger } from '../lib/ledger-audit';
import { type Child, startScript } from '../lib/processes';
import type { TrialKeys } from '../lib/trial-keys';
import type { TrialOutcome } from './feed-loss.scenario';

export interface SigkillOptions {
  kills: number;
  markets: number;
  syncSeconds: number;
  /** Longest a daemon runs before it is killed. */
  maxUpSeconds: number;
}

export const SIGKILL_DEFAULTS: SigkillOptions = { kills: 3, markets: 2, syncSeconds: 1, maxUpSeconds: 3 };

/** The faults a run trades under between kills (one per life, at random). */
const FAULT_SETS: Record<string, unknown>[] = [
  {},
  { restErrorRate: 0.3, restErrorMode: 'after' },
  { restErrorRate: 0.3, restErrorMode: 'before' },
  { latencyMs: 400 },
  { restErrorRate: 0.2, restErrorMode: 'after', latencyMs: 250 },
];

const SIM_READY = /kalshi-sim listening on (\S+) \(REST (\S+), WS (\S+)\)/;
const DAEMON_READY = /kalshi-trader console: (http:\/\/\S+)\//;
const MAX_ORDERS = 6;
const MAX_POSITION = 4; // contracts

async function faults(simUrl: string, patch: Record<string, unknown>): Promise<void> {
  const clear = Object.keys(patch).length === 0;
  const res = await fetch(`${simUrl}/sim/faults`, {
    method: clear ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(clear ? {} : { body: JSON.stringify(patch) }),
  });
  if (!res.ok) throw new Error(`faults: HTTP ${res.status} ${await res.text()}`);
}

const serving = (s: StatusView) => s.state === 'ready' || s.state === 'degraded' || s.state === 'acting';

/** Resolves when the daemon has a create in flight (a `pending` order), or after `ms`. */
async function createInFlight(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/v3/orders`).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { orders: { status: string }[] }) : { orders: [] };
    if (body.orders.some((o) => o.status === 'pending')) return true;
    await sleep(5);
  }
  return false;
}

async function openStored(url: string): Promise<number> {
  const res = await fetch(`${url}/v3/orders?status=open`);
  if (!res.ok) throw new Error(`GET /v3/orders?status=open: HTTP ${res.status}`);
  return ((await res.json()) as { orders: unknown[] }).orders.length;
}

export async function runSigkill(keys: TrialKeys, seed: number, o: SigkillOptions): Promise<TrialOutcome> {
  const started = Date.now();
  const random = createSeededRandom(seed);
  const children: Child[] = [];
  const problems: string[] = [];
  let inFlightKills = 0;
  try {
    const sim = await startScript(
      'src/sim/cli.ts',
      [
        ...['--port', '0', '--seed', String(seed), '--markets', String(o.markets + 1), '--rate', '80'],
        ...['--no-series', '--no-auto-settle', '--key-id', keys.keyId, '--public-key', keys.publicKeyPath],
      ],
      process.env,
      SIM_READY,
    );
    children.push(sim.child);
    const [, simUrl = '', restUrl = '', wsUrl = ''] = sim.match;
    const limits = { ...o, maxOrders: MAX_ORDERS, maxPosition: MAX_POSITION };
    const { env, token, dataDir } = trialDaemonSetting(keys, { restUrl, wsUrl }, `sigkill-${seed}`, limits, {
      V3_STRATEGY: 'market_maker',
      V3_STRATEGY_PARAMS: JSON.stringify({ max_position: MAX_POSITION, spread_ticks: 1, refresh_ms: 200 }),
    });
    const startDaemon = async (): Promise<{ child: Child; url: string }> => {
      const daemon = await startScript('src/main.ts', [], env, DAEMON_READY);
      children.push(daemon.child);
      const url = daemon.match[1] ?? '';
      const s = await until(url, serving, 'daemon serving', 60_000);
      const discrepancies = s.storage?.reconciliation?.discrepancies ?? [];
      for (const line of discrepancies) problems.push(`restart: ${line}`);
      if (s.strategy_paused) problems.push('restart: strategy started paused');
      return { child: daemon.child, url };
    };

    let daemon = await startDaemon();
    for (let kill = 0; kill < o.kills; kill++) {
      await faults(simUrl, FAULT_SETS[Math.floor(random() * FAULT_SETS.length)] ?? {});
      const upMs = 300 + Math.floor(random() * o.maxUpSeconds * 1000);
      if (random() < 0.5) {
        if (await createInFlight(daemon.url, upMs)) inFlightKills++;
      } else {
        await sleep(upMs);
      }
      await daemon.child.kill();
      await faults(simUrl, {});
      daemon = await startDaemon();
    }

    // Quiet: no new orders, no flow, then cancel until storage and the exchange agree nothing is open.
    const { url } = daemon;
    await command(url, token, { type: 'kill_switch', on: true });
    const flow = await fetch(`${simUrl}/sim/flow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ running: false }),
    });
    if (!flow.ok) throw new Error(`stopping the flow: HTTP ${flow.status}`);
    const exchange = createKalshiClient({
      baseUrl: restUrl,
      credentials: { keyId: keys.keyId, privateKey: createPrivateKey(readFileSync(keys.privateKeyPath)) },
    });
    // Orders whose create never reached the exchange settle after three looked-up syncs.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await command(url, token, { type: 'cancel_all' });
      await sleep(o.syncSeconds * 1000 + 500);
      const resting = await exchange.listOrders({ status: 'resting' });
      if (resting.length === 0 && (await openStored(url)) === 0) break;
      if (Date.now() > deadline) {
        // The audit names them.
        problems.push('orders still open 30 s after the kill switch');
        break;
      }
    }
    await sleep(o.syncSeconds * 1000 + 500);
    const ledger = await auditLedger(url, exchange, Date.now());
    await daemon.child.stop();
    if ((await status(url).catch(() => null)) !== null) throw new Error('the daemon did not stop');
    const audit = await auditCrashes(dataDir, exchange, {
      maxOpenOrders: MAX_ORDERS,
      maxPosition: MAX_POSITION * 100,
    });
    const differences = [...problems, ...ledger.differences, ...audit.differences];
    const seconds = Math.round((Date.now() - started) / 1000);
    const summary =
      `${o.kills} kills (${inFlightKills} with a create in flight), ${audit.orders} orders ` +
      `(exchange ${audit.exchangeOrders}), ${audit.fills} fills, today ${ledger.dailyDaemon} ` +
      `(exchange ${ledger.dailyExchange}), ${seconds} s`;
    return { ok: differences.length === 0, summary, details: differences };
  } catch (err) {
    const tail = children.flatMap((c) => c.tail()).slice(-10);
    const summary = err instanceof Error ? err.message : String(err);
    return { ok: false, summary, details: [...problems, ...tail] };
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}
