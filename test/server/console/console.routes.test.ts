import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CONSOLE_MODULES, createConsoleRoutes } from '../../../src/server/console/console.routes';
import { PAGE_CSP } from '../../../src/server/console/static-assets';
import { crawlPage } from './crawl-page';

describe('console routes', () => {
  const app = createConsoleRoutes();

  it('serves the page at / as HTML with no-cache and a restrictive CSP', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Content-Security-Policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("default-src 'self'");
    expect(PAGE_CSP).toContain("connect-src 'self' ws: wss:");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await res.text()).toContain('data-testid="trader-state"');
  });

  it('serves every asset the page and its modules reference, with the right content type', async () => {
    const served = await crawlPage(app as Hono, '/');
    // Every listed module is reached from the page, and the page reaches nothing unlisted.
    const modules = [...served.keys()].filter((p) => p.endsWith('.js')).sort();
    expect(modules).toEqual(CONSOLE_MODULES.map((m) => `/console/${m}`).sort());
    expect(served.has('/console/theme.css')).toBe(true);
    expect(served.has('/console/app.css')).toBe(true);
    for (const [path, type] of served) {
      if (path.endsWith('.js')) expect(type, path).toBe('text/javascript; charset=utf-8');
      if (path.endsWith('.css')) expect(type, path).toBe('text/css; charset=utf-8');
    }
  });

  it('answers a revalidation with 304 when the ETag still matches', async () => {
    const first = await app.request('/console/app.js');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/console/app.js', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('does not serve files outside its list', async () => {
    expect((await app.request('/console/console.routes.ts')).status).toBe(404);
    expect((await app.request('/console/../static-assets.ts')).status).toBe(404);
  });
});
