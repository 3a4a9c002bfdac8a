// `npm run replay -- <file> [--speed N|max] [--port P] [--strategy NAME] [--strategy-params JSON]
// [--report out.json]`: parsed into options, or a ConfigError naming the bad flag (exit code 2).
import { ConfigError } from '../config/errors';
import type { ReplaySpeed } from './replay-session';

export interface ReplayFlags {
  file: string;
  speed: ReplaySpeed;
  port?: number;
  strategy?: string;
  strategyParams?: Record<string, unknown>;
  report?: string;
}

const VALUE_FLAGS = new Set(['--speed', '--port', '--strategy', '--strategy-params', '--report']);

export const REPLAY_USAGE =
  'usage: npm run replay -- <recording> [--speed N|max] [--port P] [--strategy NAME] [--strategy-params JSON] [--report out.json]';

export function parseReplayFlags(argv: readonly string[]): ReplayFlags {
  const values = new Map<string, string>();
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      if (file !== undefined)
        throw new ConfigError(`argument ${JSON.stringify(arg.slice(0, 60))}`, 'one recording only');
      file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(name)) throw new ConfigError(name.slice(0, 60), 'unknown flag (see --help)');
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(name, 'expected a value');
    values.set(name, value);
  }
  if (file === undefined) throw new ConfigError('<recording>', 'missing: the recording file to replay');
  return {
    file,
    speed: speedOf(values.get('--speed')),
    ...optional('port', values.get('--port'), portOf),
    ...optional('strategy', values.get('--strategy'), (s) => s),
    ...optional('strategyParams', values.get('--strategy-params'), paramsOf),
    ...optional('report', values.get('--report'), (s) => s),
  };
}

function optional<K extends string, T>(key: K, raw: string | undefined, parse: (raw: string) => T) {
  return (raw === undefined ? {} : { [key]: parse(raw) }) as Partial<Record<K, T>>;
}

function speedOf(raw: string | undefined): ReplaySpeed {
  if (raw === undefined || raw === 'max') return 'max';
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 10_000)
    throw new ConfigError('--speed', `expected max or a number in (0, 10000], got ${JSON.stringify(raw)}`);
  return n;
}

function portOf(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ConfigError('--port', `expected a port 0-65535, got ${JSON.stringify(raw)}`);
  return n;
}

function paramsOf(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {}
  throw new ConfigError('--strategy-params', 'expected a JSON object');
}
