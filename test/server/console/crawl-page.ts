// Follows a page's asset graph through a Hono app (HTML src/href, JS imports) and checks each piece offline.
import type { Hono } from 'hono';
import { expect } from 'vitest';

/** Scripts and stylesheets/icons the page loads (links to other pages are not followed). */
const HTML_REFS = /<(?:script|link)\b[^>]*?\s(?:src|href)="(\/[^"]*)"/g;
const JS_IMPORTS = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g;

/**
 * Fetches `start` and everything it references, failing on a missing asset, an inline script, or a
 * reference to another host (the pages must work without the internet). Returns path → content type.
 */
export async function crawlPage(app: Hono, start: string): Promise<Map<string, string>> {
  const served = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (served.has(path)) continue;
    const res = await app.request(path);
    expect(res.status, `GET ${path}`).toBe(200);
    const type = res.headers.get('Content-Type') ?? '';
    served.set(path, type);
    const body = await res.text();
    expect(body, `${path} refers to another host`).not.toMatch(/(?:src|href|from)\s*=?\s*["']https?:/);
    if (type.startsWith('text/html')) {
      expect(body, `${path} has an inline script`).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(body, `${path} has an inline event handler`).not.toMatch(/\son[a-z]+="/);
      for (const m of body.matchAll(HTML_REFS)) queue.push(m[1] as string);
    } else if (type.startsWith('text/javascript')) {
      for (const m of body.matchAll(JS_IMPORTS)) {
        const spec = (m[1] ?? m[2]) as string;
        expect(spec.startsWith('./'), `${path} imports ${spec}`).toBe(true);
        queue.push(new URL(spec, `http://page${path}`).pathname);
      }
    }
  }
  return served;
}
