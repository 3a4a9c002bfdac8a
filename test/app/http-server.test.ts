// The daemon's HTTP server: its port bound before anything is served (503 meanwhile, one line for a busy
// port), and one path rule for every WebSocket upgrade.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type BoundHttpPort, bindHttpPort, type HttpServerHandle } from '../../src/app/http-server';
import { createLogger } from '../../src/logger';
import { createInspectionRelay } from '../../src/server/inspector/inspection-relay';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from '../server/support/fake-ports';
import { RawSocket } from '../server/support/raw-socket';

let http: HttpServerHandle | undefined;
const sockets: RawSocket[] = [];
const bound: BoundHttpPort[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await http?.close();
  http = undefined;
  await Promise.all(bound.splice(0).map((b) => b.close()));
});

async function start(): Promise<HttpServerHandle> {
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  const port = await bindHttpPort('127.0.0.1', 0);
  http = port.serve({
    ports: fakePorts().ports,
    relay: createInspectionRelay({ pingIntervalMs: 0 }),
    metrics: createMetrics({ defaultMetrics: false }),
    log: createLogger({ level: 'silent', pretty: false, destination: discard }),
  });
  return http;
}

function open(port: number, target: string): RawSocket {
  const socket = RawSocket.open(port, target);
  sockets.push(socket);
  return socket;
}

describe('the daemon HTTP server: WebSocket upgrades', () => {
  it('reads every upgrade target by one path rule: an accepted upgrade stays a WebSocket', async () => {
    const { port } = await start();
    // Dot segments, a fragment, the absolute form: each names /v3/ws or /v3/inspect once normalised.
    for (const target of ['/v3/./ws', '/v3/inspect#f', 'http://x/v3/ws', '/v3/ws?x=1']) {
      const socket = open(port, target);
      expect(await socket.upgraded(), target).toBe(101);
      expect(await socket.roundTrip(), `${target} answers a ping`).toBe(true);
      expect(socket.body.includes('HTTP/1.1'), `${target}: no HTTP answer inside the stream`).toBe(false);
    }
  });

  it('refuses an upgrade to any other path with a plain 404', async () => {
    const { port } = await start();
    for (const target of ['/v3/wsx', '/v3/ws/', '/nope']) {
      const socket = open(port, target);
      expect(await socket.upgraded(), target).toBe(404);
      await socket.ended;
    }
  });
});

describe('bindHttpPort', () => {
  it('answers 503 until the daemon is served on it', async () => {
    const port = await bindHttpPort('127.0.0.1', 0);
    bound.push(port);
    const res = await fetch(`${port.url}/v3/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'starting', message: 'the daemon is starting' } });
  });

  it('refuses a busy port with one line naming it, --port and V3_PORT', async () => {
    const first = await bindHttpPort('127.0.0.1', 0);
    bound.push(first);
    await expect(bindHttpPort('127.0.0.1', first.port)).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is already in use: choose another with --port or V3_PORT`,
    );
  });
});
