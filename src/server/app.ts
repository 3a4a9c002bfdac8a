// The daemon's HTTP app: sub-apps per concern mounted on one Hono, one error and one not-found handler.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHostCheck, hostGuarded } from './host-allowlist';
import { errorBody, toErrorResponse } from './http-errors';
import type { DaemonPorts } from './ports';
import { historyRoutes } from './routes/history.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { openApiRoutes } from './routes/openapi.routes';
import { orderbookRoutes } from './routes/orderbook.routes';
import { orderRoutes } from './routes/orders.routes';
import { stateRoutes } from './routes/state.routes';

/** Every write this API takes (an order, a command) fits in a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface AppOptions {
  /** Called with errors that became a 500, for the log (the client only sees a generic body). */
  onUnexpectedError?: (err: unknown) => void;
}

export function createApp(ports: DaemonPorts, opts: AppOptions = {}): Hono {
  const app = new Hono();
  // Around the whole app, so it guards every route, the ones mounted later included (console,
  // inspector, trading); `app.request` goes through it too.
  app.fetch = hostGuarded(app.fetch, createHostCheck(ports.allowedHosts));
  // Counts streamed (chunked) bodies too, and stops reading past the limit.
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `request body over ${MAX_BODY_BYTES} bytes`), 413),
  });
  // Only where a body may come: asking a GET for its body makes @hono/node-server build a full Request
  // (a fifth of a /v3/status request's CPU in the profile), and a GET with no middleware stays synchronous.
  app.on(BODY_METHODS, '*', limit);
  app.route('/v3', stateRoutes(ports));
  app.route('/v3', historyRoutes(ports));
  app.route('/v3/orderbook', orderbookRoutes(ports));
  app.route('/v3/orders', orderRoutes(ports));
  app.route('/v3/openapi.json', openApiRoutes());
  app.route('/metrics', metricsRoutes(ports));
  app.notFound((c) =>
    c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path.slice(0, 200)}`), 404),
  );
  app.onError((err, c) => toErrorResponse(err, c, opts.onUnexpectedError));
  return app;
}
