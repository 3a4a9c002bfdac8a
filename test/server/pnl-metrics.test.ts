import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/server/metrics';
import { type PnlSample, registerPnlMetrics } from '../../src/server/pnl-metrics';

describe('PnL metrics', () => {
  it('reads the figures at scrape time, in dollars and contracts, one sample per scrape', async () => {
    const m = createMetrics({ defaultMetrics: false });
    let reads = 0;
    let sample: PnlSample = {
      dailyRealizedPnl: -1_250_000,
      realizedPnl: 2_000_000,
      feesPaid: 70_000,
      unrealizedPnl: -30_000,
      exposure: 5_600_000,
      unverified: 1,
      ledgerEntries: 12,
      markets: [
        {
          ticker: 'KXA',
          position: -250,
          exposure: 5_600_000,
          realizedPnl: 2_000_000,
          feesPaid: 70_000,
          unrealizedPnl: null,
        },
      ],
    };
    const counters = registerPnlMetrics(m.registry, () => {
      reads++;
      return sample;
    });
    counters.ledgerMismatches.inc();
    counters.ledgerRejected.inc({ reason: 'conflict' });
    const text = await m.registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('kalshi_trader_daily_realized_pnl_dollars -1.25');
    expect(text).toContain('kalshi_trader_realized_pnl_dollars 2');
    expect(text).toContain('kalshi_trader_fees_paid_dollars 0.07');
    expect(text).toContain('kalshi_trader_unrealized_pnl_dollars -0.03');
    expect(text).toContain('kalshi_trader_unverified_positions 1');
    expect(text).toContain('kalshi_trader_ledger_entries 12');
    expect(text).toContain('kalshi_trader_market_position_contracts{ticker="KXA"} -2.5');
    expect(text).toContain('kalshi_trader_market_realized_pnl_dollars{ticker="KXA"} 2');
    expect(text).not.toContain('kalshi_trader_market_unrealized_pnl_dollars{');
    expect(text).toContain('kalshi_trader_ledger_mismatches_total 1');
    expect(text).toContain('kalshi_trader_ledger_rejected_fills_total{reason="conflict"} 1');

    // A market no longer held disappears at the next scrape.
    sample = { ...sample, markets: [] };
    expect(await m.registry.metrics()).not.toContain('ticker="KXA"');
  });
});
