// GET /metrics: Prometheus text exposition of the daemon's registry.
import { Hono } from 'hono';
import type { DaemonPorts } from '../ports';

export function metricsRoutes(ports: DaemonPorts): Hono {
  return new Hono().get('/', async (c) => {
    const text = await ports.metrics.metrics();
    return c.body(text, 200, { 'Content-Type': ports.metrics.contentType });
  });
}
