import { describe, expect, it } from 'vitest';
import { metricValue } from '../../src/soak/samplers';

const TEXT = `# HELP nodejs_gc_duration_seconds Garbage collection duration by kind
nodejs_gc_duration_seconds_count{kind="minor"} 20
nodejs_gc_duration_seconds_count{kind="major"} 3
nodejs_heap_size_used_bytes 41234432
nodejs_heap_size_used_bytes_extra 1
kalshi_trader_ws_messages_total{type="orderbook_delta"} 1500
kalshi_trader_ws_messages_total{type="orderbook_snapshot"} 20
`;

describe('reading Prometheus text', () => {
  it('sums a metric over its series, optionally only those with a label', () => {
    expect(metricValue(TEXT, 'nodejs_heap_size_used_bytes')).toBe(41_234_432);
    expect(metricValue(TEXT, 'kalshi_trader_ws_messages_total')).toBe(1_520);
    expect(metricValue(TEXT, 'nodejs_gc_duration_seconds_count', 'kind="major"')).toBe(3);
    expect(metricValue(TEXT, 'nodejs_absent')).toBeNaN();
  });
});
