// `npm run sim`: the standalone Kalshi simulator. Parses flags, loads (or generates) keys, starts the
// server, prints one listening line and closes cleanly on SIGINT/SIGTERM. Bad flags exit 2.
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DEV_KEYS_DIR, ensureDevKeys } from './dev-keys';
import type { FaultPatch } from './faults';
import type { SimulatorOptions } from './server';

export class CliError extends Error {}

export const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  markets: { type: 'string' },
  rate: { type: 'string' },
  seed: { type: 'string' },
  'key-id': { type: 'string', multiple: true },
  'public-key': { type: 'string', multiple: true },
  'dev-keys-dir': { type: 'string' },
  'heartbeat-ms': { type: 'string' },
  'seq-skip-rate': { type: 'string' },
  'duplicate-rate': { type: 'string' },
  'malformed-rate': { type: 'string' },
  'reorder-rate': { type: 'string' },
  'private-delay-ms': { type: 'string' },
  'private-reorder': { type: 'boolean' },
  'rest-error-rate': { type: 'string' },
  'rest-error-mode': { type: 'string' },
  'strict-signatures': { type: 'boolean' },
  'latency-ms': { type: 'string' },
  'refuse-upgrade': { type: 'string' },
  'no-flow': { type: 'boolean' },
  'history-limit': { type: 'string' },
  'time-scale': { type: 'string' },
  'no-series': { type: 'boolean' },
  'no-auto-settle': { type: 'boolean' },
  'settled-market-limit': { type: 'string' },
} as const;

export interface CliConfig {
  options: SimulatorOptions;
  /** Public key files to load, paired with key ids; empty means "use the dev key". */
  keyFiles: Array<{ keyId: string; path: string }>;
  devKeysDir: string;
}

function number(flag: string, text: string | undefined, min: number, max: number, integer: boolean) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new CliError(
      `--${flag} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${text}"`,
    );
  }
  return value;
}

export function parseCliArgs(argv: readonly string[]): CliConfig {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const keyIds = values['key-id'] ?? [];
  const keyPaths = values['public-key'] ?? [];
  if (keyIds.length !== keyPaths.length) {
    throw new CliError('--key-id and --public-key come in pairs: give one --public-key per --key-id');
  }
  const faults: FaultPatch = {};
  const rate = (flag: string) =>
    number(flag, values[flag as keyof typeof values] as string | undefined, 0, 1, false);
  const seqSkipRate = rate('seq-skip-rate');
  const duplicateRate = rate('duplicate-rate');
  const malformedRate = rate('malformed-rate');
  const restErrorRate = rate('rest-error-rate');
  const reorderRate = rate('reorder-rate');
  const latencyMs = number('latency-ms', values['latency-ms'], 0, 60_000, true);
  const privateDelayMs = number('private-delay-ms', values['private-delay-ms'], 0, 60_000, true);
  const restErrorMode = values['rest-error-mode'];
  if (restErrorMode !== undefined && restErrorMode !== 'before' && restErrorMode !== 'after') {
    throw new CliError(`--rest-error-mode must be "before" or "after", got "${restErrorMode}"`);
  }
  const refuseUpgrade = number('refuse-upgrade', values['refuse-upgrade'], 400, 599, true);
  if (seqSkipRate !== undefined) faults.seqSkipRate = seqSkipRate;
  if (duplicateRate !== undefined) faults.duplicateRate = duplicateRate;
  if (malformedRate !== undefined) faults.malformedRate = malformedRate;
  if (restErrorRate !== undefined) faults.restErrorRate = restErrorRate;
  if (restErrorMode !== undefined) faults.restErrorMode = restErrorMode;
  if (reorderRate !== undefined) faults.reorderRate = reorderRate;
  if (privateDelayMs !== undefined) faults.privateDelayMs = privateDelayMs;
  if (values['private-reorder'] === true) faults.privateReorder = true;
  if (latencyMs !== undefined) faults.latencyMs = latencyMs;
  if (refuseUpgrade !== undefined) faults.refuseUpgrade = refuseUpgrade;
  return {
    options: {
      // Absent: the server's default (8006).
      port: number('port', values.port, 0, 65_535, true),
      host: values.host ?? '127.0.0.1',
      markets: number('markets', values.markets, 1, 500, true),
      rate: number('rate', values.rate, 0, 100_000, false),
      seed: number('seed', values.seed, 0, 2 ** 32 - 1, true),
      heartbeatMs: number('heartbeat-ms', values['heartbeat-ms'], 10, 600_000, true),
      historyLimit: number('history-limit', values['history-limit'], 0, 100_000_000, true),
      timeScale: number('time-scale', values['time-scale'], 0.001, 100_000, false),
      settledMarketLimit: number('settled-market-limit', values['settled-market-limit'], 0, 1_000_000, true),
      ...(values['no-series'] === true ? { series: [] } : {}),
      ...(values['no-auto-settle'] === true ? { determinationDelayMs: null } : {}),
      flowRunning: values['no-flow'] !== true,
      // A start-up mode rather than a fault: clearing the faults keeps it.
      ...(values['strict-signatures'] === true ? { strictSignatures: true } : {}),
      faults,
    },
    keyFiles: keyIds.map((keyId, i) => ({ keyId, path: keyPaths[i] ?? '' })),
    devKeysDir: values['dev-keys-dir'] ?? DEFAULT_DEV_KEYS_DIR,
  };
}

function loadKeys(config: CliConfig): NonNullable<SimulatorOptions['keys']> {
  if (config.keyFiles.length > 0) {
    return config.keyFiles.map(({ keyId, path }) => {
      try {
        return { keyId, publicKeyPem: readFileSync(path, 'utf8') };
      } catch {
        throw new CliError(`cannot read public key file ${path}`);
      }
    });
  }
  const dev = ensureDevKeys(config.devKeysDir);
  // stderr: stdout carries exactly the one listening line that scripts wait for.
  process.stderr.write(
    `kalshi-sim: ${dev.created ? 'generated' : 'using'} development key id ${dev.keyId} ` +
      `(private key ${dev.privateKeyPath}, public key ${dev.publicKeyPath})\n`,
  );
  return [{ keyId: dev.keyId, publicKeyPem: dev.publicKeyPem }];
}

export const USAGE = `Usage: npm run sim -- [flags]

The Kalshi exchange simulator: REST v2 at /trade-api/v2 and WS v2 at /trade-api/ws/v2 on one port,
plus the loopback-only admin API under /sim/ (GET|POST|DELETE /sim/faults, POST /sim/flow,
POST /sim/ws/error, GET /sim/state, and the market lifecycle: POST /sim/markets,
POST /sim/markets/TICKER/close, .../settle {"result":"yes"|"no"}, .../pause, .../resume).

Markets close at close_time (resting orders cancelled), are determined a minute later and pay out
after the settlement timer (5 minutes). Besides the generated long-dated markets, a 15-minute, an
hourly and a daily series roll over: each next event's markets appear before the current ones close.

  --port N                  port to listen on (default 8006; 0 picks a free one)
  --host H                  address to bind (default 127.0.0.1)
  --markets N               number of generated markets (default 5)
  --rate N                  synthetic order-flow messages per second (default 10)
  --seed N                  seed for markets, flow and fault rolls (default 1)
  --key-id ID --public-key FILE
                            register an API key (repeat the pair for more keys); with none, a
                            development key pair is generated into .dev-keys/ and printed
  --dev-keys-dir DIR        where the development key pair lives (default .dev-keys)
  --heartbeat-ms N          WS ping interval (default 10000)
  --no-flow                 start with the order flow paused
  --history-limit N         orders, and fills, kept per API user for REST reads (default 100000);
                            past it the oldest finished orders and oldest fills are evicted (resting
                            orders always stay; balances and positions never change). The synthetic
                            flow's finished orders and fills are not kept at all
  --strict-signatures       accept only RSA-PSS salt length 32 (Kalshi's documented value)
  --time-scale N            simulated time runs N times faster for closes, settlements and series
                            rolls (default 1; 60 makes an hourly event last a minute). Timestamps stay
                            wall-clock time
  --no-series               no rolling series, only the long-dated generated markets
  --no-auto-settle          closed markets wait for POST /sim/markets/TICKER/settle
  --settled-market-limit N  settled markets kept for REST reads (default 1000); the oldest, with
                            their flat position rows, are released past it (settlements stay in
                            each API user's history)
Faults (all also settable at run time with POST /sim/faults):
  --seq-skip-rate P         drop a sequenced frame with probability P (the client sees a gap)
  --duplicate-rate P        send a frame twice
  --malformed-rate P        replace a frame with a malformed one
  --reorder-rate P          swap a sequenced frame with the next one of its subscription
  --private-delay-ms N      hold fill/user_order/market_position frames back N ms
  --private-reorder         send user_order before the fill that caused it
  --rest-error-rate P       answer REST with 5xx with probability P
  --rest-error-mode M       before (nothing happens) or after (the engine acts, the answer is lost)
  --latency-ms N            delay every REST answer
  --refuse-upgrade STATUS   refuse WS upgrades with this HTTP status
`;

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  let config: CliConfig;
  let keys: NonNullable<SimulatorOptions['keys']>;
  try {
    config = parseCliArgs(argv);
    keys = loadKeys(config);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`kalshi-sim: ${err.message}\n`);
    process.exit(2);
  }
  // Loaded only after the flags are good, so a typo fails fast instead of after loading the whole simulator.
  const { startSimulator } = await import('./server');
  const sim = await startSimulator({ ...config.options, keys });
  process.stdout.write(`kalshi-sim listening on ${sim.url} (REST ${sim.restUrl}, WS ${sim.wsUrl})\n`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(
      `kalshi-sim: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
}
