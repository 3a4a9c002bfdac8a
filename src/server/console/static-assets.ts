// The console's and inspector's static files: read once at start-up, served with strict headers and ETags.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

/** Same-origin scripts, styles and sockets only: the pages load nothing from the internet. */
export const PAGE_CSP = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface StaticAsset {
  body: string;
  contentType: string;
  etag: string;
}

/** Reads a file next to the module that asks for it; a missing asset fails start-up, not a request. */
export function loadAsset(file: URL): StaticAsset {
  const body = readFileSync(file, 'utf8');
  const ext = file.pathname.slice(file.pathname.lastIndexOf('.') + 1);
  const contentType = CONTENT_TYPES[ext];
  if (contentType === undefined) throw new Error(`no content type for asset ${file.pathname}`);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType, etag };
}

const HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Serves each path → asset with `no-cache` (revalidate every time, answered by the ETag). */
export function staticRoutes(assets: Record<string, StaticAsset>): Hono {
  const app = new Hono();
  for (const [path, asset] of Object.entries(assets)) {
    app.get(path, (c) => {
      const headers = { ...HEADERS, ETag: asset.etag };
      if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304, headers);
      return c.body(asset.body, 200, { ...headers, 'Content-Type': asset.contentType });
    });
  }
  return app;
}
