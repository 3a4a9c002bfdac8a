// The daemon's HTTP server: its port bound before anything is served (503 meanwhile, one line for a busy
// port), one path rule for every WebSocket upgrade, and the error envelope even for requests that never
// reach a route (unparseable, or a body over the limit).
import { connect } from 'node:net';
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

describe('the daemon HTTP server: error bodies', () => {
  /** Raw bytes on a socket: requests a client library would refuse to send. */
  async function raw(port: number, text: string): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    socket.write(text);
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      out += chunk;
    });
    await new Promise((resolve) => socket.once('close', resolve));
    return out;
  }
  const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

  it('answers a request the adapter cannot parse with a 400 envelope, not an empty body', async () => {
    const { port } = await start();
    for (const head of [
      'GET /v3\\status HTTP/1.1\r\nHost: 127.0.0.1',
      'GET /v3/status HTTP/1.1\r\nHost: a:99999',
    ]) {
      const res = await raw(port, `${head}\r\nConnection: close\r\n\r\n`);
      expect(res, head).toMatch(/^HTTP\/1\.1 400 /);
      expect(bodyOf(res)).toEqual({ error: { code: 'bad_request', message: 'malformed request' } });
    }
  });

  it('answers a chunked body over the limit with 413, on any path', async () => {
    const { port } = await start();
    const chunk = 'x'.repeat(4096);
    const chunks = Array.from({ length: 8 }, () => `1000\r\n${chunk}\r\n`).join('');
    const res = await raw(
      port,
      'POST /v3/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        `${chunks}0\r\n\r\n`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 413 /);
    expect(bodyOf(res).error.code).toBe('payload_too_large');
  });
});

describe('the daemon HTTP server: GET /v3/status on the wire', () => {
  it('sends the cached JSON with its length and ETag, and a bare 304 to that ETag', async () => {
    const { url } = await start();
    const first = await fetch(`${url}/v3/status`);
    const text = await first.text();
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text).state).toBe('ready');
    expect(etag).toMatch(/^"[\w-]+"$/);
    for (let i = 0; i < 2; i++) {
      const again = await fetch(`${url}/v3/status`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('content-type')).toBeNull();
      expect(await again.text()).toBe('');
    }
    // The same connection still serves a full answer after the 304s.
    const after = await fetch(`${url}/v3/status`);
    expect(await after.text()).toBe(text);
  });
});
