// `npm run replay -- <recording> ...`: replays a recorded session through the daemon's own statechart,
// actors and adapters on simulated time, prints its outputs' digest, and writes the report when asked.

import { ConfigError } from '../config/errors';
import { createLogger } from '../logger';
import { RecordingError, readRecording } from '../record/recording-reader';
import { loadStrategy } from '../strategies/load-strategy';
import { replayConfig } from './replay-config';
import { parseReplayFlags, REPLAY_USAGE } from './replay-flags';
import { runReplay } from './replay-session';

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${REPLAY_USAGE}\n`);
    return;
  }
  const flags = parseReplayFlags(argv);
  const recording = await readRecording(flags.file);
  const other = flags.strategy ? { name: flags.strategy, params: flags.strategyParams ?? {} } : undefined;
  const config = replayConfig(recording.header, other ? { strategy: other } : {});
  const strategy = await loadStrategy(config.strategy);
  // Logs go to stderr: stdout carries the replay's outputs.
  const log = createLogger({ level: logLevel(process.env.V3_LOG_LEVEL), destination: process.stderr });
  const result = await runReplay({
    recording,
    config,
    strategy,
    log,
    speed: flags.speed,
    ownOrders: other !== undefined,
  });
  const { outputs } = result;
  process.stdout.write(`${outputs.transitions.join('\n')}\n`);
  process.stdout.write(`books: ${JSON.stringify(outputs.books)}\nintents: ${outputs.intents.length}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RecordingError) {
    process.stderr.write(`replay: ${err.message}\n${REPLAY_USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`replay: failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logLevel = (raw: string | undefined): (typeof LEVELS)[number] =>
  LEVELS.find((level) => level === raw) ?? 'warn';
