import { describe, expect, it } from 'vitest';
import { REWIND_WINDOW, SidSequencer } from '../../src/domain/sid-sequencer';

const opened = (...sids: number[]) => {
  const seq = new SidSequencer();
  for (const sid of sids) seq.open(sid);
  return seq;
};

describe('SidSequencer', () => {
  it('knows only the sids it was told are ours', () => {
    const seq = opened(2);
    expect(seq.observe(9, 1)).toBe('foreign');
    expect(seq.rebase(9, 1)).toBe('foreign');
    expect(seq.owns(9)).toBe(false);
    expect(seq.lastSeq(9)).toBeUndefined();
    expect(seq.owns(2)).toBe(true);
  });

  it('takes the first seq of a sid as its baseline, then applies consecutive seqs', () => {
    const seq = opened(2);
    expect(seq.observe(2, 2)).toBe('baseline');
    expect(seq.observe(2, 3)).toBe('apply');
    expect(seq.observe(2, 4)).toBe('apply');
    expect(seq.lastSeq(2)).toBe(4);
  });

  it('drops replays and late frames as duplicates without moving the reference', () => {
    const seq = opened(1);
    seq.observe(1, 10);
    expect(seq.observe(1, 10)).toBe('duplicate');
    expect(seq.observe(1, 3)).toBe('duplicate');
    expect(seq.lastSeq(1)).toBe(10);
    expect(seq.observe(1, 11)).toBe('apply');
  });

  it('never takes a forward jump as the new reference: the sid is broken until a snapshot', () => {
    const seq = opened(1);
    seq.rebase(1, 5);
    expect(seq.observe(1, 5 + 1e9)).toBe('gap');
    expect(seq.lastSeq(1)).toBe(5);
    // the real stream goes on; nothing of it is applied until the resync's snapshot arrives
    expect(seq.observe(1, 6)).toBe('broken');
    expect(seq.observe(1, Number.MAX_SAFE_INTEGER)).toBe('broken');
    expect(seq.rebase(1, 9)).toBe('apply');
    expect(seq.observe(1, 10)).toBe('apply');
  });

  it('takes a rewind further back than any replay as a gap, not a duplicate', () => {
    const seq = opened(1);
    seq.rebase(1, 5_000);
    expect(seq.observe(1, 5_000 - REWIND_WINDOW)).toBe('duplicate');
    expect(seq.observe(1, 5_000 - REWIND_WINDOW - 1)).toBe('gap');
  });

  it('rebases on a snapshot, telling when it skipped frames of the other markets', () => {
    const seq = opened(1);
    expect(seq.rebase(1, 3)).toBe('baseline');
    expect(seq.rebase(1, 4)).toBe('apply');
    expect(seq.rebase(1, 9)).toBe('gap');
    expect(seq.lastSeq(1)).toBe(9);
    // a replay of the recent past would roll its book back: a duplicate
    expect(seq.rebase(1, 2)).toBe('duplicate');
    expect(seq.lastSeq(1)).toBe(9);
  });

  it('recovers from a forged reference: the real stream rewinds far, breaks the sid, and a snapshot rebases', () => {
    const seq = opened(1);
    seq.rebase(1, 40);
    expect(seq.rebase(1, 40 + 1e9)).toBe('gap'); // a forged snapshot far ahead
    expect(seq.observe(1, 41)).toBe('gap'); // the real stream is no replay of that
    expect(seq.rebase(1, 42)).toBe('apply'); // the resync's snapshot is taken, whatever the reference said
    expect(seq.observe(1, 43)).toBe('apply');
  });

  it('keeps one counter per sid, never per market', () => {
    const seq = opened(1, 7);
    expect(seq.observe(1, 1)).toBe('baseline');
    expect(seq.observe(7, 1)).toBe('baseline');
    expect(seq.observe(1, 2)).toBe('apply');
    expect(seq.observe(7, 3)).toBe('gap');
  });

  it('lets go of every sid on reset (reconnect) and of one sid on forget (unsubscribe)', () => {
    const seq = opened(1, 2);
    seq.observe(1, 50);
    seq.observe(2, 60);
    seq.forget(1);
    expect(seq.observe(1, 51)).toBe('foreign');
    seq.open(1);
    expect(seq.observe(1, 1)).toBe('baseline');
    seq.reset();
    expect(seq.observe(2, 61)).toBe('foreign');
  });

  it('forgets the sid it saw last as well as any other', () => {
    const seq = opened(4);
    seq.observe(4, 9);
    seq.forget(4);
    expect(seq.observe(4, 10)).toBe('foreign');
  });
});
