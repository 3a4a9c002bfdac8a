// The baseline of the `status` figures: a bare Hono app on @hono/node-server answering one route with a
// fixed JSON body (the daemon's own /v3/status body, read from the file given as the argument). With
// `--etag` it also sends an ETag and answers a matching If-None-Match with 304, written the plain Hono way.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.argv[2] ?? '', 'utf8');
const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
const app = process.argv.includes('--etag')
  ? new Hono().get('/v3/status', (c) =>
      c.req.header('if-none-match') === etag
        ? c.body(null, 304, { ETag: etag })
        : c.body(body, 200, { 'Content-Type': 'application/json', ETag: etag }),
    )
  : new Hono().get('/v3/status', (c) => c.body(body, 200, { 'Content-Type': 'application/json' }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`BARE READY http://127.0.0.1:${info.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
