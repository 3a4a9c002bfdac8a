// `npm run replay -- <recording> ...`: replays a recorded session through the daemon's own statechart,
// actors and adapters on simulated time, prints its outputs' digest, and writes the report when asked.

import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConfigError } from '../config/errors';
import { createLogger } from '../logger';
import type { Recording } from '../record/recording-format';
import { RecordingError, readRecording } from '../record/recording-reader';
import { loadStrategy } from '../strategies/load-strategy';
import { replayConfig } from './replay-config';
import { parseReplayFlags, REPLAY_USAGE } from './replay-flags';
import { serveReplay } from './replay-server';
import { runReplay } from './replay-session';
import { renderChart } from './report-chart';

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${REPLAY_USAGE}\n`);
    return;
  }
  const flags = parseReplayFlags(argv);
  const recording = await readRecording(flags.file);
  // Logs go to stderr: stdout carries the replay's outputs.
  const log = createLogger({ level: logLevel(process.env.V3_LOG_LEVEL), destination: process.stderr });
  const live = flags.port === undefined ? undefined : await serveReplay(flags.port, log);
  if (live) process.stdout.write(`replay console: ${live.url}/  inspector: ${live.url}/inspect\n`);
  const run = async (other?: { name: string; params: Record<string, unknown> }) => {
    const config = replayConfig(recording.header, {
      ...(other ? { strategy: other } : {}),
      ...(flags.port === undefined ? {} : { port: flags.port }),
    });
    const strategy = await loadStrategy(config.strategy);
    return runReplay({
      recording,
      config,
      strategy,
      log,
      speed: flags.speed,
      ownOrders: other !== undefined,
      ...(live && !other ? live.hooks : {}),
    });
  };
  const recorded = await run();
  const compared = flags.strategy
    ? await run({ name: flags.strategy, params: flags.strategyParams ?? {} })
    : undefined;
  if (live) {
    // The replay is over but its state stays up for inspection until the operator stops it.
    process.stdout.write('replay finished; still serving (Ctrl-C to stop)\n');
    await new Promise((resolve) => process.once('SIGINT', resolve));
    await live.close();
  }

  const { outputs } = recorded;
  process.stdout.write(`${outputs.transitions.join('\n')}\n`);
  process.stdout.write(
    `books: ${JSON.stringify(outputs.books)}\nintents and outcomes: ${outputs.intents.length}\n`,
  );
  if (recording.truncated) process.stdout.write("(the recording's last line was cut short and skipped)\n");
  if (flags.report) {
    const reports = compared ? [recorded.report, compared.report] : [recorded.report];
    const file = {
      recording: { file: flags.file, ...summary(recording) },
      replay: recorded.report,
      ...(compared ? { compared: compared.report } : {}),
    };
    await writeFile(flags.report, `${JSON.stringify(file, null, 2)}\n`);
    const svg = flags.report.replace(/\.json$/, '') + '.svg';
    await writeFile(svg, renderChart(reports, `replay of ${basename(flags.file)}`));
    process.stdout.write(`report: ${flags.report}  chart: ${svg}\n`);
  }
}

const summary = (recording: Recording) => ({
  daemonVersion: recording.header.daemonVersion,
  startedMs: recording.header.startedMs,
  strategy: recording.header.strategy,
  entries: recording.entries.length,
  truncated: recording.truncated,
});

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
