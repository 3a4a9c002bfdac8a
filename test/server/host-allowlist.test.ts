import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHostCheck, hostGuarded } from '../../src/server/host-allowlist';

describe('createHostCheck', () => {
  const check = createHostCheck(['trader.lan', '.example.com', '0.0.0.0', '::1']);

  it('allows loopback names and addresses, with or without a port', () => {
    for (const host of [
      'localhost',
      'localhost:8005',
      '127.0.0.1',
      '127.0.0.1:8005',
      '127.9.9.9:1',
      '[::1]:8005',
    ]) {
      expect(check(host), host).toBe(true);
    }
  });

  it('allows the listed names, subdomains under a leading dot, case and port ignored', () => {
    for (const host of [
      'trader.lan',
      'TRADER.lan:8005',
      'example.com',
      'a.b.example.com:443',
      '0.0.0.0:8005',
    ]) {
      expect(check(host), host).toBe(true);
    }
  });

  it('refuses anything else: rebinding names, other addresses, malformed headers', () => {
    for (const host of [
      'evil.example',
      'evil.example:8005',
      'trader.lan.evil.example',
      'notexample.com',
      'example.com.evil',
      '192.168.1.10:8005',
      'localhost@evil.example',
      '',
      ' ',
    ]) {
      expect(check(host), host).toBe(false);
    }
  });

  it('allows a request without a Host header (no browser sends one)', () => {
    expect(check(undefined)).toBe(true);
  });

  it('gives the same verdicts when asked again, and past its memory of hosts', () => {
    const fresh = createHostCheck(['trader.lan']);
    for (let i = 0; i < 600; i++) {
      expect(fresh(`evil${i}.example`)).toBe(false);
      expect(fresh(`127.0.0.${i % 256}:${8000 + i}`)).toBe(true);
    }
    for (const [host, allowed] of [
      ['evil0.example', false],
      ['evil599.example', false],
      ['trader.lan:8005', true],
      ['trader.lan.evil.example', false],
      ['localhost:8005', true],
    ] as const) {
      expect(fresh(host), host).toBe(allowed);
      expect(fresh(host), host).toBe(allowed);
    }
  });
});

describe('hostGuarded fetch', () => {
  const app = new Hono();
  app.fetch = hostGuarded(app.fetch, createHostCheck([]));
  app.get('/x', (c) => c.text('ok'));

  it('serves loopback and refuses another Host with 403 and the error envelope', async () => {
    expect((await app.request('http://127.0.0.1/x')).status).toBe(200);
    const res = await app.request('/x', { headers: { host: 'evil.example:8005' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: 'host_not_allowed',
        message: 'host "evil.example" is not allowed; list it in V3_ALLOWED_HOSTS to serve it',
      },
    });
  });

  it('checks the URL authority too (an absolute-form request target wins over Host)', async () => {
    const res = await app.request('http://evil.example/x', { headers: { host: '127.0.0.1' } });
    expect(res.status).toBe(403);
  });

  it('guards routes without a handler too (the not-found answer)', async () => {
    const res = await app.request('/nowhere', { headers: { host: 'evil.example' } });
    expect(res.status).toBe(403);
  });

  it('never echoes a Host that is not a host name', async () => {
    const res = await app.request('/x', { headers: { host: 'a<script>b' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe(
      'this host is not allowed; list it in V3_ALLOWED_HOSTS to serve it',
    );
  });
});
