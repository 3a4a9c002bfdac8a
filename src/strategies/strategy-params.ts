// The built-in strategies and the schema of each one's V3_STRATEGY_PARAMS: what the config checks at
// start-up (a bad value exits 2 naming the field) and what --help and the README list.
import { z } from 'zod';
import { MarketMakerParamsSchema } from './market-maker/market-maker-params';

export const BUILTIN_STRATEGIES = {
  hold: { schema: z.object({}).strict(), doc: 'never trades: the daemon only watches (the default)' },
  market_maker: {
    schema: MarketMakerParamsSchema,
    doc: 'quotes a bid and an ask in each market around a fair value, skewed against its position',
  },
} as const;

export type BuiltinStrategyName = keyof typeof BUILTIN_STRATEGIES;

export const isBuiltinStrategy = (name: string): name is BuiltinStrategyName =>
  Object.hasOwn(BUILTIN_STRATEGIES, name);

export interface ParamDoc {
  name: string;
  /** JSON text of the default. */
  default: string;
  accepts: string;
  doc: string;
}

interface JsonProp {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
}

const accepts = (p: JsonProp): string => {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.type === 'integer') return `integer ${p.minimum ?? ''}..${p.maximum ?? ''}`;
  return p.type ?? 'any';
};

/** A strategy's parameters, read from its own schema (so the docs cannot drift from the checks). */
export function describeParams(name: BuiltinStrategyName): ParamDoc[] {
  const json = z.toJSONSchema(BUILTIN_STRATEGIES[name].schema, { io: 'input' }) as {
    properties?: Record<string, JsonProp>;
  };
  return Object.entries(json.properties ?? {}).map(([param, p]) => ({
    name: param,
    default: JSON.stringify(p.default),
    accepts: accepts(p),
    doc: p.description ?? '',
  }));
}
