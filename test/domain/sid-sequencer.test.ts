import { describe, expect, it } from 'vitest';
import { SidSequencer } from '../../src/domain/sid-sequencer';

describe('SidSequencer', () => {
  it('takes the first seq of a sid as its baseline, then applies consecutive seqs', () => {
    const seq = new SidSequencer();
    expect(seq.observe(2, 2)).toBe('baseline');
    expect(seq.observe(2, 3)).toBe('apply');
    expect(seq.observe(2, 4)).toBe('apply');
    expect(seq.lastSeq(2)).toBe(4);
    expect(seq.counters).toMatchObject({ baselines: 1, applied: 2, duplicates: 0, gaps: 0 });
  });

  it('drops replays and late frames as duplicates without moving the reference', () => {
    const seq = new SidSequencer();
    seq.observe(1, 10);
    expect(seq.observe(1, 10)).toBe('duplicate');
    expect(seq.observe(1, 3)).toBe('duplicate');
    expect(seq.lastSeq(1)).toBe(10);
    expect(seq.observe(1, 11)).toBe('apply');
    expect(seq.counters.duplicates).toBe(2);
  });

  it('reports a gap, counts what was missed and continues from the new seq', () => {
    const seq = new SidSequencer();
    seq.observe(1, 1);
    expect(seq.observe(1, 5)).toBe('gap');
    expect(seq.counters).toMatchObject({ gaps: 1, missed: 3 });
    expect(seq.observe(1, 6)).toBe('apply');
    // the frame that overtook 5 in a reorder is now a duplicate, not a second gap
    expect(seq.observe(1, 4)).toBe('duplicate');
  });

  it('keeps one counter per sid, never per market', () => {
    const seq = new SidSequencer();
    expect(seq.observe(1, 1)).toBe('baseline');
    expect(seq.observe(7, 1)).toBe('baseline');
    expect(seq.observe(1, 2)).toBe('apply');
    expect(seq.observe(7, 3)).toBe('gap');
  });

  it('restarts every sid on reset (reconnect) and one sid on forget (unsubscribe)', () => {
    const seq = new SidSequencer();
    seq.observe(1, 50);
    seq.observe(2, 60);
    seq.forget(1);
    expect(seq.lastSeq(1)).toBeUndefined();
    expect(seq.observe(1, 1)).toBe('baseline');
    seq.reset();
    expect(seq.observe(2, 1)).toBe('baseline');
    expect(seq.counters.baselines).toBe(4); // cumulative counters survive a reset
  });

  it('forgets the sid it saw last as well as any other', () => {
    const seq = new SidSequencer();
    seq.observe(4, 9);
    seq.forget(4);
    expect(seq.observe(4, 1)).toBe('baseline');
    expect(seq.observe(4, 2)).toBe('apply');
  });
});
