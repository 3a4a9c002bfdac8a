// Renders the variable table as --help text and as the Markdown table in docs/configuration.md.
import { BUILTIN_STRATEGIES, type BuiltinStrategyName, describeParams } from '../strategies/strategy-params';
import { VARIABLE_NAMES, VARIABLES, type VariableName, type VariableSpec } from './variables';

const spec = (name: VariableName): VariableSpec => VARIABLES[name];

const defaultText = (s: VariableSpec): string =>
  s.default !== undefined ? (s.default === '' ? '(empty)' : s.default) : (s.unsetMeans ?? 'unset');

/**
 * What a variable accepts, in its schema's own words: every schema refuses a lone NUL, and the
 * message it gives is the one operators see, so the docs cannot drift from the validation.
 */
export function acceptsText(name: VariableName): string {
  const result = spec(name).schema.safeParse('\u0000');
  const message = result.success ? '' : (result.error.issues[0]?.message ?? '');
  return message.replace(/^expected /, '');
}

const flagText = (s: VariableSpec): string => (s.flag ? `${s.flag.name} ${s.flag.arg}` : '');

/** Plain text for `--help`: flags first (they are what people type), then every variable. */
export function renderUsage(): string {
  const flagged = new Map<string, VariableName[]>();
  for (const name of VARIABLE_NAMES) {
    const flag = flagText(spec(name));
    if (flag) flagged.set(flag, [...(flagged.get(flag) ?? []), name]);
  }
  const flagLines = [...flagged].map(([flag, names]) => `  ${flag.padEnd(30)} overrides ${names.join(', ')}`);
  flagLines.push(`  ${'--help'.padEnd(30)} print this help and exit`);
  flagLines.push(`  ${'--version'.padEnd(30)} print the version and exit`);

  const varLines = VARIABLE_NAMES.flatMap((name) => {
    const s = spec(name);
    return [`  ${name} [${defaultText(s)}]: ${acceptsText(name)}`, `      ${s.doc.replace(/`/g, '')}`];
  });

  const strategyLines = (Object.keys(BUILTIN_STRATEGIES) as BuiltinStrategyName[]).flatMap((name) => [
    `  ${name}: ${BUILTIN_STRATEGIES[name].doc}`,
    ...describeParams(name).flatMap((p) => [
      `      ${p.name} [${p.default}]: ${p.accepts}`,
      `          ${p.doc}`,
    ]),
  ]);

  return [
    'Usage: npm start -- [flags]',
    '',
    'With no Kalshi credentials and no Kalshi URLs the daemon trades against its embedded simulator.',
    '',
    'Flags (override the environment; --flag value or --flag=value):',
    ...flagLines,
    '',
    'Environment variables [default]:',
    ...varLines,
    '',
    'Strategies (V3_STRATEGY) and their parameters (V3_STRATEGY_PARAMS, a JSON object) [default]:',
    ...strategyLines,
    '  a path: a module exporting createStrategy(params) (see examples/ and the README)',
    '',
  ].join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => (text === '' ? '' : `\`${text}\``);

/** The Markdown table embedded in docs/configuration.md (a test keeps the two identical). */
export function renderConfigMarkdown(): string {
  const rows = VARIABLE_NAMES.map((name) => {
    const s = spec(name);
    const def = s.default !== undefined && s.default !== '' ? code(s.default) : cell(defaultText(s));
    const row = [`\`${name}\``, cell(code(flagText(s))), def, cell(acceptsText(name)), cell(s.doc)];
    return `| ${row.join(' | ')} |`;
  });
  const head = ['| Variable | Flag | Default | Accepts | Meaning |', '| --- | --- | --- | --- | --- |'];
  return [...head, ...rows, ''].join('\n');
}
