// The typed, frozen configuration the daemon runs with. Units are exact: ms, ticks, centi, micro-dollars.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export type KalshiEnvName = 'demo' | 'prod';
/** `simulator`: no credentials and no URLs, the embedded exchange. `exchange`: a real Kalshi host. */
export type ExchangeMode = 'simulator' | 'exchange';

export interface ExchangeConfig {
  readonly mode: ExchangeMode;
  /** Set when KALSHI_ENV named the environment (it may still have been overridden per URL). */
  readonly env?: KalshiEnvName;
  /** REST base including `/trade-api/v2`, no trailing slash. Exchange mode only. */
  readonly apiUrl?: string;
  /** WebSocket URL including `/trade-api/ws/v2`. Exchange mode only. */
  readonly wsUrl?: string;
  readonly keyId?: string;
  /** PEM text with real newlines (`\n` escapes already undone), validated as an RSA private key. */
  readonly privateKeyPem?: string;
}

export interface MarketsConfig {
  /** `'DISCOVERY'`: pick up to maxMarkets open markets; otherwise exactly these tickers. */
  readonly tickers: 'DISCOVERY' | readonly string[];
  readonly maxMarkets: number;
}

export interface RiskConfig {
  readonly maxOpenOrders: number;
  /** Per market, centi-contracts (100 = one contract). */
  readonly maxPositionPerMarket: number;
  /** Micro-dollars. */
  readonly maxNotional: number;
  /** Micro-dollars. */
  readonly maxDailyLoss: number;
  /** Cancel resting orders on SIGINT/SIGTERM. Off by default: a restart should not drop quotes. */
  readonly cancelOnShutdown: boolean;
}

export interface StrategyConfig {
  /** `builtin`: one of the daemon's strategies; `module`: a file exporting a Strategy. */
  readonly kind: 'builtin' | 'module';
  /** The built-in strategy's name, or the module's path as given. */
  readonly name: string;
  /** The module's absolute path (module only). */
  readonly path?: string;
  /** A built-in's parameters checked and completed with defaults; a module's as given (it checks them). */
  readonly params: Readonly<Record<string, unknown>>;
  /** A place or amend older than this when its turn comes is dropped. */
  readonly maxIntentAgeMs: number;
}

export interface TimingConfig {
  readonly syncIntervalMs: number;
  readonly healthCheckIntervalMs: number;
  readonly orderbookConnectTimeoutMs: number;
  readonly firstSnapshotTimeoutMs: number;
  readonly staleMarketMs: number;
  /** 0: the REST book audit is off. */
  readonly bookAuditIntervalMs: number;
  readonly bookPublishIntervalMs: number;
  /** DISCOVERY runs again this often (and as soon as a market closes). */
  readonly discoveryIntervalMs: number;
}

export interface ControlTokenConfig {
  readonly value: string;
  /** True when V3_CONTROL_TOKEN was unset and a random token was made: main prints it once. */
  readonly generated: boolean;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly controlToken: ControlTokenConfig;
  /** Exact origins (`scheme://host[:port]`) allowed on the WebSocket and the console. */
  readonly allowedOrigins: readonly string[];
  /** Most /v3/ws clients at once. */
  readonly maxWsClients: number;
  /** Host names (normalised, no port; `.example.com` with subdomains) served besides loopback and `host`. */
  readonly allowedHosts: readonly string[];
}

export interface SimConfig {
  readonly markets: number;
  /** Order-flow messages per second, across all markets. */
  readonly rate: number;
  /** 0 picks a free port. */
  readonly port: number;
  /** Simulated time runs this many times faster for closes, settlements and series rolls. */
  readonly timeScale: number;
}

export interface StorageConfig {
  /** Holds the SQLite database; created if missing. */
  readonly dataDir: string;
  /** Names this daemon's sessions and history in storage (V3_DAEMON_ID). */
  readonly daemonId: string;
  /** Set: history goes to this PostgreSQL database instead. Secret (it may carry a password). */
  readonly databaseUrl?: string;
}

export interface Config {
  readonly exchange: ExchangeConfig;
  readonly markets: MarketsConfig;
  readonly risk: RiskConfig;
  readonly strategy: StrategyConfig;
  readonly timing: TimingConfig;
  readonly server: ServerConfig;
  readonly log: { readonly level: LogLevel };
  readonly sim: SimConfig;
  readonly storage: StorageConfig;
  /** V3_RECORD: the session's exchange traffic and transitions go to this file. */
  readonly record?: string;
}
