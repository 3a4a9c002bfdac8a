import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSeededRandom } from '../../../src/sim/engine';
import { createFaultController, type FaultPatch } from '../../../src/sim/faults';
import { createOutbox, newWsCounters, type SeqState } from '../../../src/sim/ws/outbox';

function setup(faults: FaultPatch, buffered = () => 0) {
  const sent: string[] = [];
  const closes: Array<[number, string]> = [];
  const counters = newWsCounters();
  const controller = createFaultController(createSeededRandom(42), faults);
  const outbox = createOutbox(
    {
      send: (t) => sent.push(t),
      bufferedAmount: buffered,
      close: (code, reason) => closes.push([code, reason]),
    },
    controller,
    counters,
    1000,
  );
  return { sent, closes, counters, outbox, controller };
}

const deltaSub = (): SeqState => ({ sid: 3, channel: 'orderbook_delta', seq: 0 });
const parse = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('createOutbox', () => {
  it('numbers sequenced frames per sid and leaves unsequenced ones without seq', () => {
    const { sent, outbox } = setup({});
    const sub = deltaSub();
    outbox.data(sub, 'orderbook_snapshot', { a: 1 });
    outbox.data(sub, 'orderbook_delta', { a: 2 }, { update: true });
    outbox.data({ sid: 4, channel: 'fill', seq: 0 }, 'fill', { a: 3 }, { update: true });
    expect(sent.map(parse)).toEqual([
      { type: 'orderbook_snapshot', sid: 3, seq: 1, msg: { a: 1 } },
      { type: 'orderbook_delta', sid: 3, seq: 2, msg: { a: 2 } },
      { type: 'fill', sid: 4, msg: { a: 3 } },
    ]);
  });

  it('seqSkipRate drops updates but consumes their seq (snapshots are never skipped)', () => {
    const { sent, outbox, controller, counters } = setup({ seqSkipRate: 1 });
    const sub = deltaSub();
    outbox.data(sub, 'orderbook_snapshot', {});
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    controller.set({ seqSkipRate: 0 });
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    expect(sent.map((t) => parse(t).seq)).toEqual([1, 4]);
    expect(counters.framesSkipped).toBe(2);
  });

  it('duplicateRate sends the same frame twice', () => {
    const { sent, outbox } = setup({ duplicateRate: 1 });
    outbox.data(deltaSub(), 'orderbook_delta', { x: 1 }, { update: true });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    expect(parse(sent[0]!).seq).toBe(1);
  });

  it('malformedRate replaces frames with broken JSON or a wrongly typed field', () => {
    const { sent, outbox, counters } = setup({ malformedRate: 1 });
    const sub = deltaSub();
    for (let i = 0; i < 20; i++)
      outbox.data(sub, 'orderbook_delta', { price_dollars: '0.5000' }, { update: true });
    let unparsable = 0;
    let wrongType = 0;
    for (const text of sent) {
      try {
        const frame = parse(text);
        if (typeof frame.seq === 'string' || typeof frame.sid === 'string') wrongType++;
      } catch {
        unparsable++;
      }
    }
    expect(unparsable + wrongType).toBe(20);
    expect(unparsable).toBeGreaterThan(0);
    expect(wrongType).toBeGreaterThan(0);
    expect(counters.framesMalformed).toBe(20);
  });

  it('never faults control frames', () => {
    const { sent, outbox } = setup({ malformedRate: 1, duplicateRate: 1 });
    outbox.control({ id: 1, type: 'subscribed', msg: { channel: 'trade', sid: 1 } });
    expect(sent.map(parse)).toEqual([{ id: 1, type: 'subscribed', msg: { channel: 'trade', sid: 1 } }]);
  });

  it('on a send buffer over the bound sends error 25 for the sid, closes, and sends nothing more', () => {
    let buffered = 0;
    const { sent, closes, outbox, counters } = setup({}, () => buffered);
    const sub = deltaSub();
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    buffered = 5000;
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    expect(sent.map(parse).at(-1)).toEqual({
      type: 'error',
      sid: 3,
      seq: 2,
      msg: { code: 25, msg: 'Subscription buffer overflow' },
    });
    expect(sent).toHaveLength(3);
    expect(closes).toEqual([[1008, 'subscription buffer overflow']]);
    expect(outbox.isClosed()).toBe(true);
    expect(counters.overflowCloses).toBe(1);
  });

  it('reorderRate holds an update and sends it right after the next frame of its sid', () => {
    const { sent, outbox, controller, counters } = setup({ reorderRate: 1 });
    const sub = deltaSub();
    const other = { sid: 4, channel: 'trade' as const, seq: 0 };
    outbox.data(sub, 'orderbook_snapshot', {});
    for (let i = 0; i < 5; i++) outbox.data(sub, 'orderbook_delta', {}, { update: true });
    outbox.data(other, 'trade', {}, { update: true });
    controller.set({ reorderRate: 0 });
    outbox.data(other, 'trade', {}, { update: true });
    expect(sent.map((t) => [parse(t).sid, parse(t).seq])).toEqual([
      [3, 1],
      [3, 3],
      [3, 2],
      [3, 5],
      [3, 4],
      [4, 2],
      [4, 1],
    ]);
    // Held until the sid speaks again: seq 6 of sid 3 is still waiting.
    expect(counters.framesReordered).toBe(4);
    controller.set({ reorderRate: 0 });
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    expect(sent.slice(-2).map((t) => parse(t).seq)).toEqual([7, 6]);
  });

  it('subscriptionError names the sid and its current seq, and drops a frame held for it', () => {
    const { sent, outbox } = setup({ reorderRate: 1 });
    const sub = deltaSub();
    outbox.data(sub, 'orderbook_delta', {}, { update: true });
    outbox.subscriptionError(sub, 10);
    outbox.subscriptionError({ sid: 9, channel: 'fill', seq: 0 }, 25);
    expect(sent.map(parse)).toEqual([
      { type: 'error', sid: 3, seq: 1, msg: { code: 10, msg: 'Channel error' } },
      { type: 'error', sid: 9, msg: { code: 25, msg: 'Subscription buffer overflow' } },
    ]);
    expect(outbox.isClosed()).toBe(false);
  });

  describe('private channels', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('are held privateDelayMs while public frames pass, then leave in order', async () => {
      vi.useFakeTimers();
      const { sent, outbox } = setup({ privateDelayMs: 100 });
      const fills = { sid: 5, channel: 'fill' as const, seq: 0 };
      const positions = { sid: 6, channel: 'market_positions' as const, seq: 0 };
      outbox.data(fills, 'fill', { order_id: 'o1' }, { update: true });
      outbox.data(positions, 'market_position', {}, { update: true });
      outbox.data(deltaSub(), 'orderbook_delta', {}, { update: true });
      await vi.advanceTimersByTimeAsync(99);
      expect(sent.map((t) => parse(t).type)).toEqual(['orderbook_delta']);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent.map((t) => parse(t).type)).toEqual(['orderbook_delta', 'fill', 'market_position']);
    });

    it('go out at once, as before, while no private fault is set', () => {
      const { sent, outbox } = setup({});
      outbox.data({ sid: 5, channel: 'fill', seq: 0 }, 'fill', {}, { update: true });
      expect(sent).toHaveLength(1);
    });

    it('are dropped, timers and all, when the socket goes away', async () => {
      vi.useFakeTimers();
      const { sent, outbox } = setup({ privateDelayMs: 100 });
      outbox.data({ sid: 5, channel: 'fill', seq: 0 }, 'fill', {}, { update: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(1);
      outbox.dispose();
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(200);
      expect(sent).toEqual([]);
    });
  });
});
