// Making the configured strategy: built-ins by name, the worked example module by path, and every way a
// module can be wrong as one ConfigError line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../src/config/config-types';
import { ConfigError } from '../../src/config/errors';
import { loadStrategy } from '../../src/strategies/load-strategy';

const EXAMPLE = resolve('examples/touch-quoter.strategy.ts');
const moduleConfig = (path: string, params: Record<string, unknown> = {}): StrategyConfig => ({
  kind: 'module',
  name: path,
  path,
  params,
  maxIntentAgeMs: 1_000,
});

async function refusal(config: StrategyConfig): Promise<ConfigError> {
  const err = await loadStrategy(config).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(err)}`);
  return err;
}

describe('loadStrategy', () => {
  it('makes the built-ins from their checked parameters', async () => {
    const mm = await loadStrategy({
      kind: 'builtin',
      name: 'market_maker',
      params: { size: 2 },
      maxIntentAgeMs: 1_000,
    });
    expect(mm.name).toBe('market_maker');
    expect(mm.params).toMatchObject({ size: 2, spread_ticks: 2 });
    const hold = await loadStrategy({ kind: 'builtin', name: 'hold', params: {}, maxIntentAgeMs: 1_000 });
    expect(hold.name).toBe('hold');
  });

  it('loads the worked example with its parameters checked and defaulted', async () => {
    const s = await loadStrategy(moduleConfig(EXAMPLE, { contracts: 2 }));
    expect(s.name).toBe('touch-quoter');
    expect(s.params).toEqual({ contracts: 2, min_spread_cents: 3 });
    const err = await refusal(moduleConfig(EXAMPLE, { contracts: 0 }));
    expect(err.source).toBe('V3_STRATEGY_PARAMS');
    expect(err.message).toMatch(/^config: V3_STRATEGY_PARAMS: contracts: /);
  });

  it('refuses a missing file and a module that exports no strategy', async () => {
    expect((await refusal(moduleConfig('/nonexistent/strategy.ts'))).message).toMatch(
      /^config: V3_STRATEGY: cannot load strategy module \/nonexistent\/strategy.ts: /,
    );
    const dir = mkdtempSync(join(tmpdir(), 'kt-strategy-'));
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, 'export const nothing = 1;\n');
    expect((await refusal(moduleConfig(empty))).message).toContain(
      'exports no createStrategy(params) function',
    );
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, 'export function createStrategy() { return 42; }\n');
    expect((await refusal(moduleConfig(broken))).message).toContain('createStrategy returned no Strategy');
  });
});
