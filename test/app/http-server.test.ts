import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpServerHandle, startHttpServer } from '../../src/app/http-server';
import { createLogger } from '../../src/logger';
import { createInspectionRelay } from '../../src/server/inspector/inspection-relay';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from '../server/support/fake-ports';
import { RawSocket } from '../server/support/raw-socket';

let http: HttpServerHandle | undefined;
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await http?.close();
  http = undefined;
});

async function start(): Promise<HttpServerHandle> {
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  http = await startHttpServer({
    ports: fakePorts().ports,
    host: '127.0.0.1',
    port: 0,
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
