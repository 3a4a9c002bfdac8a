// GET /v3/health, /v3/status, /v3/positions, /v3/orders: read straight from the ports, no copies kept.
import { Hono } from 'hono';
import type { DaemonPorts } from '../ports';

export function stateRoutes(ports: DaemonPorts): Hono {
  return new Hono()
    .get('/health', (c) => {
      const health = ports.getHealth();
      return c.json(health, health.healthy ? 200 : 503);
    })
    .get('/status', (c) => c.json(ports.getStatus()))
    .get('/positions', (c) => c.json({ positions: ports.getPositions() }))
    .get('/orders', (c) => c.json({ orders: ports.getOrders() }));
}
