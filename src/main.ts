// Entry point: config → (embedded simulator) → trader actors → HTTP server, plus signal handling.
// `npm start` with no credentials trades against the embedded Kalshi simulator.
import { loadPrivateKey } from './adapters/kalshi/auth';
import { createTrader } from './app/create-trader';
import { type EmbeddedExchange, startEmbeddedExchange } from './app/embedded-exchange';
import { startHttpServer } from './app/http-server';
import { type Config, exitOnConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createInspectionRelay } from './server/inspector/inspection-relay';
import { createMetrics } from './server/metrics';

/** How long a SIGINT/SIGTERM shutdown may take before the process exits anyway. */
const SHUTDOWN_BOUND_MS = 20_000;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env, argv);
  } catch (err) {
    exitOnConfigError(err, process.stderr, (code) => process.exit(code), process.stdout);
    return;
  }
  const secrets = [config.exchange.keyId, config.server.controlToken.value].filter((s): s is string => !!s);
  const log = createLogger({ level: config.log.level, secrets });

  let embedded: EmbeddedExchange | null = null;
  let endpoints: {
    apiUrl: string;
    wsUrl: string;
    credentials: { keyId: string; privateKey: ReturnType<typeof loadPrivateKey> };
  };
  if (config.exchange.mode === 'simulator') {
    embedded = await startEmbeddedExchange({
      host: '127.0.0.1',
      port: config.sim.port,
      markets: config.sim.markets,
      rate: config.sim.rate,
    });
    endpoints = embedded;
    log.info({ url: embedded.sim.url }, 'embedded Kalshi simulator running (no credentials given)');
  } else {
    endpoints = {
      apiUrl: config.exchange.apiUrl!,
      wsUrl: config.exchange.wsUrl!,
      credentials: {
        keyId: config.exchange.keyId!,
        privateKey: loadPrivateKey({ pem: config.exchange.privateKeyPem! }),
      },
    };
  }

  const metrics = createMetrics();
  const relay = createInspectionRelay({ log: log.child({ actor: 'inspector' }) });
  const trader = createTrader({
    config,
    log,
    metrics,
    ...endpoints,
    inspect: relay.inspector.inspect,
  });
  const http = await startHttpServer({
    ports: trader.ports,
    host: config.server.host,
    port: config.server.port,
    relay,
    metrics,
    log,
  });
  trader.start();

  const lines = [
    `kalshi-trader console: ${http.url}/`,
    `  status: ${http.url}/v3/status  inspector: ${http.url}/inspect`,
  ];
  if (config.server.controlToken.generated) {
    lines.push(
      `  control token (for the kill switch and other commands): ${config.server.controlToken.value}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error({}, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS + 5_000);
    force.unref();
    await trader.shutdown(signal, SHUTDOWN_BOUND_MS);
    await http.close();
    await embedded?.close();
    log.info({}, 'stopped');
    log.flush?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2), process.env).catch((err: unknown) => {
  process.stderr.write(
    `kalshi-trader: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
