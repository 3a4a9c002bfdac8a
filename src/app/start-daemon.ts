// Assembles and starts the whole daemon from a Config: the embedded simulator when no exchange is
// configured, the trader actors, the inspector relay and the HTTP server. main.ts and the tests share it.
import type { Strategy } from '../actors/strategy/strategy-types';
import { loadPrivateKey } from '../adapters/kalshi/auth';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createInspectionRelay } from '../server/inspector/inspection-relay';
import { createMetrics } from '../server/metrics';
import { loadStrategy } from '../strategies/load-strategy';
import { createTrader, type Trader } from './create-trader';
import { type EmbeddedExchange, startEmbeddedExchange } from './embedded-exchange';
import { type HttpServerHandle, startHttpServer } from './http-server';

export interface Daemon {
  trader: Trader;
  http: HttpServerHandle;
  /** The embedded simulator, when the daemon runs on it. */
  embedded: EmbeddedExchange | null;
  apiUrl: string;
  wsUrl: string;
  /** SHUTDOWN through the machine (bounded), then the server and the simulator. */
  stop(reason: string, boundMs: number): Promise<void>;
}

export interface StartOptions {
  /** Seed of the embedded simulator's markets and flow (tests pin it). */
  simSeed?: number;
  /** Node's default process metrics (off in tests that start several daemons). */
  defaultMetrics?: boolean;
  /** What an operator's `shutdown` command does (main stops the process); in-process shutdown by default. */
  onShutdownRequested?: (reason: string) => void;
  /** The trading strategy; the configured one (V3_STRATEGY) when absent. */
  strategy?: Strategy;
}

export async function startDaemon(config: Config, log: Logger, opts: StartOptions = {}): Promise<Daemon> {
  // First: a strategy that cannot be made stops start-up before anything is listening.
  const strategy = opts.strategy ?? (await loadStrategy(config.strategy));
  let embedded: EmbeddedExchange | null = null;
  let exchange: Pick<EmbeddedExchange, 'apiUrl' | 'wsUrl' | 'credentials'>;
  if (config.exchange.mode === 'simulator') {
    embedded = await startEmbeddedExchange({
      host: '127.0.0.1',
      port: config.sim.port,
      markets: config.sim.markets,
      rate: config.sim.rate,
      ...(opts.simSeed === undefined ? {} : { seed: opts.simSeed }),
    });
    exchange = embedded;
    log.info({ url: embedded.sim.url }, 'embedded Kalshi simulator running (no credentials given)');
  } else {
    // Config checked that these are present and that the key is a readable RSA PEM.
    exchange = {
      apiUrl: config.exchange.apiUrl as string,
      wsUrl: config.exchange.wsUrl as string,
      credentials: {
        keyId: config.exchange.keyId as string,
        privateKey: loadPrivateKey({ pem: config.exchange.privateKeyPem as string }),
      },
    };
  }

  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics ?? true });
  const relay = createInspectionRelay({ log: log.child({ actor: 'inspector' }) });
  const trader = createTrader({
    config,
    log,
    metrics,
    ...exchange,
    inspect: relay.inspector.inspect,
    strategy,
    ...(opts.onShutdownRequested ? { onShutdownRequested: opts.onShutdownRequested } : {}),
  });
  let http: HttpServerHandle;
  try {
    http = await startHttpServer({
      ports: trader.ports,
      host: config.server.host,
      port: config.server.port,
      relay,
      metrics,
      log,
    });
  } catch (err) {
    await embedded?.close();
    throw err;
  }
  trader.start();

  return {
    trader,
    http,
    embedded,
    apiUrl: exchange.apiUrl,
    wsUrl: exchange.wsUrl,
    async stop(reason, boundMs) {
      await trader.shutdown(reason, boundMs);
      await http.close();
      await embedded?.close();
    },
  };
}
