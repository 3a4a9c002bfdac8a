// `npm run chaos [-- --short] [--only TEXT] [--seed N]`: runs the chaos scenarios against the standalone
// simulator with the daemon trading, prints the table and `N passed, N failed`; exits 0 when every
// scenario passed, 1 when not, 2 on a bad flag.
import { parseArgs } from 'node:util';
import { runChaos } from './chaos-run';
import { SCENARIOS } from './chaos-scenarios';
import { formatTable, summaryLine } from './chaos-table';

export const USAGE = `Usage: npm run chaos -- [flags]

Starts the standalone simulator and the daemon (market maker) as processes, then breaks the exchange
one way after another through the simulator's fault API. After each scenario every fault is cleared,
and the daemon must have recovered with books equal to the exchange's, no order lost or doubled and
the risk limits held, all read from the simulator's own records.

  --short        the CI set: fewer scenarios, scaled-down durations (a few minutes)
  --only TEXT    only the scenarios whose name contains TEXT (repeatable)
  --seed N       the simulator's seed (default 7)
  --list         print the scenarios and exit
`;

function fail(message: string): never {
  process.stderr.write(`kalshi-chaos: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let values: { short?: boolean; only?: string[]; seed?: string; list?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        short: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        seed: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const seed = Number(values.seed ?? '7');
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    fail(`--seed must be an integer, got "${values.seed}"`);
  const short = values.short === true;
  const only = values.only ?? [];
  const scenarios = SCENARIOS.filter(
    (s) => (!short || s.short) && (only.length === 0 || only.some((text) => s.name.includes(text))),
  );
  if (scenarios.length === 0) fail(`no scenario matches ${only.map((o) => `"${o}"`).join(', ')}`);
  if (values.list) {
    for (const s of scenarios) process.stdout.write(`${s.short ? 'short' : 'full '}  ${s.name}\n`);
    return;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`chaos: ${scenarios.length} scenarios (${short ? 'short' : 'full'} set), seed ${seed}`);
  const started = Date.now();
  const results = await runChaos({ scenarios, short, seed, print });
  print('');
  for (const line of formatTable(results)) print(line);
  print(`${summaryLine(results)} (${((Date.now() - started) / 60_000).toFixed(1)} min)`);
  process.exit(results.every((r) => r.pass) ? 0 : 1);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`kalshi-chaos: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
