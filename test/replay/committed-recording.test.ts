// The committed simulator recording (a seq gap and its resync, a disconnect with a degraded period, an
// error recovery) replayed twice through the daemon's own statechart, actors and adapters: byte-identical
// outputs, the exact transitions, books and strategy intents of the golden file, and the live run's public
// states and final books.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../../src/record/recording-reader';
import { liveAnnotations, publicPath, replayRecording, withoutTimes } from '../support/replay-harness';

const FILE = 'test/fixtures/recordings/sim-session.ndjson.gz';
const EXPECTED = JSON.parse(readFileSync('test/fixtures/recordings/sim-session.expected.json', 'utf8')) as {
  transitions: string[];
  intents: string[];
  books: Record<string, string>;
};

describe('replaying the committed simulator recording', () => {
  it('gives byte-identical outputs twice, with the transitions, books and intents it is held to', async () => {
    const recording = await readRecording(FILE);
    const first = await replayRecording(recording);
    const second = await replayRecording(recording);
    expect(JSON.stringify(second.outputs)).toBe(JSON.stringify(first.outputs));

    expect(first.outputs.transitions).toEqual(EXPECTED.transitions);
    expect(first.outputs.books).toEqual(EXPECTED.books);
    expect(first.outputs.intents).toEqual(EXPECTED.intents);
    expect(first.outputs.intents.length).toBeGreaterThan(0);
    // Every recorded request was answered from the recording.
    expect(first.exchange.rest.counts()).toMatchObject({ reused: 0, unanswered: 0 });
  });

  it('goes through the gap, the degraded period and the error recovery the live run went through', async () => {
    const recording = await readRecording(FILE);
    const live = liveAnnotations(recording);
    const replay = await replayRecording(recording);
    const path = withoutTimes(replay.outputs.transitions);
    expect(publicPath(path)).toEqual(publicPath(live.transitions));
    expect(replay.outputs.books).toEqual(live.books);
    expect(replay.gaps).toBeGreaterThanOrEqual(1);
    expect(replay.resyncs).toBeGreaterThanOrEqual(1);
    expect(publicPath(path)).toEqual([
      'initializing',
      'orderbook_connect',
      'trading_client_connect',
      'kalshi_data_sync',
      'ready',
      'degraded',
      'ready',
      'error',
      'initializing',
      'orderbook_connect',
      'trading_client_connect',
      'kalshi_data_sync',
      'ready',
      'shutdown',
    ]);
    expect(path).toContain('degraded → ready: feed restored');
    expect(path.some((t) => t.endsWith('→ degraded: feed down: closed with code 1006'))).toBe(true);
    expect(path).toContain('ready → error: trading unhealthy: last successful sync 3 s ago');
  });
});
