import { describe, expect, it } from 'vitest';
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
});
