// Parses the environment and CLI flags once into a frozen Config, or throws one ConfigError line.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_STRATEGIES, isBuiltinStrategy } from '../strategies/strategy-params';
import { VERSION } from '../version';
import { EXPOSED_WITHOUT_TOKEN, isLoopbackBind } from './bind-exposure';
import { parseCliFlags, type RawValue } from './cli-flags';
import type { Config, StrategyConfig } from './config-types';
import { ConfigError, ConfigHelpRequested, quoteValue } from './errors';
import { type ReadFile, resolveExchange } from './exchange-mode';
import { attachRedactingToJson } from './format-config';
import { renderUsage } from './usage';
import { ENV_SCHEMA, type ParsedVariables, VARIABLE_NAMES, VARIABLES, type VariableName } from './variables';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigDeps {
  /** Reads KALSHI_PRIVATE_KEY_PATH: the only I/O loadConfig does. */
  readonly readFile?: ReadFile;
  /** Hex string of `bytes` random bytes, for the generated control token. */
  readonly randomHex?: (bytes: number) => string;
}

const defaultReadFile: ReadFile = (path) => readFileSync(path, 'utf8');
const defaultRandomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * `env` is usually process.env and `argv` process.argv.slice(2). Flags win over variables, variables
 * over defaults; an empty variable counts as unset (as `FOO=` lines in env files mean).
 * Throws ConfigError (exit 2) or ConfigHelpRequested (`--help`, `--version`: exit 0); see exitOnConfigError.
 */
export function loadConfig(env: Env, argv: readonly string[], deps: LoadConfigDeps = {}): Config {
  const flags = parseCliFlags(argv);
  if (flags.help) throw new ConfigHelpRequested(renderUsage());
  if (flags.version) throw new ConfigHelpRequested(`kalshi-trader ${VERSION}`);

  const raw = new Map<VariableName, RawValue>();
  for (const name of VARIABLE_NAMES) {
    const spec = VARIABLES[name] as { default?: string };
    const fromEnv = env[name];
    const picked =
      flags.overrides.get(name) ??
      (fromEnv !== undefined && fromEnv.trim() !== '' ? { value: fromEnv, source: name } : undefined) ??
      (spec.default !== undefined ? { value: spec.default, source: name } : undefined);
    if (picked) raw.set(name, picked);
  }

  const p = parseVariables(raw);
  const exchange = resolveExchange(p, deps.readFile ?? defaultReadFile);
  checkCrossFields(p, raw);

  const config: Config = {
    exchange,
    markets: { tickers: p.V3_MARKET_TICKERS, maxMarkets: p.V3_MAX_MARKETS },
    risk: {
      maxOpenOrders: p.V3_MAX_ORDERS,
      maxPositionPerMarket: p.V3_MAX_POSITION_SIZE,
      maxNotional: p.V3_MAX_NOTIONAL_DOLLARS,
      maxDailyLoss: p.V3_MAX_DAILY_LOSS_DOLLARS,
      cancelOnShutdown: p.V3_CANCEL_ON_SHUTDOWN,
    },
    strategy: resolveStrategy(p, raw),
    timing: {
      syncIntervalMs: p.V3_SYNC_INTERVAL_SECONDS,
      healthCheckIntervalMs: p.V3_HEALTH_CHECK_INTERVAL,
      orderbookConnectTimeoutMs: p.V3_ORDERBOOK_CONNECT_TIMEOUT_SECONDS,
      firstSnapshotTimeoutMs: p.V3_FIRST_SNAPSHOT_TIMEOUT_SECONDS,
      staleMarketMs: p.V3_STALE_MARKET_SECONDS,
      bookAuditIntervalMs: p.V3_BOOK_AUDIT_INTERVAL_SECONDS,
      bookPublishIntervalMs: p.V3_BOOK_PUBLISH_INTERVAL_MS,
      discoveryIntervalMs: p.V3_DISCOVERY_INTERVAL_SECONDS,
    },
    server: {
      host: p.V3_HOST,
      port: p.V3_PORT,
      controlToken:
        p.V3_CONTROL_TOKEN !== undefined
          ? { value: p.V3_CONTROL_TOKEN, generated: false }
          : { value: (deps.randomHex ?? defaultRandomHex)(16), generated: true },
      allowedOrigins: p.V3_ALLOWED_ORIGINS,
      maxWsClients: p.V3_MAX_WS_CLIENTS,
      allowedHosts: p.V3_ALLOWED_HOSTS,
    },
    log: { level: p.V3_LOG_LEVEL },
    sim: {
      markets: p.V3_SIM_MARKETS,
      rate: p.V3_SIM_RATE,
      port: p.V3_SIM_PORT,
      timeScale: p.V3_SIM_TIME_SCALE,
    },
    storage: {
      dataDir: p.V3_DATA_DIR,
      daemonId: p.V3_DAEMON_ID,
      ...(p.V3_DATABASE_URL !== undefined ? { databaseUrl: p.V3_DATABASE_URL } : {}),
    },
    ...(p.V3_RECORD !== undefined ? { record: p.V3_RECORD } : {}),
  };
  attachRedactingToJson(config);
  return deepFreeze(config);
}

/** One zod parse over every variable; the first issue (in table order) becomes the error line. */
function parseVariables(raw: ReadonlyMap<VariableName, RawValue>): ParsedVariables {
  const input = Object.fromEntries([...raw].map(([name, { value }]) => [name, value]));
  const result = ENV_SCHEMA.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path[0] as VariableName;
  const given = raw.get(name);
  const secret = (VARIABLES[name] as { secret?: boolean }).secret === true;
  const got = given && !secret ? `, got ${quoteValue(given.value)}` : '';
  throw new ConfigError(given?.source ?? name, `${issue?.message ?? 'invalid value'}${got}`);
}

function checkCrossFields(p: ParsedVariables, raw: ReadonlyMap<VariableName, RawValue>): void {
  const tickers = p.V3_MARKET_TICKERS;
  if (tickers !== 'DISCOVERY' && tickers.length > p.V3_MAX_MARKETS) {
    throw new ConfigError(
      raw.get('V3_MARKET_TICKERS')?.source ?? 'V3_MARKET_TICKERS',
      `lists ${tickers.length} tickers but V3_MAX_MARKETS is ${p.V3_MAX_MARKETS}`,
    );
  }
  if (p.V3_CONTROL_TOKEN === undefined && !isLoopbackBind(p.V3_HOST)) {
    throw new ConfigError(raw.get('V3_HOST')?.source ?? 'V3_HOST', `${p.V3_HOST} ${EXPOSED_WITHOUT_TOKEN}`);
  }
  // A market's last-message time is stamped once per publication (book-store.ts), so it can be a
  // publish interval old: an interval near the stale time would call busy markets silent.
  if (p.V3_BOOK_PUBLISH_INTERVAL_MS * 2 > p.V3_STALE_MARKET_SECONDS) {
    throw new ConfigError(
      raw.get('V3_BOOK_PUBLISH_INTERVAL_MS')?.source ?? 'V3_BOOK_PUBLISH_INTERVAL_MS',
      `must be at most half of V3_STALE_MARKET_SECONDS (${p.V3_STALE_MARKET_SECONDS / 1000} s), got ${p.V3_BOOK_PUBLISH_INTERVAL_MS} ms`,
    );
  }
  if (p.V3_SIM_PORT !== 0 && p.V3_SIM_PORT === p.V3_PORT) {
    throw new ConfigError('V3_SIM_PORT', `must differ from the server port ${p.V3_PORT}`);
  }
}

/** Looks like a file: a module strategy rather than a misspelt built-in name. */
const MODULE_PATH = /[\\/]|\.[cm]?[jt]s$/;

/** A built-in with its parameters checked (defaults filled in), or a module's path. */
function resolveStrategy(p: ParsedVariables, raw: ReadonlyMap<VariableName, RawValue>): StrategyConfig {
  const name = p.V3_STRATEGY;
  const maxIntentAgeMs = p.V3_INTENT_MAX_AGE_MS;
  if (isBuiltinStrategy(name)) {
    const parsed = BUILTIN_STRATEGIES[name].schema.safeParse(p.V3_STRATEGY_PARAMS);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const what =
        issue?.code === 'unrecognized_keys'
          ? `${issue.keys.join(', ')}: not a parameter`
          : `${issue?.path.join('.') || '(object)'}: ${issue?.message ?? 'invalid'}`;
      throw new ConfigError('V3_STRATEGY_PARAMS', `${what} of strategy ${name}`);
    }
    return { kind: 'builtin', name, params: parsed.data, maxIntentAgeMs };
  }
  if (!MODULE_PATH.test(name)) {
    const known = Object.keys(BUILTIN_STRATEGIES).join(', ');
    throw new ConfigError(
      raw.get('V3_STRATEGY')?.source ?? 'V3_STRATEGY',
      `unknown strategy ${JSON.stringify(clip(name))}: expected ${known}, or a path to a strategy module`,
    );
  }
  return { kind: 'module', name, path: resolve(name), params: p.V3_STRATEGY_PARAMS, maxIntentAgeMs };
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
