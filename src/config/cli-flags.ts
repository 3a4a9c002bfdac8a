// Command-line flags: each one overrides an environment variable; unknown flags are config errors.
import { ConfigError } from './errors';
import { VARIABLE_NAMES, VARIABLES, type VariableName } from './variables';

/** A raw value and where it came from (a flag or variable name), for error messages. */
export interface RawValue {
  readonly value: string;
  readonly source: string;
}

export interface ParsedFlags {
  readonly help: boolean;
  readonly version: boolean;
  readonly overrides: ReadonlyMap<VariableName, RawValue>;
}

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAG = '--version';

/** Flag name → the variable it overrides; `--markets` is handled apart (it can set two). */
const SIMPLE_FLAGS = new Map<string, VariableName>(
  VARIABLE_NAMES.flatMap((name): [string, VariableName][] => {
    const flag = (VARIABLES[name] as { flag?: { name: string } }).flag;
    return flag && flag.name !== '--markets' ? [[flag.name, name]] : [];
  }),
);

/**
 * Reads `--flag value` and `--flag=value`; the last occurrence wins. `--help` anywhere wins over
 * everything else, so a confused operator always gets the usage rather than an error; `--version`
 * anywhere comes next.
 */
export function parseCliFlags(argv: readonly string[]): ParsedFlags {
  const overrides = new Map<VariableName, RawValue>();
  if (argv.some((arg) => HELP_FLAGS.has(arg))) return { help: true, version: false, overrides };
  if (argv.includes(VERSION_FLAG)) return { help: false, version: true, overrides };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      throw new ConfigError(
        `argument ${JSON.stringify(arg.slice(0, 60))}`,
        'unexpected argument (see --help)',
      );
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name !== '--markets' && !SIMPLE_FLAGS.has(name)) {
      throw new ConfigError(name.slice(0, 60), 'unknown flag (see --help)');
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ConfigError(name, 'expected a value');
      i++;
    }
    if (name === '--markets') setMarkets(overrides, value);
    else overrides.set(SIMPLE_FLAGS.get(name) as VariableName, { value, source: name });
  }
  return { help: false, version: false, overrides };
}

/** As in the original launcher: a number N means discovery of N markets; anything else is tickers. */
function setMarkets(overrides: Map<VariableName, RawValue>, value: string): void {
  const source = '--markets';
  if (/^\s*\d+\s*$/.test(value)) {
    overrides.set('V3_MARKET_TICKERS', { value: 'DISCOVERY', source });
    overrides.set('V3_MAX_MARKETS', { value, source });
  } else {
    overrides.set('V3_MARKET_TICKERS', { value, source });
  }
}
