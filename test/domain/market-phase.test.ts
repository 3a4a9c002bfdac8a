import { describe, expect, it } from 'vitest';
import { type MarketLifecycle, msToClose, phaseAt, phaseOfStatus } from '../../src/domain/market-phase';

const open: MarketLifecycle = { phase: 'open', closeTimeMs: 10_000, result: null, settledMs: null };

describe('market phase', () => {
  it("reads Kalshi's Market.status vocabulary", () => {
    expect(phaseOfStatus('active')).toBe('open');
    expect(phaseOfStatus('inactive')).toBe('paused');
    expect(phaseOfStatus('initialized')).toBe('unopened');
    expect(phaseOfStatus('determined')).toBe('determined');
    expect(phaseOfStatus('finalized')).toBe('settled');
    expect(phaseOfStatus('nonsense')).toBeNull();
  });

  it('closes an open market at its close time, with no event needed', () => {
    expect(phaseAt(open, 9_999)).toBe('open');
    expect(phaseAt(open, 10_000)).toBe('closed');
    expect(phaseAt({ ...open, phase: 'paused' }, 10_000)).toBe('closed');
    expect(phaseAt({ ...open, phase: 'settled' }, 10_000)).toBe('settled');
  });

  it('counts the time left to close', () => {
    expect(msToClose(open, 4_000)).toBe(6_000);
    expect(msToClose(open, 12_000)).toBe(0);
    expect(msToClose({ ...open, closeTimeMs: null }, 4_000)).toBeNull();
  });
});
