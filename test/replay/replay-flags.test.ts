// The replay command line: every flag read, and a bad one refused with a ConfigError naming it.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import { parseReplayFlags } from '../../src/replay/replay-flags';

describe('replay flags', () => {
  it('reads the file and every flag, max speed by default', () => {
    expect(parseReplayFlags(['s.ndjson.gz'])).toEqual({ file: 's.ndjson.gz', speed: 'max' });
    expect(
      parseReplayFlags([
        's.ndjson',
        '--speed',
        '2.5',
        '--port=8015',
        '--strategy',
        'market_maker',
        '--strategy-params',
        '{"spread_ticks":4}',
        '--report',
        'out.json',
      ]),
    ).toEqual({
      file: 's.ndjson',
      speed: 2.5,
      port: 8015,
      strategy: 'market_maker',
      strategyParams: { spread_ticks: 4 },
      report: 'out.json',
    });
  });

  it.each([
    [[], '<recording>'],
    [['a', 'b'], 'argument "b"'],
    [['a', '--speed', '0'], '--speed'],
    [['a', '--speed', 'fast'], '--speed'],
    [['a', '--port', '70000'], '--port'],
    [['a', '--strategy-params', '[1]'], '--strategy-params'],
    [['a', '--strategy-params', '{nope'], '--strategy-params'],
    [['a', '--report'], '--report'],
    [['a', '--record', 'x'], '--record'],
  ])('refuses %j naming %s', (argv, source) => {
    let error: unknown;
    try {
      parseReplayFlags(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe(source);
  });
});
