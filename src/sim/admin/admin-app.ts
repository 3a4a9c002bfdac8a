// The simulator's control API under /sim/ (never under /trade-api/): read and set faults, steer the
// synthetic flow, run markets through their lifecycle, and inspect the whole simulator. The server only
// routes loopback callers here.
import { Hono } from 'hono';
import { z } from 'zod';
import type { SimExchangeEngine } from '../engine';
import { type FaultController, faultPatchSchema } from '../faults';
import type { OrderFlow } from '../flow/order-flow';
import type { SubscriptionErrorCommand } from '../ws/ws-server';
import { badRequest, issuesText, jsonBody } from './admin-body';
import { marketAdminRoutes } from './market-admin-routes';

export interface AdminDeps {
  exchange: SimExchangeEngine;
  now: () => number;
  faults: FaultController;
  flow: OrderFlow;
  /** POST /sim/ws/error: ends matching subscriptions on every connected client with error 10 or 25. */
  wsError(command: SubscriptionErrorCommand): { clients: number; errors: number };
  /** GET /sim/state body: markets, clients, subscriptions, counters, faults, flow. */
  state(): unknown;
}

const flowCommandSchema = z
  .object({ running: z.boolean(), rate: z.number().min(0).max(100_000).optional() })
  .strict();

/** One-shot, not a fault state: it hits the subscriptions open now and leaves later ones alone. */
const wsErrorSchema = z
  .object({
    code: z.union([z.literal(10), z.literal(25)]),
    sid: z.number().int().positive().optional(),
    close: z.boolean().optional(),
  })
  .strict();

export function createAdminApp(deps: AdminDeps): Hono {
  const app = new Hono().basePath('/sim');

  app.get('/faults', (c) => c.json(deps.faults.get()));

  app.post('/faults', async (c) => {
    const body = await jsonBody(c.req.raw);
    if (body === undefined) return c.json(badRequest('body must be JSON'), 400);
    const patch = faultPatchSchema.safeParse(body);
    if (!patch.success) return c.json(badRequest('invalid fault settings', issuesText(patch.error)), 400);
    return c.json(deps.faults.set(patch.data));
  });

  app.delete('/faults', (c) => c.json(deps.faults.clear()));

  app.post('/flow', async (c) => {
    const body = await jsonBody(c.req.raw);
    if (body === undefined) return c.json(badRequest('body must be JSON'), 400);
    const command = flowCommandSchema.safeParse(body);
    if (!command.success) return c.json(badRequest('invalid flow command', issuesText(command.error)), 400);
    deps.flow.setRunning(command.data.running);
    if (command.data.rate !== undefined) deps.flow.setRate(command.data.rate);
    return c.json(deps.flow.stats());
  });

  app.post('/ws/error', async (c) => {
    const body = await jsonBody(c.req.raw);
    if (body === undefined) return c.json(badRequest('body must be JSON'), 400);
    const command = wsErrorSchema.safeParse(body);
    if (!command.success) return c.json(badRequest('invalid ws error', issuesText(command.error)), 400);
    return c.json(deps.wsError(command.data));
  });

  app.get('/state', (c) => c.json(deps.state() as Record<string, unknown>));

  app.route('/markets', marketAdminRoutes(deps.exchange, deps.now));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'not found' } }, 404));
  return app;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
