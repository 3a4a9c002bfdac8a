import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSeededRandom } from '../../../src/sim/engine';
import { createFaultController, type FaultPatch } from '../../../src/sim/faults';
import { newWsCounters } from '../../../src/sim/ws/outbox';
import { createPrivateLane, type PrivateFrame, reorder } from '../../../src/sim/ws/private-lane';

function setup(patch: FaultPatch) {
  const written: string[] = [];
  const faults = createFaultController(createSeededRandom(1), patch);
  const counters = newWsCounters();
  const lane = createPrivateLane(faults, counters);
  const frame = (type: string, orderId: string, label = `${type}:${orderId}`): PrivateFrame => ({
    type,
    orderId,
    write: () => written.push(label),
  });
  return { written, faults, counters, lane, frame };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('private lane', () => {
  it('declines frames while no private fault is set and nothing is held', () => {
    const { lane, frame, written } = setup({});
    expect(lane.offer(frame('fill', 'a'))).toBe(false);
    expect(written).toEqual([]);
  });

  it('privateReorder puts a user_order before the fill of the same order, at the end of the turn', async () => {
    const { lane, frame, written, counters } = setup({ privateReorder: true });
    for (const f of [
      frame('fill', 'taker'),
      frame('fill', 'maker'),
      frame('user_order', 'maker'),
      frame('market_position', 'x'),
      frame('user_order', 'taker'),
      frame('user_order', 'unrelated'),
    ])
      expect(lane.offer(f)).toBe(true);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual([
      'user_order:taker',
      'fill:taker',
      'user_order:maker',
      'fill:maker',
      'market_position:x',
      'user_order:unrelated',
    ]);
    expect(counters.privateFramesReordered).toBe(2);
  });

  it('never lets a later burst overtake an earlier one when the delay is shortened', async () => {
    const { lane, frame, written, faults, counters } = setup({ privateDelayMs: 100 });
    lane.offer(frame('fill', 'first'));
    await vi.advanceTimersByTimeAsync(0);
    faults.set({ privateDelayMs: 10 });
    lane.offer(frame('fill', 'second'));
    await vi.advanceTimersByTimeAsync(50);
    expect(written).toEqual([]);
    expect(lane.held()).toBe(2);
    faults.set({ privateDelayMs: 0 });
    // Still queued behind the held ones, although no fault is on any more.
    expect(lane.offer(frame('fill', 'third'))).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(written).toEqual(['fill:first', 'fill:second', 'fill:third']);
    expect(lane.offer(frame('fill', 'fourth'))).toBe(false);
    expect(counters.privateFramesDelayed).toBe(2);
  });

  it('reorder leaves a burst without fills as it is', () => {
    const counters = newWsCounters();
    const f = (type: string): PrivateFrame => ({ type, orderId: 'o', write: () => {} });
    const burst = [f('user_order'), f('market_position'), f('user_order')];
    expect(reorder(burst, counters)).toEqual(burst);
    expect(counters.privateFramesReordered).toBe(0);
  });
});
