// Boots the whole daemon in-process on loopback: the embedded simulator, the trader actors and the HTTP
// server, each on a free port. Integration and browser tests drive it like a user would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { waitFor } from 'xstate';
import type { Strategy } from '../../src/actors/strategy/strategy-types';
import type { Trader } from '../../src/app/create-trader';
import type { EmbeddedExchange } from '../../src/app/embedded-exchange';
import type { HttpServerHandle } from '../../src/app/http-server';
import { startDaemon as startDaemonFromConfig } from '../../src/app/start-daemon';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { PublicState } from '../../src/machines/trader.events';
import { publicStateOf } from '../../src/machines/trader.view';

export interface Daemon {
  url: string;
  exchange: EmbeddedExchange;
  trader: Trader;
  http: HttpServerHandle;
  controlToken: string;
  logs: string[];
  state(): PublicState;
  waitForState(state: PublicState, timeoutMs?: number): Promise<void>;
  /** POSTs a fault patch to the simulator's admin API, as an operator would. */
  faults(patch: Record<string, unknown> | null): Promise<void>;
  close(): Promise<void>;
}

export async function startDaemon(
  env: Record<string, string> = {},
  opts: { strategy?: Strategy; now?: () => number } = {},
): Promise<Daemon> {
  // A data directory of its own unless the test gives one (restart tests reuse theirs).
  const ownDir = env.V3_DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'kalshi-daemon-')) : null;
  const config = loadConfig(
    {
      V3_PORT: '0',
      ...(ownDir ? { V3_DATA_DIR: ownDir } : {}),
      V3_MARKET_TICKERS: 'DISCOVERY',
      V3_MAX_MARKETS: '3',
      V3_SIM_MARKETS: '5',
      V3_SIM_RATE: '50',
      V3_CONTROL_TOKEN: 'test-control-token-0123456789',
      V3_LOG_LEVEL: 'debug',
      ...env,
    },
    [],
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: config.log.level, pretty: false, destination: sink });
  const started = await startDaemonFromConfig(config, log, { simSeed: 3, defaultMetrics: false, ...opts });
  const { trader, http } = started;
  const exchange = started.embedded!;
  const state = () => publicStateOf(trader.actor.getSnapshot());
  let closed = false;
  return {
    url: http.url,
    exchange,
    trader,
    http,
    controlToken: config.server.controlToken.value,
    logs,
    state,
    async waitForState(target, timeoutMs = 30_000) {
      await waitFor(trader.actor, () => state() === target, { timeout: timeoutMs });
    },
    async faults(patch) {
      const res = await fetch(`${exchange.sim.url}/sim/faults`, {
        method: patch === null ? 'DELETE' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(patch === null ? {} : { body: JSON.stringify(patch) }),
      });
      if (!res.ok) throw new Error(`sim faults: HTTP ${res.status} ${await res.text()}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await started.stop('test', 5_000);
      } finally {
        if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      }
    },
  };
}
