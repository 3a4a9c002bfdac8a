// Lifecycle frames as the wire sends them, parsed and turned into market phases: a `deactivated` frame
// pauses the market whether or not it carries `is_deactivated`.
import { describe, expect, it } from 'vitest';
import { lifecycleUpdate } from '../../../src/actors/trading/private-channels';
import { parseDataMessage } from '../../../src/adapters/kalshi/messages';

const frame = (msg: Record<string, unknown>) => {
  const parsed = parseDataMessage({ type: 'market_lifecycle_v2', sid: 7, seq: 1, msg });
  if (!parsed.ok || parsed.message.type !== 'market_lifecycle_v2') throw new Error('frame did not parse');
  return parsed.message.data;
};

describe('lifecycleUpdate', () => {
  const ticker = 'KXTEST-26DEC03-T50';

  it('pauses on a deactivated frame without is_deactivated', () => {
    const u = lifecycleUpdate(frame({ market_ticker: ticker, event_type: 'deactivated' }), 0);
    expect(u).toEqual({ ticker, phase: 'paused' });
  });

  it('follows is_deactivated when the frame carries it', () => {
    const paused = frame({ market_ticker: ticker, event_type: 'deactivated', is_deactivated: true });
    const resumed = frame({ market_ticker: ticker, event_type: 'deactivated', is_deactivated: false });
    expect(lifecycleUpdate(paused, 0)).toEqual({ ticker, phase: 'paused' });
    expect(lifecycleUpdate(resumed, 0)).toEqual({ ticker, phase: 'open' });
  });

  it('opens on an activated frame without is_deactivated', () => {
    const u = lifecycleUpdate(frame({ market_ticker: ticker, event_type: 'activated' }), 0);
    expect(u).toEqual({ ticker, phase: 'open' });
  });
});
