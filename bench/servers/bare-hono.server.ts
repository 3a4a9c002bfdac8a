// The baseline of the `status` figure: a bare Hono app on @hono/node-server answering one route with a
// fixed JSON body (the daemon's own /v3/status body, read from the file given as the argument).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.argv[2] ?? '', 'utf8');
const app = new Hono().get('/v3/status', (c) => c.body(body, 200, { 'Content-Type': 'application/json' }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`BARE READY http://127.0.0.1:${info.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
