// GET /v3/health, /v3/status, /v3/positions (`?all=1`: flat markets too), /v3/orders (live; `?status=`:
// stored): read straight from the ports, no copies kept.
import { Hono } from 'hono';
import type { DaemonPorts } from '../ports';
import { storedOrders } from './history.routes';

export function stateRoutes(ports: DaemonPorts): Hono {
  return (
    new Hono()
      .get('/health', (c) => {
        const health = ports.getHealth();
        return c.json(health, health.healthy ? 200 : 503);
      })
      .get('/status', (c) => c.json(ports.getStatus()))
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
