// The feed machine is the root's child in the live inspector: its definition graph and its state
// (live, with the ladder idle) reach /v3/inspect like the root's do.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useDaemon } from '../support/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: Stately's inspection frames are read ad hoc
type Frame = any;

const daemons = useDaemon();
let viewer: WebSocket | undefined;
afterEach(() => {
  viewer?.terminate();
  viewer = undefined;
});

/** Resolves with the frames seen once `done` holds for them. */
function framesUntil(url: string, done: (frames: Frame[]) => boolean): Promise<Frame[]> {
  const frames: Frame[] = [];
  viewer = new WebSocket(url);
  return new Promise((resolve, reject) => {
    viewer!.on('message', (data) => {
      frames.push(JSON.parse(data.toString()));
      if (done(frames)) resolve(frames);
    });
    viewer!.on('error', reject);
  });
}

describe('the feed machine in the inspector', () => {
  it('shows as the trader root child with its graph and its live state', async () => {
    const d = await daemons.start();
    await d.waitForState('ready');
    const feedActor = (fs: Frame[]) => fs.find((f) => f.type === '@xstate.actor' && f.graph?.id === 'feed');
    const liveSnapshot = (fs: Frame[]) =>
      fs.find(
        (f) =>
          f.type === '@xstate.snapshot' &&
          f.sessionId === feedActor(fs)?.sessionId &&
          f.snapshot?.value?.session?.open?.link === 'live',
      );
    const frames = await framesUntil(`${d.url.replace(/^http/, 'ws')}/v3/inspect`, (fs) =>
      Boolean(liveSnapshot(fs)),
    );
    const feed = feedActor(frames);
    const root = frames.find((f) => f.type === '@xstate.actor' && f.graph?.id === 'trader');
    expect(feed.parentId).toBe(root.sessionId);
    const states = JSON.stringify(feed.graph.root);
    for (const id of [
      'feed.session.open.link.live',
      'feed.session.open.repair.resubscribe',
      'feed.reconnecting',
    ])
      expect(states).toContain(id);
    expect(liveSnapshot(frames).snapshot.value.session.open.repair).toBe('idle');
  }, 30_000);
});
