// The simulator's REST API: Kalshi's /trade-api/v2 paths over the engine, with signature checks on
// private routes, token-bucket limits, and Kalshi's error envelope for every failure.
import { Hono } from 'hono';
import { authErrorBody, verifyKalshiRequest } from '../auth-verify';
import { createSimRateLimiter } from '../rate-limit';
import { accountRoutes } from './account-routes';
import { errorResponse, notFound, tooManyRequests } from './http-errors';
import { marketRoutes } from './market-routes';
import { orderRoutes } from './order-routes';
import { portfolioRoutes } from './portfolio-routes';
import type { RouteDeps, SimEnv, SimRestDeps } from './rest-context';

export type { SimRestDeps } from './rest-context';

const PREFIX = '/trade-api/v2';
const isPrivate = (path: string) => /^\/trade-api\/v2\/(portfolio|account)(\/|$)/.test(path);
/** Only order mutations spend the write bucket; batches are charged per order by their handlers. */
const bucketOf = (method: string, path: string) =>
  method !== 'GET' && path.startsWith(`${PREFIX}/portfolio/events/orders`) ? 'write' : 'read';

export function createSimRestApp(deps: SimRestDeps): Hono<SimEnv> {
  const limiter = createSimRateLimiter(deps.limits, deps.now);
  const routeDeps: RouteDeps = { ...deps, limiter };
  const api = new Hono<SimEnv>();

  api.use('*', async (c, next) => {
    if (deps.onRequest) {
      const injected = await deps.onRequest(c.req.raw);
      if (injected) return injected;
    }
    // The signature covers the raw path as sent (percent-escapes included), never the query.
    const path = new URL(c.req.url).pathname;
    const hasKey = c.req.header('KALSHI-ACCESS-KEY') !== undefined;
    if (isPrivate(path) || hasKey) {
      const auth = verifyKalshiRequest(deps.keys, c.req.raw.headers, c.req.method, path, deps.now, {
        ...(deps.maxSkewMs === undefined ? {} : { maxSkewMs: deps.maxSkewMs }),
        strictSalt: deps.strictSignatures?.() === true,
      });
      // Public data stays public: a bad signature there is ignored, not refused.
      if (!auth.ok && isPrivate(path)) return c.json(authErrorBody(auth.reason), 401);
      c.set('userId', auth.ok ? auth.userId : undefined);
    }
    const bucket = bucketOf(c.req.method, path);
    const batched = path.endsWith('/batched');
    if (!batched && !limiter.take(c.get('userId') ?? 'anonymous', bucket, limiter.limits.defaultCost)) {
      return errorResponse(c, tooManyRequests());
    }
    await next();
  });

  api.route('/', marketRoutes(routeDeps));
  api.route('/portfolio', portfolioRoutes(routeDeps));
  api.route('/portfolio/events/orders', orderRoutes(routeDeps));
  api.route('/account', accountRoutes(routeDeps));
  api.all('*', (c) => errorResponse(c, notFound()));
  api.onError((error, c) => errorResponse(c, error));

  const app = new Hono<SimEnv>();
  app.route(PREFIX, api);
  app.notFound((c) => errorResponse(c, notFound()));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}
