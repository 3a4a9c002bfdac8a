import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/server/metrics';
import { TRADER_STATES } from '../../src/server/views';

describe('createMetrics', () => {
  it('exports one state series per state with exactly the current one at 1', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.setState('ready');
    m.setState('degraded');
    const values = (await m.state.get()).values;
    expect(values).toHaveLength(TRADER_STATES.length);
    expect(values.filter((v) => v.value === 1).map((v) => v.labels.state)).toEqual(['degraded']);
  });

  it('updates the named handles into the registry text', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.transitions.inc({ from: 'ready', to: 'degraded' });
    m.orderbookGaps.inc();
    m.restRequests.inc({ endpoint: '/portfolio/orders', method: 'GET', status: '200' });
    m.restDuration.observe({ endpoint: '/portfolio/orders', method: 'GET' }, 0.04);
    m.syncDuration.observe({ result: 'ok' }, 1.2);
    m.orderOutcomes.inc({ outcome: 'unknown' });
    m.rateLimitWaits.inc({ bucket: 'write' });
    m.orderbookForeign.inc(3);
    m.orderbookUnsubscribed.inc();
    m.bookAuditMismatches.inc(2);
    m.restInvalidBodies.inc({ endpoint: '/markets', method: 'GET' });
    const text = await m.registry.metrics();
    expect(text).toContain('kalshi_trader_transitions_total{from="ready",to="degraded"} 1');
    expect(text).toContain('kalshi_trader_orderbook_gaps_total 1');
    expect(text).toContain(
      'kalshi_trader_rest_requests_total{endpoint="/portfolio/orders",method="GET",status="200"} 1',
    );
    expect(text).toContain(
      'kalshi_trader_rest_request_duration_seconds_bucket{le="0.05",endpoint="/portfolio/orders",method="GET"} 1',
    );
    expect(text).toContain('kalshi_trader_sync_duration_seconds_count{result="ok"} 1');
    expect(text).toContain('kalshi_trader_order_outcomes_total{outcome="unknown"} 1');
    expect(text).toContain('kalshi_trader_rate_limit_waits_total{bucket="write"} 1');
    expect(text).toContain('kalshi_trader_orderbook_foreign_total 3');
    expect(text).toContain('kalshi_trader_orderbook_unsubscribed_total 1');
    expect(text).toContain('kalshi_trader_book_audit_mismatches_total 2');
    expect(text).toContain('kalshi_trader_rest_invalid_bodies_total{endpoint="/markets",method="GET"} 1');
  });

  it('includes the Node defaults, event-loop lag among them, in its own registry', async () => {
    const a = createMetrics();
    const b = createMetrics();
    expect(await a.registry.metrics()).toContain('nodejs_eventloop_lag_seconds');
    a.orderbookResyncs.inc();
    expect(await b.registry.metrics()).toContain('kalshi_trader_orderbook_resyncs_total 0');
  });
});
