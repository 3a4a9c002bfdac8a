import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ViewerHub } from '../../../src/server/inspector/viewer-hub';
import { createMetrics } from '../../../src/server/metrics';
import { OP, RawSocket } from '../support/raw-socket';

let server: Server | undefined;
let hub: ViewerHub | undefined;
const raw: RawSocket[] = [];
afterEach(async () => {
  for (const s of raw.splice(0)) s.destroy();
  await hub?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = hub = undefined;
});

async function start(opts: { maxViewers?: number; now?: () => number } = {}) {
  const warnings: Array<[Record<string, unknown>, string]> = [];
  const metrics = createMetrics({ defaultMetrics: false });
  const h = new ViewerHub({
    maxViewers: opts.maxViewers ?? 16,
    maxBufferedBytes: 1024 * 1024,
    pingIntervalMs: 0,
    replay: () => ['{"type":"replayed"}'],
    onWarn: (obj, msg) => warnings.push([obj, msg]),
    ...(opts.now ? { now: opts.now } : {}),
  });
  h.metrics = metrics;
  hub = h;
  const s = createServer();
  s.on('upgrade', (req, socket, head) => h.handleUpgrade(req, socket, head));
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { hub: h, port: (s.address() as AddressInfo).port, warnings, metrics };
}

function rawViewer(port: number): RawSocket {
  const s = RawSocket.open(port, '/v3/inspect');
  raw.push(s);
  return s;
}

function viewer(port: number): Promise<{ ws: WebSocket; first: Promise<string> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v3/inspect`);
  const first = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, first }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('/v3/inspect viewer hub', () => {
  it('at its cap, closes the oldest viewer that never answered a ping to make room', async () => {
    let nowMs = 1_000_000;
    const { hub: h, port, metrics } = await start({ maxViewers: 2, now: () => nowMs });
    const first = rawViewer(port);
    expect(await first.upgraded()).toBe(101);
    nowMs += 100;
    expect(await rawViewer(port).upgraded()).toBe(101);
    nowMs += 5_000;
    const live = await viewer(port);
    expect(await live.first).toBe('{"type":"replayed"}');
    await first.ended;
    expect(h.stats()).toMatchObject({ viewers: 2, evictions: 1 });
    expect((await metrics.inspectorEvictions.get()).values[0]?.value).toBe(1);
    live.ws.terminate();
  });

  it('counts bad frames in /metrics and logs them once per viewer, without a stack', async () => {
    const { hub: h, port, warnings, metrics } = await start();
    for (let i = 0; i < 3; i++) {
      const s = rawViewer(port);
      expect(await s.upgraded()).toBe(101);
      s.send(OP.text, Buffer.from([0xff, 0xfe]));
      await s.ended;
    }
    expect(h.stats().badFrames).toBe(3);
    expect((await metrics.inspectorBadFrames.get()).values).toEqual([
      { value: 3, labels: { code: 'invalid_utf8' } },
    ]);
    expect(warnings).toHaveLength(3);
    for (const [obj] of warnings) {
      expect(obj.err).toBeUndefined();
      expect(obj.code).toBe('invalid_utf8');
    }
  });
});
