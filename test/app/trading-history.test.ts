// The session's fills and PnL samples for consoles that (re)connect: fills as relayed, PnL sampled from
// status news at most once per period and only when it changed.
import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../src/app/daemon-events';
import { createTradingHistory, PNL_SAMPLE_MS } from '../../src/app/trading-history';
import type { FillView, PnlView } from '../../src/server/views';
import { NO_PNL } from '../server/support/pnl-fixtures';

describe('trading history', () => {
  it('keeps relayed fills and samples PnL when it changed, at most once per period', () => {
    const hub = createEventHub();
    let nowMs = 0;
    let pnl: PnlView = NO_PNL;
    let computed = 0;
    const history = createTradingHistory(
      hub.subscribe,
      () => {
        computed++;
        return pnl;
      },
      () => nowMs,
    );
    const status = () => hub.publish({ type: 'status' });
    status();
    status(); // same period: not even computed
    nowMs += PNL_SAMPLE_MS;
    status(); // unchanged: computed, not kept
    pnl = { ...NO_PNL, realized_pnl_net_dollars: '-0.010000', unrealized_pnl_dollars: '0.020000' };
    nowMs += 1_000;
    status(); // changed, but within the period
    nowMs += PNL_SAMPLE_MS;
    status();
    expect(computed).toBe(3);
    expect(history.pnl()).toEqual([
      [0, NO_PNL.realized_pnl_net_dollars, NO_PNL.unrealized_pnl_dollars],
      [2 * PNL_SAMPLE_MS + 1_000, '-0.010000', '0.020000'],
    ]);

    const fill = { fill_id: 'f-1', ticker: 'KX' } as FillView;
    hub.publish({ type: 'fill', fill });
    expect(history.fills()).toEqual([fill]);
  });
});
