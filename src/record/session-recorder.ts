// V3_RECORD / --record: taps the daemon's exchange transports and its strategy, annotates the root's
// transitions, and writes it all to the recording file in batches. start-daemon wires it in.
import { randomUUID } from 'node:crypto';
import type { Strategy } from '../actors/strategy/strategy-types';
import type { TraderRuntime } from '../app/trader-runtime';
import { type Config, formatConfigForLog } from '../config';
import { VERSION } from '../version';
import { bookChecksums } from './book-checksum';
import { RECORDING_FORMAT, type RecordingHeader } from './recording-format';
import { openRecordingWriter, type RecordingWriter } from './recording-writer';
import { tapStrategy } from './strategy-tap';
import { tapFetch, tapSocket } from './transport-taps';

/** The part of a trader the recorder annotates from. */
export interface TransitionSource {
  actor: { on(type: 'transition', fn: (t: { from: string; to: string; reason?: string }) => void): unknown };
  feed: { books: Parameters<typeof bookChecksums>[0] };
}

export interface SessionRecorder {
  /** The transports to give the trader. */
  runtime: Pick<TraderRuntime, 'fetch' | 'createSocket' | 'random' | 'randomUUID'>;
  /** The strategy to give the trader: the configured one, its intents and outcomes annotated. */
  strategy: Strategy;
  /** Annotates the trader's transitions from now on. */
  attach(trader: TransitionSource): void;
  readonly writer: RecordingWriter;
  close(): Promise<void>;
}

export interface RecorderOptions {
  path: string;
  config: Config;
  strategy: Strategy;
  now?: () => number;
  onError?(err: unknown): void;
}

export function recordingHeader(config: Config, strategy: Strategy, startedMs: number): RecordingHeader {
  return {
    type: 'header',
    format: RECORDING_FORMAT,
    daemonVersion: VERSION,
    startedMs,
    config: JSON.parse(JSON.stringify(formatConfigForLog(config))),
    markets: config.markets.tickers,
    strategy: { name: strategy.name, params: strategy.params ?? {} },
  };
}

export function startRecording(opts: RecorderOptions): SessionRecorder {
  const now = opts.now ?? Date.now;
  const header = recordingHeader(opts.config, opts.strategy, now());
  const writer = openRecordingWriter(opts.path, header, opts.onError ? { onError: opts.onError } : {});
  const append = writer.append;
  const strategy = tapStrategy(opts.strategy, {
    intents: (hook, intents) => append({ k: 'intent', t: now(), hook, intents: [...intents] }),
    outcome: (intent, outcome) => append({ k: 'outcome', t: now(), intent, outcome }),
  });
  return {
    runtime: {
      fetch: tapFetch(globalThis.fetch, append, now),
      createSocket: tapSocket(append, now),
      randomUUID: () => {
        const v = randomUUID();
        append({ k: 'id', t: now(), v });
        return v;
      },
      random: () => {
        const v = Math.random();
        append({ k: 'rand', t: now(), v });
        return v;
      },
    },
    strategy,
    attach(trader) {
      trader.actor.on('transition', (t) => {
        append({ k: 'transition', t: now(), from: t.from, to: t.to, reason: t.reason ?? '' });
        // The books as the shutdown began: what follows depends on how long this daemon took to stop.
        if (t.to === 'shutdown') append({ k: 'books', t: now(), books: bookChecksums(trader.feed.books) });
      });
    },
    writer,
    close: () => writer.close(),
  };
}
