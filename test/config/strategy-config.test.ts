// V3_STRATEGY / --strategy and V3_STRATEGY_PARAMS: built-ins checked at start-up naming the field,
// module paths kept for the loader.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

const load = (env: Record<string, string>, argv: string[] = []) => loadConfig(env, argv);
function errorOf(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('strategy configuration', () => {
  it('defaults to hold, with no parameters and a 1 s intent age', () => {
    expect(load({}).strategy).toEqual({ kind: 'builtin', name: 'hold', params: {}, maxIntentAgeMs: 1_000 });
  });

  it("fills the market maker's defaults around the given parameters", () => {
    const c = load({ V3_STRATEGY_PARAMS: '{"size": 3, "fair_value": "microprice"}' }, [
      '--strategy',
      'market_maker',
    ]);
    expect(c.strategy).toMatchObject({
      kind: 'builtin',
      name: 'market_maker',
      params: { size: 3, fair_value: 'microprice', spread_ticks: 2, on_stale: 'cancel', post_only: true },
    });
  });

  it('names the field of a bad parameter', () => {
    const err = errorOf({ V3_STRATEGY: 'market_maker', V3_STRATEGY_PARAMS: '{"spread_ticks": 0}' });
    expect(err.source).toBe('V3_STRATEGY_PARAMS');
    expect(err.message).toMatch(
      /^config: V3_STRATEGY_PARAMS: spread_ticks: .*>=1.* of strategy market_maker$/,
    );
    expect(errorOf({ V3_STRATEGY: 'market_maker', V3_STRATEGY_PARAMS: '{"sprad": 2}' }).message).toBe(
      'config: V3_STRATEGY_PARAMS: sprad: not a parameter of strategy market_maker',
    );
    expect(errorOf({ V3_STRATEGY_PARAMS: '{"size": 1}' }).message).toBe(
      'config: V3_STRATEGY_PARAMS: size: not a parameter of strategy hold',
    );
  });

  it('refuses an unknown name, and takes anything path-like as a module', () => {
    expect(() => load({}, ['--strategy', 'marketmaker'])).toThrow(
      'config: --strategy: unknown strategy "marketmaker": expected hold, market_maker, or a path to a strategy module',
    );
    expect(
      load({ V3_STRATEGY: 'examples/touch-quoter.strategy.ts', V3_STRATEGY_PARAMS: '{"x": 1}' }).strategy,
    ).toEqual({
      kind: 'module',
      name: 'examples/touch-quoter.strategy.ts',
      path: resolve('examples/touch-quoter.strategy.ts'),
      params: { x: 1 },
      maxIntentAgeMs: 1_000,
    });
  });
});
