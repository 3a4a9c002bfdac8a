import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createActor, fromCallback, setup } from 'xstate';
import { createInspectionRelay, type InspectionRelay } from '../../../src/server/inspector/inspection-relay';

// biome-ignore lint/suspicious/noExplicitAny: tests read Stately frames ad hoc
type Frame = any;

const light = setup({
  actors: { ticker: fromCallback(() => () => {}) },
}).createMachine({
  id: 'light',
  initial: 'green',
  context: { cycles: 0, controlToken: 'must-not-leak' },
  invoke: { id: 'ticker', src: 'ticker' },
  states: {
    green: { on: { NEXT: 'yellow' } },
    yellow: { on: { NEXT: 'red' } },
    red: { on: { NEXT: 'green' } },
  },
});

/** A /v3/inspect client that queues frames; the handler is attached before `open` (replay comes at once). */
class Viewer {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  static open(url: string): Promise<Viewer> {
    const viewer = new Viewer(new WebSocket(url));
    return new Promise((resolve, reject) => {
      viewer.ws.once('open', () => resolve(viewer));
      viewer.ws.once('error', reject);
    });
  }

  async until(pred: (frames: Frame[]) => boolean): Promise<void> {
    while (!pred(this.frames)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

function refusedStatus(url: string, headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('upgrade was accepted')));
  });
}

const isSnapshot = (value: unknown) => (f: Frame) =>
  f.type === '@xstate.snapshot' && f.snapshot?.value === value;

describe('inspection relay on WS /v3/inspect', () => {
  let server: Server;
  let relay: InspectionRelay;
  const viewers: Viewer[] = [];

  async function start(opts: Parameters<typeof createInspectionRelay>[0] = {}) {
    relay = createInspectionRelay({ pingIntervalMs: 0, ...opts });
    server = createServer((_req, res) => res.writeHead(404).end());
    relay.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v3/inspect`;
  }
  const open = async (url: string) => {
    const v = await Viewer.open(url);
    viewers.push(v);
    return v;
  };

  afterEach(async () => {
    for (const v of viewers.splice(0)) v.ws.terminate();
    await relay?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('replays the whole actor tree and the latest snapshot to a late viewer', async () => {
    const url = await start();
    const early = await open(url);
    const actor = createActor(light, { inspect: relay.inspector.inspect }).start();
    actor.send({ type: 'NEXT' });
    await early.until((fs) => fs.some(isSnapshot('yellow')));

    const expected = relay.replay().length;
    const late = await open(url);
    await late.until((fs) => fs.length >= expected);
    const actors = late.frames.filter((f) => f.type === '@xstate.actor');
    const root = actors.find((f) => f.parentId === undefined);
    expect(root).toMatchObject({ name: 'light', sessionId: actor.sessionId });
    expect(root.graph.root.children.map((c: Frame) => c.id)).toEqual([
      'light.green',
      'light.yellow',
      'light.red',
    ]);
    expect(actors.find((f) => f.name === 'ticker')).toMatchObject({ parentId: actor.sessionId });
    // Only the newest snapshot of the root comes back, and it is the current state.
    const rootSnapshots = late.frames.filter(
      (f) => f.type === '@xstate.snapshot' && f.sessionId === actor.sessionId,
    );
    expect(rootSnapshots.map((f) => f.snapshot.value)).toEqual(['yellow']);
    expect(rootSnapshots[0].snapshot.context).toEqual({ cycles: 0, controlToken: '[redacted]' });
    expect(late.frames.filter((f) => f.type === '@xstate.event').map((f) => f.event.type)).toContain('NEXT');
    expect(JSON.stringify(late.frames)).not.toContain('must-not-leak');
    actor.stop();
  });

  it('with nobody watching, hands the first viewer each actor current snapshot after the actor itself', async () => {
    const url = await start();
    const wide = setup({}).createMachine({
      id: 'wide',
      initial: 'a',
      context: { markets: Array.from({ length: 10_000 }, (_, i) => `MKT-${i}`) },
      states: { a: { on: { NEXT: 'b' } }, b: { on: { NEXT: 'a' } } },
    });
    const actor = createActor(wide, { inspect: relay.inspector.inspect }).start();
    for (let i = 0; i < 5; i++) actor.send({ type: 'NEXT' });
    await vi.waitFor(() => expect(relay.stats().events).toBeGreaterThanOrEqual(6));
    const late = await open(url);
    await late.until((fs) => fs.some((f) => f.type === '@xstate.snapshot'));
    const snapshots = late.frames.filter((f) => f.type === '@xstate.snapshot');
    expect(snapshots.map((f) => f.snapshot.value)).toEqual(['b']);
    expect(snapshots[0]).toMatchObject({ sessionId: actor.sessionId, event: { type: 'NEXT' } });
    expect(snapshots[0]._version).toMatch(/^\d+\.\d+/);
    // The frame's safe copy caps the list instead of shipping all 10,000.
    expect(snapshots[0].snapshot.context.markets.length).toBeLessThan(1_000);
    const actorAt = late.frames.findIndex(
      (f) => f.type === '@xstate.actor' && f.sessionId === actor.sessionId,
    );
    expect(actorAt).toBeGreaterThanOrEqual(0);
    expect(actorAt).toBeLessThan(late.frames.indexOf(snapshots[0]));
    // Live from now on.
    actor.send({ type: 'NEXT' });
    await late.until((fs) => fs.some(isSnapshot('a')));
    actor.stop();
  });

  it('streams new events live to connected viewers', async () => {
    const url = await start();
    const actor = createActor(light, { inspect: relay.inspector.inspect }).start();
    const viewer = await open(url);
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    await viewer.until((fs) => fs.some(isSnapshot('red')));
    const live = viewer.frames.filter((f) => f.type === '@xstate.event' && f.event.type === 'NEXT');
    expect(live).toHaveLength(2);
    actor.stop();
  });

  it('keeps only the last maxReplay events for late viewers', async () => {
    const url = await start({ maxReplay: 2 });
    const early = await open(url);
    const actor = createActor(light, { inspect: relay.inspector.inspect }).start();
    for (let i = 0; i < 6; i++) actor.send({ type: 'NEXT' });
    await early.until((fs) => fs.filter(isSnapshot('green')).length >= 3);
    const events = relay.replay().filter((json) => JSON.parse(json).type === '@xstate.event');
    expect(events).toHaveLength(2);
    expect(relay.stats()).toMatchObject({ viewers: 1, actors: 2, events: 2, droppedFrames: 0 });
    actor.stop();
  });

  it('refuses browser pages from another origin and allows the same origin', async () => {
    const url = await start();
    const host = new URL(url).host;
    expect(await refusedStatus(url, { Origin: 'http://evil.example' })).toBe(403);
    const ws = new WebSocket(url, { headers: { Origin: `http://${host}` } });
    const viewer = new Viewer(ws);
    viewers.push(viewer);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    expect(relay.stats().refusedUpgrades).toBe(1);
  });

  it('uses the attach-time gate when one is given', async () => {
    relay = createInspectionRelay({ pingIntervalMs: 0 });
    server = createServer();
    relay.attach(server, { path: '/inspect-here', allow: (req) => req.headers['x-let-me-in'] === 'yes' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/inspect-here`;
    expect(await refusedStatus(url, {})).toBe(403);
    viewers.push(new Viewer(new WebSocket(url, { headers: { 'x-let-me-in': 'yes' } })));
    await new Promise((resolve) => viewers[0]?.ws.once('open', resolve));
  });

  it('closes viewers on close() and ignores inspection afterwards', async () => {
    const url = await start();
    const viewer = await open(url);
    await relay.close();
    expect(await viewer.closed).toBe(1001);
    const actor = createActor(light, { inspect: relay.inspector.inspect }).start();
    actor.stop();
    expect(relay.replay()).toEqual([]);
  });
});

describe('inspection relay under fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records nothing until Stately’s setTimeout(0) delivery runs', async () => {
    vi.useFakeTimers();
    const relay = createInspectionRelay({ pingIntervalMs: 0 });
    const actor = createActor(light, { inspect: relay.inspector.inspect }).start();
    expect(relay.replay()).toEqual([]);
    vi.runOnlyPendingTimers();
    const types = relay.replay().map((json) => JSON.parse(json).type);
    expect(types).toContain('@xstate.actor');
    expect(types).toContain('@xstate.snapshot');
    actor.stop();
    await relay.close();
  });
});
