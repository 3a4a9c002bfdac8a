// Makes the configured strategy: a built-in by name, or a third-party module by path. A module exports
// `createStrategy(params)` (or a default export of it) returning a Strategy, and may export a zod
// `paramsSchema` its parameters are checked against. Anything wrong is a ConfigError: exit 2, one line.
import { pathToFileURL } from 'node:url';
import type { Strategy } from '../actors/strategy/strategy-types';
import type { StrategyConfig } from '../config/config-types';
import { ConfigError } from '../config/errors';
import { BUILTIN_FACTORIES } from './registry';
import { isBuiltinStrategy } from './strategy-params';

interface ParamsSchema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };
}
interface Issue {
  path: PropertyKey[];
  message: string;
}

const isStrategy = (value: unknown): value is Strategy =>
  typeof value === 'object' && value !== null && typeof (value as Strategy).name === 'string';

async function fromModule(config: StrategyConfig): Promise<Strategy> {
  const path = config.path ?? config.name;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError('V3_STRATEGY', `cannot load strategy module ${path}: ${why}`);
  }
  const factory = mod.createStrategy ?? mod.default;
  if (typeof factory !== 'function') {
    throw new ConfigError('V3_STRATEGY', `${path} exports no createStrategy(params) function`);
  }
  let params: unknown = config.params;
  const schema = mod.paramsSchema as ParamsSchema | undefined;
  if (schema && typeof schema.safeParse === 'function') {
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || '(object)';
      throw new ConfigError(
        'V3_STRATEGY_PARAMS',
        `${field}: ${issue?.message ?? 'invalid'} (strategy ${path})`,
      );
    }
    params = parsed.data;
  }
  const strategy: unknown = await factory(params);
  if (!isStrategy(strategy))
    throw new ConfigError('V3_STRATEGY', `${path}: createStrategy returned no Strategy`);
  return strategy;
}

export function loadStrategy(config: StrategyConfig): Promise<Strategy> {
  if (config.kind === 'builtin' && isBuiltinStrategy(config.name)) {
    return Promise.resolve(BUILTIN_FACTORIES[config.name](config.params));
  }
  return fromModule(config);
}
