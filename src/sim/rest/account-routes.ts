// Account endpoints: the caller's API tier with its token buckets, and the endpoints with non-default costs.
import { Hono } from 'hono';
import type { RouteDeps, SimEnv } from './rest-context';

export function accountRoutes(deps: RouteDeps): Hono<SimEnv> {
  const { limits } = deps.limiter;
  const app = new Hono<SimEnv>();

  app.get('/limits', (c) =>
    c.json({
      usage_tier: limits.usageTier,
      read: { refill_rate: limits.read.refillRate, bucket_capacity: limits.read.bucketCapacity },
      write: { refill_rate: limits.write.refillRate, bucket_capacity: limits.write.bucketCapacity },
      grants: [],
    }),
  );

  // Batch cancel is listed at its per-order cost; every other endpoint costs `default_cost`.
  app.get('/endpoint_costs', (c) =>
    c.json({
      default_cost: limits.defaultCost,
      endpoint_costs: [
        {
          method: 'DELETE',
          path: '/trade-api/v2/portfolio/events/orders/batched',
          cost: limits.batchCancelCostPerOrder,
        },
      ],
    }),
  );

  return app;
}
