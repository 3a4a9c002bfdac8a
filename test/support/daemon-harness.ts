// Boots the whole daemon in-process on loopback: the embedded simulator, the trader actors and the HTTP
// server, each on a free port. Integration and browser tests drive it like a user would.
import { Writable } from 'node:stream';
import { waitFor } from 'xstate';
import { createTrader, type Trader } from '../../src/app/create-trader';
import { type EmbeddedExchange, startEmbeddedExchange } from '../../src/app/embedded-exchange';
import { type HttpServerHandle, startHttpServer } from '../../src/app/http-server';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { PublicState } from '../../src/machines/trader.events';
import { publicStateOf } from '../../src/machines/trader.view';
import { createInspectionRelay } from '../../src/server/inspector/inspection-relay';
import { createMetrics } from '../../src/server/metrics';

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

export async function startDaemon(env: Record<string, string> = {}): Promise<Daemon> {
  const config = loadConfig(
    {
      V3_PORT: '0',
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
  const exchange = await startEmbeddedExchange({
    host: '127.0.0.1',
    port: 0,
    markets: config.sim.markets,
    rate: config.sim.rate,
    seed: 3,
  });
  const metrics = createMetrics({ defaultMetrics: false });
  const relay = createInspectionRelay({ pingIntervalMs: 0 });
  const trader = createTrader({
    config,
    log,
    metrics,
    apiUrl: exchange.apiUrl,
    wsUrl: exchange.wsUrl,
    credentials: exchange.credentials,
    inspect: relay.inspector.inspect,
  });
  const http = await startHttpServer({
    ports: trader.ports,
    host: '127.0.0.1',
    port: 0,
    relay,
    metrics,
    log,
  });
  trader.start();
  const state = () =>
    publicStateOf(trader.actor.getSnapshot().value) ?? trader.actor.getSnapshot().context.state;
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
      await trader.shutdown('test', 5_000);
      await http.close();
      await exchange.close();
    },
  };
}
