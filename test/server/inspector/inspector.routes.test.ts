import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createConsoleRoutes } from '../../../src/server/console/console.routes';
import { PAGE_CSP } from '../../../src/server/console/static-assets';
import { createInspectorRoutes, INSPECTOR_MODULES } from '../../../src/server/inspector/inspector.routes';
import { crawlPage } from '../console/crawl-page';

describe('inspector routes', () => {
  const app = createInspectorRoutes();

  it('serves GET /inspect as HTML with no-cache and the page CSP', async () => {
    const res = await app.request('/inspect');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Content-Security-Policy')).toBe(PAGE_CSP);
    expect(await res.text()).toContain('data-testid="statechart"');
  });

  it('serves every module the page imports, including the ones shared with the console', async () => {
    const served = await crawlPage(app as Hono, '/inspect');
    const modules = [...served.keys()].filter((p) => p.endsWith('.js')).sort();
    expect(modules).toEqual(
      [...INSPECTOR_MODULES, 'reconnecting-socket.js', 'dom.js'].map((m) => `/inspect/${m}`).sort(),
    );
    expect(served.has('/inspect/theme.css')).toBe(true);
    expect(served.has('/inspect/inspect.css')).toBe(true);
  });

  it('serves the console’s theme, so both pages share one look', async () => {
    const own = await (await app.request('/inspect/theme.css')).text();
    const consoles = await (await createConsoleRoutes().request('/console/theme.css')).text();
    expect(own).toContain('--accent');
    expect(own).toBe(consoles);
  });

  it('knows nothing of the console paths (they are mounted separately)', async () => {
    expect((await app.request('/')).status).toBe(404);
  });
});
