// Status and health go out as cached JSON with a strong ETag: a matching If-None-Match gets a bodiless
// 304, a changed view a 200 with a new ETag, and one view object is serialised once.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { jsonBody } from '../../src/server/json-body';
import { fakePorts, makeStatus } from './support/fake-ports';

describe('jsonBody', () => {
  it('serialises one view object once and reuses the bytes', () => {
    const view = makeStatus();
    const body = jsonBody(view);
    expect(JSON.parse(body.text)).toEqual(view);
    expect(jsonBody(view)).toBe(body);
    // Equal content, equal validator, even from another object.
    expect(jsonBody(makeStatus()).etag).toBe(body.etag);
  });
});

describe('GET /v3/status and /v3/health with ETags', () => {
  it.each(['/v3/status', '/v3/health'])('%s answers 304 to its own ETag', async (path) => {
    const app = createApp(fakePorts().ports);
    const first = await app.request(path);
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request(path, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
  });

  it('answers 304 to a list naming its ETag, to the weak form of it, and to *', async () => {
    const app = createApp(fakePorts().ports);
    const etag = (await app.request('/v3/status')).headers.get('etag')!;
    for (const header of [`"other", ${etag}`, `W/${etag}`, `"a" , W/${etag} ,"b"`, '*']) {
      const res = await app.request('/v3/status', { headers: { 'if-none-match': header } });
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('content-type'), header).toBeNull();
    }
    for (const header of ['"other"', `W/"x${etag.slice(1)}`, etag.slice(0, -1), '']) {
      const res = await app.request('/v3/status', { headers: { 'if-none-match': header } });
      expect(res.status, header).toBe(200);
      expect(JSON.parse(await res.text()).state).toBeDefined();
    }
  });

  it('answers 200 with a new ETag once the state has changed', async () => {
    const fake = fakePorts();
    const app = createApp(fake.ports);
    const etag = (await app.request('/v3/status')).headers.get('etag')!;
    fake.setState('degraded');
    const res = await app.request('/v3/status', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
    expect((await res.json()).state).toBe('degraded');
  });

  it('never answers 304 to an unhealthy /v3/health', async () => {
    const fake = fakePorts();
    fake.setState('error');
    const app = createApp(fake.ports);
    const etag = (await app.request('/v3/health')).headers.get('etag')!;
    const res = await app.request('/v3/health', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(503);
  });
});
