// The `trader_status` frame keeps every field the original V3 console reads, in the same shapes, and
// only adds new ones: today's realized PnL and the PnL totals, the book audit, and the private channels
// among the components.
import { describe, expect, it } from 'vitest';
import { toHealthView } from '../../src/server/view-mappers';
import { traderStatusData } from '../../src/server/ws-frames';
import { makeStatus } from './support/fake-ports';

/** The frame's fields before the book audit, in order: the original console's contract. */
const ORIGINAL_FIELDS = [
  'timestamp',
  'state',
  'health',
  'degraded',
  'metrics',
  'markets',
  'market_tickers',
  'positions',
  'orders',
  'snapshots_received',
  'deltas_received',
  'uptime',
  'balance',
  'session_id',
  'components',
  'last_error',
  'recovery_attempts',
  'total_recovery_attempts',
  'consecutive_recovery_attempts',
  'kill_switch',
  'strategy_paused',
  'last_sync',
];
const ORIGINAL_METRICS = [
  'markets_connected',
  'snapshots_received',
  'deltas_received',
  'uptime',
  'health',
  'ping_health',
  'last_ping_age',
  'api_connected',
  'api_url',
  'ws_url',
];

describe('trader_status frame data', () => {
  const status = makeStatus('ready');
  const data = traderStatusData(
    status,
    toHealthView(status.state, status.uptime),
    Date.UTC(2026, 0, 2, 3, 4, 5),
  );

  it('keeps the original fields and metrics, adding only PnL, book_audit and market_lifecycle after them', () => {
    expect(Object.keys(data)).toEqual([
      ...ORIGINAL_FIELDS,
      'daily_realized_pnl_dollars',
      'pnl',
      'book_audit',
      'market_lifecycle',
    ]);
    expect(Object.keys(data.metrics)).toEqual(ORIGINAL_METRICS);
    expect(data).toMatchObject({
      timestamp: '03:04:05',
      state: 'ready',
      health: 'healthy',
      markets: 2,
      market_tickers: ['KXA-1', 'KXB-2'],
      metrics: { markets_connected: 2, ping_health: 'healthy', last_ping_age: 1.5 },
    });
  });

  it('carries the book audit and the private channels component exactly as /v3/status has them', () => {
    expect(data.book_audit).toEqual(status.book_audit);
    expect(data.components.private_channels).toEqual({
      healthy: true,
      detail: 'fills/orders/positions: subscribed',
    });
    expect(data.components.orderbook).toEqual({ healthy: true });
  });
});
