// Replays a recording in-process at --speed max, as `npm run replay` does, with a silent logger.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import type { Recording } from '../../src/record/recording-format';
import { replayConfig } from '../../src/replay/replay-config';
import { runReplay } from '../../src/replay/replay-session';
import { loadStrategy } from '../../src/strategies/load-strategy';

export async function replayRecording(
  recording: Recording,
  other?: { name: string; params: Record<string, unknown> },
) {
  const config = replayConfig(recording.header, other ? { strategy: other } : {});
  const strategy = await loadStrategy(config.strategy);
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const log = createLogger({ level: 'warn', pretty: false, destination: sink });
  const result = await runReplay({ recording, config, strategy, log, ownOrders: other !== undefined });
  const stats = result.trader.feed.stats();
  return { ...result, gaps: stats.gaps, resyncs: stats.resyncs };
}

/** The transitions without their `+Nms` times, as the recording's annotations read. */
export const withoutTimes = (lines: readonly string[]): string[] =>
  lines.map((l) => l.replace(/^\+\d+ms /, ''));

/** The live run's annotations of a recording, in the replay's vocabulary. */
export function liveAnnotations(recording: Recording) {
  const transitions: string[] = [];
  let books: Record<string, string> = {};
  for (const e of recording.entries) {
    if (e.k === 'transition') transitions.push(`${e.from} → ${e.to}${e.reason ? `: ${e.reason}` : ''}`);
    if (e.k === 'books') books = e.books;
  }
  return { transitions, books };
}

/** The public states a transition log went through, acting round trips left out (decisions race frames live). */
export function publicPath(lines: readonly string[]): string[] {
  const states = lines.map((l) => l.split(' → ')[1]?.split(':')[0]).filter((to) => to !== 'acting');
  return states.filter((to, i) => to !== states[i - 1]) as string[];
}
