import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigHelpRequested, loadConfig } from '../../src/config';
import { parseCliFlags } from '../../src/config/cli-flags';

const load = (env: Record<string, string>, argv: string[]) =>
  loadConfig(env, argv, { randomHex: () => '00' });

function errorOf(argv: string[], env: Record<string, string> = {}): ConfigError {
  try {
    load(env, argv);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('CLI flags', () => {
  it('override the environment', () => {
    const env = {
      V3_PORT: '9000',
      V3_HOST: '0.0.0.0',
      V3_LOG_LEVEL: 'warn',
      V3_SIM_MARKETS: '3',
      V3_SIM_RATE: '5',
    };
    const argv = [
      '--port',
      '9001',
      '--host=localhost',
      '--log-level',
      'debug',
      '--sim-markets=7',
      '--sim-rate',
      '50',
    ];
    const c = load(env, argv);
    expect([c.server.port, c.server.host, c.log.level, c.sim.markets, c.sim.rate]).toEqual([
      9001,
      'localhost',
      'debug',
      7,
      50,
    ]);
  });

  it('leave the environment alone when absent', () => {
    expect(load({ V3_PORT: '9000' }, []).server.port).toBe(9000);
  });

  it('take the last of repeated flags', () => {
    expect(load({}, ['--port', '1', '--port', '2']).server.port).toBe(2);
  });

  it('name the flag, not the variable, in errors', () => {
    expect(errorOf(['--port', 'abc'], { V3_PORT: '9000' }).message).toBe(
      'config: --port: expected an integer from 0 to 65535, got "abc"',
    );
    expect(errorOf(['--log-level=loud']).source).toBe('--log-level');
  });

  it('refuse an unknown flag, a missing value and a stray argument', () => {
    expect(errorOf(['--prot', '80']).message).toBe('config: --prot: unknown flag (see --help)');
    expect(errorOf(['--port']).message).toBe('config: --port: expected a value');
    expect(errorOf(['--port', '--host', 'x']).message).toBe('config: --port: expected a value');
    expect(errorOf(['8005']).message).toBe('config: argument "8005": unexpected argument (see --help)');
  });

  it('answer --help and -h with the usage, wherever they appear', () => {
    for (const argv of [['--help'], ['--port', 'abc', '-h'], ['--bogus', '--help']]) {
      expect(() => load({}, argv)).toThrow(ConfigHelpRequested);
    }
    expect(parseCliFlags(['--help']).help).toBe(true);
  });

  it('answer --version with the version line, and leave it to --help when both are given', () => {
    expect(parseCliFlags(['--port', '1', '--version'])).toMatchObject({ help: false, version: true });
    expect(parseCliFlags(['--version', '--help'])).toMatchObject({ help: true, version: false });
    try {
      load({}, ['--version']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigHelpRequested);
      expect((err as ConfigHelpRequested).text).toMatch(/^kalshi-trader \d+\.\d+\.\d+/);
    }
  });
});

describe('--markets', () => {
  it('N means discovery of N markets', () => {
    const c = load({ V3_MARKET_TICKERS: 'A,B', V3_MAX_MARKETS: '3' }, ['--markets', '10']);
    expect(c.markets).toEqual({ tickers: 'DISCOVERY', maxMarkets: 10 });
  });

  it('a list means exactly those tickers, capped by V3_MAX_MARKETS', () => {
    const c = load({ V3_MAX_MARKETS: '5' }, ['--markets=KXA,KXB']);
    expect(c.markets).toEqual({ tickers: ['KXA', 'KXB'], maxMarkets: 5 });
  });

  it('a single ticker is a list of one', () => {
    expect(load({}, ['--markets', 'KXBTC-25']).markets.tickers).toEqual(['KXBTC-25']);
  });

  it('DISCOVERY keeps the configured maximum', () => {
    expect(load({ V3_MAX_MARKETS: '4', V3_MARKET_TICKERS: 'A' }, ['--markets', 'DISCOVERY']).markets).toEqual(
      {
        tickers: 'DISCOVERY',
        maxMarkets: 4,
      },
    );
  });

  it('errors name --markets', () => {
    expect(errorOf(['--markets', '0']).message).toBe(
      'config: --markets: expected an integer from 1 to 10000, got "0"',
    );
    expect(errorOf(['--markets', 'a b']).source).toBe('--markets');
    expect(errorOf(['--markets', 'A,B,C'], { V3_MAX_MARKETS: '2' }).message).toBe(
      'config: --markets: lists 3 tickers but V3_MAX_MARKETS is 2',
    );
  });
});
