// `--port`: a replay served by the daemon's own HTTP server; /v3/status reports the replayed session and
// /v3/inspect shows the replayed root statechart (its error recovery included) to a viewer.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createLogger } from '../../src/logger';
import { readRecording } from '../../src/record/recording-reader';
import { replayConfig } from '../../src/replay/replay-config';
import { serveReplay } from '../../src/replay/replay-server';
import { runReplay } from '../../src/replay/replay-session';
import { loadStrategy } from '../../src/strategies/load-strategy';

// biome-ignore lint/suspicious/noExplicitAny: Stately's inspection frames are read ad hoc
type Frame = any;

let closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

describe('a replay served on --port', () => {
  it('shows the replayed session on /v3/status and in the inspector', async () => {
    const recording = await readRecording('test/fixtures/recordings/sim-session.ndjson.gz');
    const log = createLogger({
      level: 'silent',
      pretty: false,
      destination: new Writable({ write: (_c, _e, d) => d() }),
    });
    const live = await serveReplay(0, log);
    closers.push(live.close);
    const config = replayConfig(recording.header, { port: 0 });
    const strategy = await loadStrategy(config.strategy);
    await runReplay({ recording, config, strategy, log, ...live.hooks });

    const status = (await (await fetch(`${live.url}/v3/status`)).json()) as { transitions: { to: string }[] };
    expect(status.transitions.map((t) => t.to)).toContain('error');

    const viewer = new WebSocket(`${live.url.replace(/^http/, 'ws')}/v3/inspect`);
    closers.push(() => viewer.terminate());
    const frames: Frame[] = [];
    const root = () => frames.find((f) => f.type === '@xstate.actor' && f.graph?.id === 'trader');
    const rootSnapshot = () =>
      frames.find((f) => f.type === '@xstate.snapshot' && f.sessionId === root()?.sessionId);
    await new Promise<void>((resolve, reject) => {
      viewer.on('message', (data) => {
        frames.push(JSON.parse(data.toString()));
        if (rootSnapshot()) resolve();
      });
      viewer.on('error', reject);
    });
    // The viewer joined after the end: it is shown the root's last state, its history as the replay made it.
    const history = rootSnapshot().snapshot.context.transitions.map((t: { to: string }) => t.to);
    expect(history).toContain('error');
    expect(history[history.length - 1]).toBe('shutdown');
  }, 30_000);
});
