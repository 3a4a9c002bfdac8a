// `npm run trials -- [--scenario sigkill|feed-loss] --runs N`: runs a trial scenario N times against the
// standalone simulator and the daemon, one line per run, then `N passed, N failed`; exits 1 when any run
// failed and 2 on bad flags. Scenarios live in trials/scenarios; SIGKILL (issue 10) is the default.
import { parseArgs } from 'node:util';
import { makeTrialKeys } from './lib/trial-keys';
import { FEED_LOSS_DEFAULTS, type FeedLossOptions, runFeedLoss } from './scenarios/feed-loss.scenario';
import { runSigkill, SIGKILL_DEFAULTS, type SigkillOptions } from './scenarios/sigkill.scenario';

const USAGE = `Usage: npm run trials -- [--scenario sigkill|feed-loss] [--runs N] [--seed S] [options]

  --scenario sigkill     issue 10 (the default): the market maker killed with SIGKILL at random moments
                         (creates in flight, REST errors before/after acting, latency) and restarted on
                         its data directory; then storage against the simulator's records
  --scenario feed-loss   issue 18: cycles of feed loss, late/reordered private frames and lost answers,
                         then the daemon's positions, PnL and fees against the exchange's records
  --runs N               runs, each on a fresh simulator and daemon (default 1)
  --seed S               seed of the first run's simulator; run i uses S + i (default 1)
  --sync-seconds S       the daemon's sync interval (default: sigkill ${SIGKILL_DEFAULTS.syncSeconds}, feed-loss ${FEED_LOSS_DEFAULTS.syncSeconds})
sigkill:
  --kills N              kills per run (default ${SIGKILL_DEFAULTS.kills})
  --max-up-seconds S     longest a daemon runs before it is killed (default ${SIGKILL_DEFAULTS.maxUpSeconds})
feed-loss:
  --strategy NAME        the daemon's strategy: market_maker (\`npm start\` with V3_STRATEGY=market_maker,
                         the default) or churn (a test strategy that takes and joins the touch)
  --cycles N             fault cycles per run (default ${FEED_LOSS_DEFAULTS.cycles})
  --fault-seconds S      seconds of faults per cycle (default ${FEED_LOSS_DEFAULTS.faultSeconds})
  --quiet-seconds S      seconds of quiet after each (default ${FEED_LOSS_DEFAULTS.quietSeconds})
`;

type Scenario =
  | { name: 'sigkill'; options: SigkillOptions }
  | { name: 'feed-loss'; options: FeedLossOptions };

class UsageError extends Error {}

function positive(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${text}"`);
  return value;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scenario: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      strategy: { type: 'string' },
      cycles: { type: 'string' },
      'fault-seconds': { type: 'string' },
      'quiet-seconds': { type: 'string' },
      'sync-seconds': { type: 'string' },
      kills: { type: 'string' },
      'max-up-seconds': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const name = values.scenario ?? 'sigkill';
  let scenario: Scenario;
  if (name === 'sigkill') {
    const d = SIGKILL_DEFAULTS;
    scenario = {
      name,
      options: {
        ...d,
        kills: positive('kills', values.kills, d.kills),
        maxUpSeconds: positive('max-up-seconds', values['max-up-seconds'], d.maxUpSeconds),
        syncSeconds: positive('sync-seconds', values['sync-seconds'], d.syncSeconds),
      },
    };
  } else if (name === 'feed-loss') {
    const d = FEED_LOSS_DEFAULTS;
    const strategy = values.strategy ?? d.strategy;
    if (strategy !== 'market_maker' && strategy !== 'churn')
      throw new UsageError(`--strategy must be market_maker or churn, got "${strategy}"`);
    scenario = {
      name,
      options: {
        ...d,
        strategy,
        cycles: positive('cycles', values.cycles, d.cycles, 0),
        faultSeconds: positive('fault-seconds', values['fault-seconds'], d.faultSeconds),
        quietSeconds: positive('quiet-seconds', values['quiet-seconds'], d.quietSeconds),
        syncSeconds: positive('sync-seconds', values['sync-seconds'], d.syncSeconds),
      },
    };
  } else {
    throw new UsageError(`--scenario must be sigkill or feed-loss, got "${name}"`);
  }
  return {
    runs: positive('runs', values.runs, 1),
    seed: positive('seed', values.seed, 1, 0),
    scenario,
  };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`trials: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const keys = makeTrialKeys();
  let passed = 0;
  try {
    for (let i = 0; i < args.runs; i++) {
      const seed = args.seed + i;
      const { scenario } = args;
      const outcome =
        scenario.name === 'sigkill'
          ? await runSigkill(keys, seed, scenario.options)
          : await runFeedLoss(keys, seed, scenario.options);
      if (outcome.ok) passed++;
      const what = scenario.name === 'feed-loss' ? `feed-loss (${scenario.options.strategy})` : scenario.name;
      const head = `run ${i + 1}/${args.runs} ${what} seed ${seed}: ${outcome.ok ? 'pass' : 'FAIL'}`;
      process.stdout.write(`${head} — ${outcome.summary}\n`);
      for (const line of outcome.details.slice(0, 10)) process.stdout.write(`    ${line}\n`);
    }
  } finally {
    keys.remove();
  }
  process.stdout.write(`${passed} passed, ${args.runs - passed} failed\n`);
  process.exit(passed === args.runs ? 0 : 1);
}

await main();
