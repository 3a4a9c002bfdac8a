// The DNS-rebinding defence on the real server: every route family and both WebSocket upgrades answer
// only requests naming loopback, the bind address or an allowed host; the rest get 403 and the envelope.
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { bindHttpPort, type HttpServerHandle } from '../../src/app/http-server';
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

async function start(): Promise<number> {
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  const bound = await bindHttpPort('127.0.0.1', 0);
  http = bound.serve({
    // fakePorts allows `trader.example` besides loopback.
    ports: fakePorts().ports,
    relay: createInspectionRelay({ pingIntervalMs: 0 }),
    metrics: createMetrics({ defaultMetrics: false }),
    log: createLogger({ level: 'silent', pretty: false, destination: discard }),
  });
  return http.port;
}

/** A GET over a real socket with any Host header (fetch would not let us set it) and any request target. */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ROUTES = {
  api: '/v3/status',
  health: '/v3/health',
  orderbook: '/v3/orderbook/KXA-1',
  console: '/',
  'console asset': '/console/app.js',
  inspector: '/inspect',
  metrics: '/metrics',
  openapi: '/v3/openapi.json',
  'unknown path': '/nope',
};

describe('Host allowlist on every HTTP route family', () => {
  it.each(Object.entries(ROUTES))(
    '%s (%s): refuses a rebinding Host with 403 and the envelope',
    async (_, path) => {
      const port = await start();
      for (const host of ['evil.example', `evil.example:${port}`, `192.168.1.20:${port}`]) {
        const res = await get(port, path, host);
        expect(res.status, host).toBe(403);
        expect(JSON.parse(res.body).error.code, host).toBe('host_not_allowed');
      }
    },
  );

  it.each(Object.entries(ROUTES))('%s (%s): serves loopback names and allowed hosts', async (_, path) => {
    const port = await start();
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'localhost',
      `[::1]:${port}`,
      'trader.example',
    ]) {
      const res = await get(port, path, host);
      expect(res.status, host).toBe(path === '/nope' ? 404 : 200);
    }
  });

  it('refuses an absolute-form request naming another host, whatever Host says', async () => {
    const port = await start();
    const res = await get(port, 'http://evil.example/v3/status', `127.0.0.1:${port}`);
    expect(res.status).toBe(403);
  });
});

describe('Host allowlist on WebSocket upgrades', () => {
  function open(port: number, target: string, host: string): RawSocket {
    const socket = RawSocket.open(port, target, { Host: host, Origin: `http://${host}` });
    sockets.push(socket);
    return socket;
  }

  it.each(['/v3/ws', '/v3/inspect'])('%s: a refused Host never reaches 101', async (target) => {
    const port = await start();
    const socket = open(port, target, `evil.example:${port}`);
    expect(await socket.upgraded()).toBe(403);
    expect(socket.head).toContain('Content-Type: application/json');
    await socket.ended;
    expect(JSON.parse(socket.body.toString()).error.code).toBe('host_not_allowed');
  });

  it.each(['/v3/ws', '/v3/inspect'])('%s: loopback and allowed hosts upgrade', async (target) => {
    const port = await start();
    for (const host of [`localhost:${port}`, `trader.example:${port}`]) {
      const socket = open(port, target, host);
      expect(await socket.upgraded(), host).toBe(101);
    }
  });

  it('refuses an upgrade to an unknown path from a refused Host with 403, not 404', async () => {
    const port = await start();
    const socket = open(port, '/nope', 'evil.example');
    expect(await socket.upgraded()).toBe(403);
  });
});
