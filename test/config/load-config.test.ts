import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config';
import { ConfigError, formatConfigForLog, loadConfig, VARIABLES } from '../../src/config';

const load = (env: Record<string, string | undefined> = {}, argv: string[] = []): Config =>
  loadConfig(env, argv, { randomHex: (bytes) => 'ab'.repeat(bytes) });

function errorOf(env: Record<string, string | undefined>, argv: string[] = []): ConfigError {
  try {
    load(env, argv);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** The message for a key file that does not exist (the real readFile would say ENOENT). */
function loadConfigError(env: Record<string, string>): string {
  try {
    loadConfig(env, [], {
      readFile: () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('gives the documented defaults in exact units', () => {
    const c = load();
    expect(c.exchange).toEqual({ mode: 'simulator' });
    expect(c.markets).toEqual({ tickers: 'DISCOVERY', maxMarkets: 10 });
    expect(c.risk).toEqual({
      maxOpenOrders: 10,
      maxPositionPerMarket: 10_000,
      maxNotional: 100_000_000,
      maxDailyLoss: 50_000_000,
      cancelOnShutdown: false,
    });
    expect(c.timing).toEqual({
      syncIntervalMs: 30_000,
      healthCheckIntervalMs: 5_000,
      orderbookConnectTimeoutMs: 30_000,
      firstSnapshotTimeoutMs: 10_000,
      staleMarketMs: 60_000,
      bookAuditIntervalMs: 60_000,
      bookPublishIntervalMs: 100,
      discoveryIntervalMs: 300_000,
    });
    expect(c.server).toEqual({
      host: '127.0.0.1',
      port: 8005,
      controlToken: { value: 'ab'.repeat(16), generated: true },
      allowedOrigins: [],
      maxWsClients: 64,
      allowedHosts: [],
    });
    expect(c.log).toEqual({ level: 'info' });
    expect(c.sim).toEqual({ markets: 20, rate: 200, port: 0, timeScale: 1 });
    expect(c.storage).toEqual({ dataDir: '.data', daemonId: 'kalshi-trader' });
  });

  it('generates a 32-hex-character control token by default', () => {
    const { controlToken } = loadConfig({}, []).server;
    expect(controlToken.generated).toBe(true);
    expect(controlToken.value).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses a given control token as is', () => {
    const token = 'my-control-token-123';
    expect(load({ V3_CONTROL_TOKEN: token }).server.controlToken).toEqual({ value: token, generated: false });
  });

  it('treats an empty variable as unset', () => {
    expect(load({ V3_PORT: '', V3_LOG_LEVEL: '  ' }).server.port).toBe(8005);
  });

  it('returns a deeply frozen object', () => {
    const c = load({ V3_MARKET_TICKERS: 'A,B' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.server.controlToken)).toBe(true);
    expect(Object.isFrozen(c.markets.tickers)).toBe(true);
    expect(() => {
      (c.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('parses every default through its own schema', () => {
    for (const [name, spec] of Object.entries(VARIABLES)) {
      const def = (spec as { default?: string }).default;
      if (def !== undefined) expect(spec.schema.safeParse(def).success, name).toBe(true);
    }
  });
});

type Case = [variable: string, raw: string, pick: (c: Config) => unknown, expected: unknown];

const good: Case[] = [
  ['V3_MARKET_TICKERS', 'discovery', (c) => c.markets.tickers, 'DISCOVERY'],
  [
    'V3_MARKET_TICKERS',
    ' KXBTC-25JAN01-T99.5 , KXETH ,KXBTC-25JAN01-T99.5,',
    (c) => c.markets.tickers,
    ['KXBTC-25JAN01-T99.5', 'KXETH'],
  ],
  ['V3_MAX_MARKETS', '1000', (c) => c.markets.maxMarkets, 1000],
  ['V3_MAX_ORDERS', '0', (c) => c.risk.maxOpenOrders, 0],
  ['V3_MAX_POSITION_SIZE', '12.5', (c) => c.risk.maxPositionPerMarket, 1250],
  ['V3_MAX_NOTIONAL_DOLLARS', '0.10', (c) => c.risk.maxNotional, 100_000],
  ['V3_MAX_NOTIONAL_DOLLARS', '250.123456', (c) => c.risk.maxNotional, 250_123_456],
  ['V3_MAX_DAILY_LOSS_DOLLARS', '7', (c) => c.risk.maxDailyLoss, 7_000_000],
  ['V3_CANCEL_ON_SHUTDOWN', 'TRUE', (c) => c.risk.cancelOnShutdown, true],
  ['V3_CANCEL_ON_SHUTDOWN', '1', (c) => c.risk.cancelOnShutdown, true],
  ['V3_CANCEL_ON_SHUTDOWN', '0', (c) => c.risk.cancelOnShutdown, false],
  ['V3_STRATEGY', 'market_maker', (c) => c.strategy.name, 'market_maker'],
  ['V3_STRATEGY_PARAMS', '{}', (c) => c.strategy.params, {}],
  ['V3_INTENT_MAX_AGE_MS', '250', (c) => c.strategy.maxIntentAgeMs, 250],
  ['V3_SYNC_INTERVAL_SECONDS', '2.5', (c) => c.timing.syncIntervalMs, 2_500],
  ['V3_HEALTH_CHECK_INTERVAL', '0.25', (c) => c.timing.healthCheckIntervalMs, 250],
  ['V3_ORDERBOOK_CONNECT_TIMEOUT_SECONDS', '45', (c) => c.timing.orderbookConnectTimeoutMs, 45_000],
  ['V3_FIRST_SNAPSHOT_TIMEOUT_SECONDS', '3', (c) => c.timing.firstSnapshotTimeoutMs, 3_000],
  ['V3_STALE_MARKET_SECONDS', '120', (c) => c.timing.staleMarketMs, 120_000],
  ['V3_BOOK_AUDIT_INTERVAL_SECONDS', '5', (c) => c.timing.bookAuditIntervalMs, 5_000],
  ['V3_BOOK_AUDIT_INTERVAL_SECONDS', '0', (c) => c.timing.bookAuditIntervalMs, 0],
  ['V3_DISCOVERY_INTERVAL_SECONDS', '2.5', (c) => c.timing.discoveryIntervalMs, 2_500],
  ['V3_BOOK_PUBLISH_INTERVAL_MS', '0', (c) => c.timing.bookPublishIntervalMs, 0],
  ['V3_HOST', '127.0.0.2', (c) => c.server.host, '127.0.0.2'],
  ['V3_HOST', 'localhost', (c) => c.server.host, 'localhost'],
  ['V3_HOST', '::1', (c) => c.server.host, '::1'],
  ['V3_PORT', '0', (c) => c.server.port, 0],
  ['V3_PORT', ' 65535 ', (c) => c.server.port, 65_535],
  ['V3_LOG_LEVEL', 'DEBUG', (c) => c.log.level, 'debug'],
  ['V3_LOG_LEVEL', 'silent', (c) => c.log.level, 'silent'],
  [
    'V3_ALLOWED_ORIGINS',
    'http://localhost:3000, https://app.example.com',
    (c) => c.server.allowedOrigins,
    ['http://localhost:3000', 'https://app.example.com'],
  ],
  ['V3_MAX_MARKETS', '10000', (c) => c.markets.maxMarkets, 10_000],
  ['V3_MAX_WS_CLIENTS', '1000', (c) => c.server.maxWsClients, 1_000],
  [
    'V3_ALLOWED_HOSTS',
    ' Trader.LAN , .Example.com,::1, [fe80::1],10.0.0.7,trader.lan.',
    (c) => c.server.allowedHosts,
    ['trader.lan', '.example.com', '[::1]', '[fe80::1]', '10.0.0.7'],
  ],
  ['V3_SIM_MARKETS', '5', (c) => c.sim.markets, 5],
  ['V3_SIM_MARKETS', '10000', (c) => c.sim.markets, 10_000],
  ['V3_SIM_RATE', '0', (c) => c.sim.rate, 0],
  ['V3_SIM_PORT', '9100', (c) => c.sim.port, 9100],
  ['V3_SIM_TIME_SCALE', '60', (c) => c.sim.timeScale, 60],
  ['V3_DATA_DIR', '/var/lib/kalshi trader', (c) => c.storage.dataDir, '/var/lib/kalshi trader'],
  ['V3_RECORD', 'rec/session 1.ndjson.gz', (c) => c.record, 'rec/session 1.ndjson.gz'],
  ['V3_DAEMON_ID', 'desk-2', (c) => c.storage.daemonId, 'desk-2'],
];

const bad: [variable: string, raw: string, expected: string][] = [
  ['V3_MARKET_TICKERS', 'KXBTC,bad ticker', 'expected DISCOVERY or a comma-separated list of market tickers'],
  ['V3_MARKET_TICKERS', ',,', 'expected DISCOVERY or a comma-separated list of market tickers'],
  ['V3_MAX_MARKETS', '0', 'expected an integer from 1 to 10000'],
  ['V3_MAX_MARKETS', '10001', 'expected an integer from 1 to 10000'],
  ['V3_MAX_WS_CLIENTS', '0', 'expected an integer from 1 to 10000'],
  ['V3_MAX_ORDERS', '-1', 'expected an integer from 0 to 10000'],
  ['V3_MAX_ORDERS', '2.5', 'expected an integer from 0 to 10000'],
  ['V3_MAX_POSITION_SIZE', '0', 'expected contracts from 0.01 to 1000000 with at most 2 decimals'],
  ['V3_MAX_POSITION_SIZE', '1.005', 'expected contracts from 0.01 to 1000000 with at most 2 decimals'],
  ['V3_MAX_NOTIONAL_DOLLARS', '$100', 'expected dollars from 0 to 1000000 with at most 6 decimals'],
  ['V3_MAX_NOTIONAL_DOLLARS', '0.0000001', 'expected dollars from 0 to 1000000 with at most 6 decimals'],
  ['V3_MAX_DAILY_LOSS_DOLLARS', '-5', 'expected dollars from 0 to 1000000 with at most 6 decimals'],
  ['V3_MAX_DAILY_LOSS_DOLLARS', '1e3', 'expected dollars from 0 to 1000000 with at most 6 decimals'],
  ['V3_CANCEL_ON_SHUTDOWN', 'yes', 'expected true, false, 1 or 0'],
  ['V3_STRATEGY', 'a\u0007b', 'expected hold, market_maker, or a path to a strategy module'],
  ['V3_STRATEGY_PARAMS', '{"size": 2', 'expected a JSON object'],
  ['V3_STRATEGY_PARAMS', '[1, 2]', 'expected a JSON object'],
  ['V3_INTENT_MAX_AGE_MS', '5', 'expected an integer from 10 to 600000'],
  ['V3_SYNC_INTERVAL_SECONDS', '0.5', 'expected seconds from 1 to 3600 with at most 3 decimals'],
  ['V3_SYNC_INTERVAL_SECONDS', '30s', 'expected seconds from 1 to 3600 with at most 3 decimals'],
  ['V3_HEALTH_CHECK_INTERVAL', '0.0001', 'expected seconds from 0.1 to 3600 with at most 3 decimals'],
  ['V3_ORDERBOOK_CONNECT_TIMEOUT_SECONDS', '601', 'expected seconds from 0.1 to 600 with at most 3 decimals'],
  ['V3_FIRST_SNAPSHOT_TIMEOUT_SECONDS', 'ten', 'expected seconds from 0.1 to 600 with at most 3 decimals'],
  ['V3_STALE_MARKET_SECONDS', '0', 'expected seconds from 1 to 86400 with at most 3 decimals'],
  [
    'V3_BOOK_AUDIT_INTERVAL_SECONDS',
    '0.5',
    'expected 0 (off) or seconds from 1 to 86400 with at most 3 decimals',
  ],
  ['V3_BOOK_PUBLISH_INTERVAL_MS', '60001', 'expected an integer from 0 to 60000'],
  ['V3_HOST', 'local host', 'expected a host name or IP address'],
  ['V3_HOST', 'http://x', 'expected a host name or IP address'],
  ['V3_PORT', 'abc', 'expected an integer from 0 to 65535'],
  ['V3_PORT', '65536', 'expected an integer from 0 to 65535'],
  ['V3_LOG_LEVEL', 'verbose', 'expected one of trace, debug, info, warn, error, fatal, silent'],
  [
    'V3_ALLOWED_ORIGINS',
    'http://localhost:3000/',
    'expected a comma-separated list of origins like http://localhost:3000',
  ],
  ['V3_ALLOWED_ORIGINS', '*', 'expected a comma-separated list of origins like http://localhost:3000'],
  [
    'V3_ALLOWED_ORIGINS',
    'ftp://x.com',
    'expected a comma-separated list of origins like http://localhost:3000',
  ],
  ...['trader.lan:8005', 'http://trader.lan', '*', 'a b', 'evil.com@127.0.0.1', '.10.0.0.1', '[::1]:80'].map(
    (raw): [string, string, string] => [
      'V3_ALLOWED_HOSTS',
      raw,
      'expected a comma-separated list of host names or addresses without port, like trader.lan or .example.com',
    ],
  ),
  ['V3_SIM_MARKETS', '0', 'expected an integer from 1 to 10000'],
  ['V3_SIM_RATE', '1000001', 'expected an integer from 0 to 1000000'],
  ['V3_SIM_TIME_SCALE', '0', 'expected an integer from 1 to 100000'],
  ['V3_DISCOVERY_INTERVAL_SECONDS', '0', 'expected seconds from 1 to 86400 with at most 3 decimals'],
  ['V3_SIM_PORT', '-1', 'expected an integer from 0 to 65535'],
  ['V3_DATA_DIR', 'a\u0007b', 'expected a directory path'],
  ['V3_RECORD', 'a\u0007b', 'expected a file path'],
  ['V3_DAEMON_ID', 'two words', 'expected 1 to 64 of letters, digits, . _ -'],
  ['KALSHI_ENV', 'staging', 'expected one of demo, prod'],
  ['KALSHI_API_URL', 'ftp://example.com', 'expected an absolute http or https URL'],
  ['KALSHI_API_URL', 'not a url', 'expected an absolute http or https URL'],
  ['KALSHI_WS_URL', 'https://example.com/trade-api/ws/v2', 'expected an absolute ws or wss URL'],
  ['KALSHI_PRIVATE_KEY_PATH', '\u0001', 'expected a file path'],
];

describe('loadConfig per variable', () => {
  it.each(good)('%s accepts %j', (variable, raw, pick, expected) => {
    expect(pick(load({ [variable]: raw }))).toEqual(expected);
  });

  it.each(bad)('%s refuses %j', (variable, raw, expected) => {
    const err = errorOf({ [variable]: raw });
    expect(err.source).toBe(variable);
    expect(err.message).toBe(`config: ${variable}: ${expected}, got ${JSON.stringify(raw)}`);
  });

  it('every variable has at least one bad case above', () => {
    const covered = new Set(bad.map(([name]) => name));
    const missing = Object.keys(VARIABLES).filter(
      (name) =>
        !covered.has(name) && !(VARIABLES[name as keyof typeof VARIABLES] as { secret?: boolean }).secret,
    );
    expect(missing).toEqual([]);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'trader.lan'])(
    'refuses to bind %s, reachable from the network, without an explicit control token',
    (host) => {
      expect(errorOf({ V3_HOST: host }).message).toBe(
        `config: V3_HOST: ${host} is not a loopback address: set V3_CONTROL_TOKEN to serve on the network (a generated token is not used then)`,
      );
      expect(errorOf({}, ['--host', host]).source).toBe('--host');
      const c = load({ V3_HOST: host, V3_CONTROL_TOKEN: 'x'.repeat(16) });
      expect([c.server.host, c.server.controlToken.generated]).toEqual([host, false]);
    },
  );

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])(
    'binds loopback %s with a generated token',
    (host) => {
      expect(load({ V3_HOST: host }).server.controlToken.generated).toBe(true);
    },
  );

  it('does not echo the value of a secret variable', () => {
    const err = errorOf({ V3_CONTROL_TOKEN: 'short secret' });
    expect(err.message).toBe(
      'config: V3_CONTROL_TOKEN: expected 16 to 256 printable characters without spaces',
    );
    expect(errorOf({ KALSHI_API_KEY_ID: 'key id with spaces' }).message).not.toContain('with spaces');
  });

  it('never echoes a private key pasted where its path (or any other value) belongs', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    const credentials = { KALSHI_API_KEY_ID: 'key-1', KALSHI_ENV: 'demo' };
    // With real newlines the path is refused as text; with `\n` escapes it is looked up as a file.
    expect(errorOf({ ...credentials, KALSHI_PRIVATE_KEY_PATH: pem }).message).toBe(
      'config: KALSHI_PRIVATE_KEY_PATH: expected a file path, got (a private key, not shown)',
    );
    const oneLine = pem.replace(/\n/g, '\\n');
    const missing = loadConfigError({ ...credentials, KALSHI_PRIVATE_KEY_PATH: oneLine });
    expect(missing).toBe('config: KALSHI_PRIVATE_KEY_PATH: file not found: (a private key, not shown)');
    expect(errorOf({ V3_MARKET_TICKERS: pem }).message).not.toContain('MIIE');
  });

  it('keeps the error on one line even for a value with newlines, and clips long values', () => {
    const err = errorOf({ V3_PORT: `80\n05${'9'.repeat(200)}` });
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.message.length).toBeLessThan(200);
    expect(err.message).toMatch(/^config: V3_PORT: expected an integer from 0 to 65535, got "80\\n05/);
  });
});

describe('loadConfig cross-field checks', () => {
  it('refuses an explicit ticker list longer than the cap', () => {
    const err = errorOf({ V3_MARKET_TICKERS: 'A,B,C', V3_MAX_MARKETS: '2' });
    expect(err.message).toBe('config: V3_MARKET_TICKERS: lists 3 tickers but V3_MAX_MARKETS is 2');
  });

  it('refuses a simulator port equal to the server port', () => {
    expect(errorOf({ V3_SIM_PORT: '8005' }).message).toBe(
      'config: V3_SIM_PORT: must differ from the server port 8005',
    );
  });

  it('refuses a book publish interval over half the stale time, and takes one at half', () => {
    expect(errorOf({ V3_STALE_MARKET_SECONDS: '2', V3_BOOK_PUBLISH_INTERVAL_MS: '1001' }).message).toBe(
      'config: V3_BOOK_PUBLISH_INTERVAL_MS: must be at most half of V3_STALE_MARKET_SECONDS (2 s), got 1001 ms',
    );
    const c = load({ V3_STALE_MARKET_SECONDS: '2', V3_BOOK_PUBLISH_INTERVAL_MS: '1000' });
    expect(c.timing.bookPublishIntervalMs).toBe(1000);
  });
});

describe('formatConfigForLog', () => {
  it('redacts the control token, and JSON.stringify of the config does too', () => {
    const token = 'do-not-log-this-token';
    const c = load({ V3_CONTROL_TOKEN: token });
    expect(formatConfigForLog(c).server.controlToken.value).toBe('[Redacted]');
    expect(JSON.stringify(c)).not.toContain(token);
    expect(JSON.stringify(c.server)).not.toContain(token);
    expect(c.server.controlToken.value).toBe(token);
  });
});
