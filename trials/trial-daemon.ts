// The daemon for `--strategy churn` trials: configured from the environment like `npm start`, trading with
// the churn test strategy (it takes as well as joins the touch, so it is filled more often and both ways
// than the market maker, which the trials run by default through `npm start` itself).
import { SHUTDOWN_BOUND_MS } from '../src/actors/shutdown-request';
import { startDaemon } from '../src/app/start-daemon';
import { exitOnConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { churnStrategy } from '../test/support/churn-strategy';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    exitOnConfigError(err, process.stderr, (code) => process.exit(code), process.stdout);
    return;
  }
  const secrets = [config.exchange.keyId, config.server.controlToken.value].filter((s): s is string => !!s);
  const log = createLogger({ level: config.log.level, secrets });
  const daemon = await startDaemon(config, log, { strategy: churnStrategy({ everyMs: 250 }) });
  process.stdout.write(`trial daemon listening on ${daemon.http.url}\n`);
  const stop = (signal: string) => void daemon.stop(signal, SHUTDOWN_BOUND_MS).finally(() => process.exit(0));
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`trial daemon: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
