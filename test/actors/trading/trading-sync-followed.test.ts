// A full sync against the simulator tells the trading actor which markets are followed now, so a market
// that ended days ago and is no longer followed is let go while a followed one stays.
import { afterEach, describe, expect, it } from 'vitest';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { DAY_MS } from '../../../src/domain/fill-ledger';
import { type SimTrading, startSimTrading, WIDE_LIMITS } from './sim-harness';

describe('sync and the followed markets', () => {
  let h: SimTrading | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('lets an old ended market go once it is no longer followed', async () => {
    h = await startSimTrading();
    const [live] = await h.client.listMarkets({ status: 'open' });
    if (!live) throw new Error('the simulator lists no open market');
    const weekAgo = Date.now() - 7 * DAY_MS;
    h.trading.send({
      type: 'MARKETS.UPDATE',
      updates: [
        { ticker: live.ticker, phase: 'open', closeTimeMs: live.closeTimeMs },
        { ticker: 'KX-GONE', phase: 'settled', result: 'yes', settledMs: weekAgo, closeTimeMs: weekAgo },
        { ticker: 'KX-KEPT', phase: 'settled', result: 'no', settledMs: weekAgo, closeTimeMs: weekAgo },
      ],
      atMs: Date.now(),
    });
    const service = createTradingService({
      client: h.client,
      trading: h.trading,
      limits: WIDE_LIMITS,
      now: Date.now,
      followed: () => [live.ticker, 'KX-KEPT'],
    });
    await service.fullSync();
    expect(Object.keys(h.trading.getSnapshot().context.markets).sort()).toEqual(
      [live.ticker, 'KX-KEPT'].sort(),
    );
  });
});
