// GET /v3/health, /v3/status, /v3/positions (`?all=1`: flat markets too), /v3/orders: read straight from
// the ports, no copies kept (`/v3/orders?status=`: stored). Status and health go out as their views'
// cached JSON with an ETag (304 when unchanged).
import { Hono } from 'hono';
import { sendJson } from '../json-body';
import type { DaemonPorts } from '../ports';
import { storedOrders } from './history.routes';

export function stateRoutes(ports: DaemonPorts): Hono {
  return (
    new Hono()
      .get('/health', (c) => {
        const health = ports.getHealth();
        return sendJson(c, health, health.healthy ? 200 : 503);
      })
      .get('/status', (c) => sendJson(c, ports.getStatus()))
      .get('/positions', (c) => {
        const all = c.req.query('all');
        return c.json({ positions: ports.getPositions({ all: all === '1' || all === 'true' }) });
      })
      // With `status`: the stored orders (history.routes.ts); without: the live open and tracked orders.
      .get('/orders', (c) =>
        c.req.query('status') === undefined ? c.json({ orders: ports.getOrders() }) : storedOrders(c, ports),
      )
  );
}
