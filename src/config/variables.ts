// The one table of configuration variables: schema, default, flag and meaning. Docs and --help render it.
import { z } from 'zod';
import * as v from './value-parsers';

export interface VariableSpec {
  readonly schema: z.ZodType;
  /** Raw default, parsed by `schema` like any other value. Absent: the variable is optional. */
  readonly default?: string;
  /** What the docs say when there is no raw default. */
  readonly unsetMeans?: string;
  /** CLI flag that overrides the variable, with its argument name. */
  readonly flag?: { readonly name: string; readonly arg: string };
  /** Never echo the value in an error message. */
  readonly secret?: boolean;
  readonly doc: string;
}

const MARKETS_FLAG = { name: '--markets', arg: 'LIST|N|DISCOVERY' } as const;

export const VARIABLES = {
  KALSHI_ENV: {
    schema: v.oneOf(v.KALSHI_ENV_NAMES).optional(),
    unsetMeans: 'unset',
    doc: 'Kalshi environment; fills KALSHI_API_URL and KALSHI_WS_URL when they are unset',
  },
  KALSHI_API_URL: {
    schema: v.url(['http', 'https']).optional(),
    unsetMeans: 'from KALSHI_ENV',
    doc: 'REST base URL including `/trade-api/v2`; setting it selects exchange mode and requires credentials',
  },
  KALSHI_WS_URL: {
    schema: v.url(['ws', 'wss']).optional(),
    unsetMeans: 'from KALSHI_ENV',
    doc: 'WebSocket URL including `/trade-api/ws/v2`; setting it selects exchange mode and requires credentials',
  },
  KALSHI_API_KEY_ID: {
    schema: v.keyId().optional(),
    unsetMeans: 'unset',
    secret: true,
    doc: 'API key id; with no credentials and no URLs the daemon runs against the embedded simulator',
  },
  KALSHI_PRIVATE_KEY_CONTENT: {
    schema: v.privateKeyPem().optional(),
    unsetMeans: 'unset',
    secret: true,
    doc: 'Private key PEM text; one-line values with literal `\\n` escapes are accepted',
  },
  KALSHI_PRIVATE_KEY_PATH: {
    schema: v.text('a file path').optional(),
    unsetMeans: 'unset',
    doc: 'File holding the private key PEM, instead of KALSHI_PRIVATE_KEY_CONTENT (set one, not both)',
  },
  V3_MARKET_TICKERS: {
    schema: v.tickers(),
    default: v.DISCOVERY,
    flag: MARKETS_FLAG,
    doc: 'Markets to trade: discovery, or exactly these tickers; `--markets N` means discovery of N markets',
  },
  V3_MAX_MARKETS: {
    schema: v.integer(1, 10_000),
    default: '10',
    flag: MARKETS_FLAG,
    doc: 'Markets to pick in discovery, and the cap on an explicit ticker list',
  },
  V3_MAX_ORDERS: { schema: v.integer(0, 10_000), default: '10', doc: 'Risk: most open orders at once' },
  V3_MAX_POSITION_SIZE: {
    schema: v.contractsAsCenti(1_000_000),
    default: '100',
    doc: 'Risk: largest position per market, in contracts',
  },
  V3_MAX_NOTIONAL_DOLLARS: {
    schema: v.dollarsAsMicros(1_000_000),
    default: '100.00',
    doc: 'Risk: largest total cost of resting orders, in dollars (parsed exactly)',
  },
  V3_MAX_DAILY_LOSS_DOLLARS: {
    schema: v.dollarsAsMicros(1_000_000),
    default: '50.00',
    doc: 'Risk: loss in dollars after which trading stops for the day',
  },
  V3_CANCEL_ON_SHUTDOWN: {
    schema: v.boolean(),
    default: 'false',
    doc: 'Cancel resting orders on shutdown',
  },
  V3_STRATEGY: {
    schema: v.text('hold, market_maker, or a path to a strategy module'),
    default: 'hold',
    flag: { name: '--strategy', arg: 'NAME|PATH' },
    doc: 'Strategy: `hold` (never trades), `market_maker`, or the path of a module exporting a Strategy (see examples/)',
  },
  V3_STRATEGY_PARAMS: {
    schema: v.jsonObject(),
    default: '{}',
    doc: "The strategy's parameters as a JSON object, checked against the strategy (--help lists each one's)",
  },
  V3_INTENT_MAX_AGE_MS: {
    schema: v.integer(10, 600_000),
    default: '1000',
    doc: "Milliseconds after which a strategy's place or amend still waiting its turn is dropped, never sent (cancels always go)",
  },
  V3_SYNC_INTERVAL_SECONDS: {
    schema: v.secondsAsMs(1_000, 3_600_000),
    default: '30',
    doc: 'Seconds between REST reconciliations of positions, orders and balance',
  },
  V3_DISCOVERY_INTERVAL_SECONDS: {
    schema: v.secondsAsMs(1_000, 86_400_000),
    default: '300',
    doc: 'Seconds between re-runs of DISCOVERY, which replace closed markets in place (also run as soon as a market closes)',
  },
  V3_HEALTH_CHECK_INTERVAL: {
    schema: v.secondsAsMs(100, 3_600_000),
    default: '5',
    doc: 'Seconds between health reports',
  },
  V3_ORDERBOOK_CONNECT_TIMEOUT_SECONDS: {
    schema: v.secondsAsMs(100, 600_000),
    default: '30',
    doc: 'Seconds start-up waits for the orderbook feed to connect (with the first-snapshot budget: one wait before going on degraded)',
  },
  V3_FIRST_SNAPSHOT_TIMEOUT_SECONDS: {
    schema: v.secondsAsMs(100, 600_000),
    default: '10',
    doc: 'Seconds added to the start-up wait for the first orderbook snapshots after connecting',
  },
  V3_STALE_MARKET_SECONDS: {
    schema: v.secondsAsMs(1_000, 86_400_000),
    default: '60',
    doc: 'Seconds without book updates after which a market counts as stale',
  },
  V3_BOOK_AUDIT_INTERVAL_SECONDS: {
    schema: v.secondsAsMsOrOff(1_000, 86_400_000),
    default: '60',
    doc: 'Seconds between REST audits of the books against the exchange (0: off)',
  },
  V3_BOOK_PUBLISH_INTERVAL_MS: {
    schema: v.integer(0, 60_000),
    default: '100',
    doc: 'Milliseconds between coalesced book updates per market (0: every change); at most half of V3_STALE_MARKET_SECONDS',
  },
  V3_HOST: {
    schema: v.host(),
    default: '127.0.0.1',
    flag: { name: '--host', arg: 'H' },
    doc: 'Address the HTTP/WebSocket server binds',
  },
  V3_PORT: {
    schema: v.integer(0, 65_535),
    default: '8005',
    flag: { name: '--port', arg: 'N' },
    doc: 'Port of the HTTP/WebSocket server (0: a free port)',
  },
  V3_CONTROL_TOKEN: {
    schema: v.controlToken().optional(),
    unsetMeans: 'random, printed once',
    secret: true,
    doc: 'Token required for control commands (kill switch, cancel-all, manual orders); must be set when V3_HOST is not loopback',
  },
  V3_ALLOWED_ORIGINS: {
    schema: v.origins(),
    default: '',
    doc: 'Comma-separated browser origins allowed besides the daemon itself (e.g. `http://localhost:3000`)',
  },
  V3_MAX_WS_CLIENTS: {
    schema: v.integer(1, 10_000),
    default: '64',
    doc: 'Most /v3/ws clients at once (abandoned ones make room for a newcomer; past it upgrades get 503)',
  },
  V3_ALLOWED_HOSTS: {
    schema: v.hostNames(),
    default: '',
    doc: 'Comma-separated Host names the server answers besides loopback and V3_HOST (`.example.com`: with subdomains); any other Host gets 403',
  },
  V3_LOG_LEVEL: {
    schema: v.oneOf(v.LOG_LEVELS),
    default: 'info',
    flag: { name: '--log-level', arg: 'L' },
    doc: 'Least severe log level written',
  },
  V3_SIM_MARKETS: {
    schema: v.integer(1, 10_000),
    default: '20',
    flag: { name: '--sim-markets', arg: 'N' },
    doc: 'Simulator: number of generated markets',
  },
  V3_SIM_RATE: {
    schema: v.integer(0, 1_000_000),
    default: '200',
    flag: { name: '--sim-rate', arg: 'N' },
    doc: 'Simulator: order-flow messages per second across all markets',
  },
  V3_SIM_TIME_SCALE: {
    schema: v.integer(1, 100_000),
    default: '1',
    flag: { name: '--sim-time-scale', arg: 'N' },
    doc: 'Simulator: its time runs N times faster for closes, settlements and series rolls (60: an hourly market lasts a minute)',
  },
  V3_SIM_PORT: { schema: v.integer(0, 65_535), default: '0', doc: 'Simulator: port (0: a free port)' },
  V3_DATA_DIR: {
    schema: v.text('a directory path'),
    default: '.data',
    doc: 'Directory of the SQLite database (`kalshi-trader.sqlite`), created if missing',
  },
  V3_DAEMON_ID: {
    schema: v
      .text('a name (letters, digits, . _ -)')
      .pipe(z.string().regex(/^[\w.-]{1,64}$/, 'expected 1 to 64 of letters, digits, . _ -')),
    default: 'kalshi-trader',
    doc: 'Names this daemon in storage: history continues under it across restarts; daemons sharing one database need distinct names',
  },
  V3_DATABASE_URL: {
    schema: v.databaseUrl().optional(),
    unsetMeans: 'SQLite in V3_DATA_DIR',
    secret: true,
    doc: 'PostgreSQL URL (`postgres://user:password@host:5432/db`): history in PostgreSQL instead, shareable by several daemons',
  },
  V3_RECORD: {
    schema: v.text('a file path').optional(),
    unsetMeans: 'no recording',
    flag: { name: '--record', arg: 'FILE' },
    doc: 'Record the session to this NDJSON file (gzip when it ends in `.gz`) for `npm run replay`',
  },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof VARIABLES;
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];

type Shape = { [K in VariableName]: (typeof VARIABLES)[K]['schema'] };

/** All variables as one zod object over raw strings: one parse, issues keyed by variable name. */
export const ENV_SCHEMA = z.object(
  Object.fromEntries(VARIABLE_NAMES.map((name) => [name, VARIABLES[name].schema])) as Shape,
);

export type ParsedVariables = z.output<typeof ENV_SCHEMA>;
