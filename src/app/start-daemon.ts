// Assembles and starts the whole daemon from a Config: its HTTP port (bound first), the embedded simulator
// when no exchange is configured, the trader actors, the inspector relay and the HTTP server. main.ts and
// the tests share it.

import { runSteps, skip } from '../actors/shutdown-steps';
import type { Strategy } from '../actors/strategy/strategy-types';
import { loadPrivateKey } from '../adapters/kalshi/auth';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startRecording } from '../record/session-recorder';
import { createInspectionRelay } from '../server/inspector/inspection-relay';
import { createMetrics } from '../server/metrics';
import { loadStrategy } from '../strategies/load-strategy';
import { createTrader, type Trader } from './create-trader';
import { type EmbeddedExchange, startEmbeddedExchange } from './embedded-exchange';
import { bindHttpPort, type HttpServerHandle } from './http-server';
import { closeHistory, openHistory } from './open-history';

export interface Daemon {
  trader: Trader;
  http: HttpServerHandle;
  /** The embedded simulator, when the daemon runs on it. */
  embedded: EmbeddedExchange | null;
  apiUrl: string;
  wsUrl: string;
  /** SHUTDOWN through the machine (bounded), then the server and the simulator; logs how each went. */
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
  /** The trader's clock (Date.now when absent): tests move a restarted daemon days ahead. */
  now?: () => number;
}

const STOP_STEP_MARGIN_MS = 1_000;

export async function startDaemon(config: Config, log: Logger, opts: StartOptions = {}): Promise<Daemon> {
  // First: a strategy that cannot be made stops start-up before anything is listening.
  const configured = opts.strategy ?? (await loadStrategy(config.strategy));
  // Then the daemon's own port: a clash fails here, before the simulator or any actor has started.
  const bound = await bindHttpPort(config.server.host, config.server.port);
  // Then history: a database that cannot be used (or is newer than this build) stops start-up here.
  const storage = await openHistory(config, log, Date.now).catch(async (err: unknown) => {
    await bound.close();
    throw err;
  });
  let embedded: EmbeddedExchange | null = null;
  try {
    const exchange = await connectExchange(config, log, opts.simSeed);
    embedded = exchange.embedded;
    const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics ?? true });
    const relay = createInspectionRelay({ log: log.child({ actor: 'inspector' }) });
    const onError = (err: unknown) => log.error({ err }, 'recording write failed');
    const recorder = config.record
      ? startRecording({ path: config.record, config, strategy: configured, onError })
      : null;
    const strategy = recorder?.strategy ?? configured;
    const trader = createTrader({
      config,
      log,
      metrics,
      apiUrl: exchange.apiUrl,
      wsUrl: exchange.wsUrl,
      credentials: exchange.credentials,
      inspect: relay.inspector.inspect,
      strategy,
      ...(recorder ? { runtime: recorder.runtime } : {}),
      storage,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.onShutdownRequested ? { onShutdownRequested: opts.onShutdownRequested } : {}),
    });
    recorder?.attach(trader);
    const http = bound.serve({
      ports: trader.ports,
      relay,
      metrics,
      log,
      maxWsClients: config.server.maxWsClients,
    });
    trader.start();
    return {
      trader,
      http,
      embedded,
      apiUrl: exchange.apiUrl,
      wsUrl: exchange.wsUrl,
      async stop(reason, boundMs) {
        const sim = embedded;
        const steps = await runSteps(
          [
            [
              'trader',
              async () => {
                const end = await trader.shutdown(reason, boundMs);
                if (end === 'unfinished') throw new Error(`not finished within ${boundMs} ms`);
                if (end !== 'done')
                  throw new Error(`shutdown procedure ${end === 'timeout' ? 'timed out' : end}`);
              },
            ],
            ['httpServer', () => http.close()],
            ...(recorder ? [['recording', () => recorder.close()] as const] : []),
            // After the trader: its shutdown procedure flushed the queue; this records the stop.
            ['storage', () => closeHistory(storage, Date.now, reason)],
            [
              'simulator',
              sim ? () => sim.close() : skip('none embedded (trading on the configured exchange)'),
            ],
          ],
          // The trader's shutdown carries its own bound: this one only catches a step that hangs.
          { timeoutMs: boundMs + STOP_STEP_MARGIN_MS, log },
        );
        log.info({ reason, steps }, 'daemon stopped');
      },
    };
  } catch (err) {
    await embedded?.close();
    await bound.close();
    await closeHistory(storage, Date.now, 'start-up failed').catch(() => undefined);
    throw err;
  }
}

/** The embedded simulator when no exchange is configured, else the configured exchange and key. */
async function connectExchange(
  config: Config,
  log: Logger,
  simSeed: number | undefined,
): Promise<
  Pick<EmbeddedExchange, 'apiUrl' | 'wsUrl' | 'credentials'> & { embedded: EmbeddedExchange | null }
> {
  if (config.exchange.mode === 'simulator') {
    const embedded = await startEmbeddedExchange({
      host: '127.0.0.1',
      port: config.sim.port,
      markets: config.sim.markets,
      rate: config.sim.rate,
      timeScale: config.sim.timeScale,
      ...(simSeed === undefined ? {} : { seed: simSeed }),
    });
    log.info({ url: embedded.sim.url }, 'embedded Kalshi simulator running (no credentials given)');
    const { apiUrl, wsUrl, credentials } = embedded;
    return { apiUrl, wsUrl, credentials, embedded };
  }
  // Config checked that these are present and that the key is a readable RSA PEM.
  return {
    apiUrl: config.exchange.apiUrl as string,
    wsUrl: config.exchange.wsUrl as string,
    credentials: {
      keyId: config.exchange.keyId as string,
      privateKey: loadPrivateKey({ pem: config.exchange.privateKeyPem as string }),
    },
    embedded: null,
  };
}
