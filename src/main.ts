// Entry point: config, logger, the daemon, and signal handling. `npm start` with no credentials trades
// against the embedded Kalshi simulator.
import { SHUTDOWN_BOUND_MS } from './actors/shutdown-request';
import type { Strategy } from './actors/strategy/strategy-types';
import { StorageError } from './adapters/storage';
import { startDaemon } from './app/start-daemon';
import { type Config, exitOnConfigError, exposureWarning, loadConfig } from './config';
import { createLogger } from './logger';
import { loadStrategy } from './strategies/load-strategy';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let config: Config;
  let strategy: Strategy;
  try {
    config = loadConfig(env, argv);
    strategy = await loadStrategy(config.strategy);
  } catch (err) {
    exitOnConfigError(err, process.stderr, (code) => process.exit(code), process.stdout);
    return;
  }
  const secrets = [config.exchange.keyId, config.server.controlToken.value].filter((s): s is string => !!s);
  const log = createLogger({ level: config.log.level, secrets });
  // On stderr whatever the log level: serving the network is a choice the operator must see.
  const exposure = exposureWarning(config.server);
  if (exposure !== undefined) process.stderr.write(`kalshi-trader: warning: ${exposure}\n`);
  // An operator's `shutdown` command (WS /v3/ws, control token) stops the process like SIGTERM.
  let stopping = false;
  const daemon = await startDaemon(config, log, {
    strategy,
    onShutdownRequested: (reason) => void stop(reason),
  });

  const url = daemon.http.url;
  const lines = [`kalshi-trader console: ${url}/`, `  status: ${url}/v3/status  inspector: ${url}/inspect`];
  if (daemon.embedded) {
    const sim = daemon.embedded.sim.url;
    lines.push(
      `  embedded Kalshi simulator: ${sim}  (faults: POST ${sim}/sim/faults, state: GET ${sim}/sim/state)`,
    );
  }
  if (config.server.controlToken.generated) {
    lines.push(
      `  control token (for the kill switch and other commands): ${config.server.controlToken.value}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error({}, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS + 5_000);
    force.unref();
    await daemon.stop(signal, SHUTDOWN_BOUND_MS);
    log.flush?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // Every actor handles its own failures; anything that still escapes is a bug. A stray rejection is
  // logged and survived; an uncaught exception leaves state unknown, so the daemon stops cleanly
  // (strategy first, resting orders per V3_CANCEL_ON_SHUTDOWN) and exits non-zero for a supervisor.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection (bug)'));
  process.once('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception (bug): shutting down');
    void daemon.stop('uncaughtException', SHUTDOWN_BOUND_MS).finally(() => process.exit(1));
  });
}

main(process.argv.slice(2), process.env).catch((err: unknown) => {
  // A database that cannot be used is a configuration problem: one line, exit 2.
  if (err instanceof StorageError) {
    process.stderr.write(`kalshi-trader: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `kalshi-trader: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
