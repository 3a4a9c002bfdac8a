// The buggy exchange's fault kinds on one connection's outbox: each sends frames that parse and look
// plausible but are wrong, and each is counted, so a chaos suite can assert the client caught them.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../src/sim/engine';
import { createFaultController, type FaultPatch, faultPatchSchema } from '../../../src/sim/faults';
import { SEQ_JUMP } from '../../../src/sim/ws/forged-frames';
import { createOutbox, newWsCounters, type SeqState } from '../../../src/sim/ws/outbox';

function setup(faults: FaultPatch) {
  const sent: Record<string, unknown>[] = [];
  const counters = newWsCounters();
  const outbox = createOutbox(
    { send: (t) => sent.push(JSON.parse(t)), bufferedAmount: () => 0, close: () => {} },
    createFaultController(createSeededRandom(7), faults),
    counters,
    1_000_000,
  );
  return { sent, counters, outbox };
}

const sub = (): SeqState => ({ sid: 2, channel: 'orderbook_delta', seq: 0, tickers: new Set(['A', 'B']) });
const delta = {
  market_ticker: 'A',
  market_id: 'id-a',
  price_dollars: '0.4000',
  delta_fp: '-3.00',
  side: 'yes',
};
const send = (t: ReturnType<typeof setup>, s = sub(), n = 1) => {
  for (let i = 0; i < n; i++) t.outbox.data(s, 'orderbook_delta', { ...delta }, { update: true });
  return s;
};

describe('buggy exchange faults', () => {
  it('foreignSnapshotRate: a forged snapshot of the market under a sid never subscribed', () => {
    const t = setup({ foreignSnapshotRate: 1 });
    send(t);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[0]).toMatchObject({ type: 'orderbook_delta', sid: 2, seq: 1 });
    expect(t.sent[1]).toMatchObject({
      type: 'orderbook_snapshot',
      sid: 900_002,
      msg: { market_ticker: 'A', yes_dollars_fp: [['0.4000', '999.00']] },
    });
    expect(t.counters.foreignSnapshots).toBe(1);
  });

  it('seqJumpRate: the seq far ahead, the real one used up', () => {
    const t = setup({ seqJumpRate: 1 });
    const s = send(t, sub(), 2);
    expect(t.sent.map((f) => f.seq)).toEqual([1 + SEQ_JUMP, 2 + SEQ_JUMP]);
    expect(s.seq).toBe(2);
    expect(t.counters.seqJumps).toBe(2);
  });

  it('unsubscribedMarketRate: a delta for a market not subscribed, inside the sid and its seq', () => {
    const t = setup({ unsubscribedMarketRate: 1 });
    const s = send(t, sub(), 4);
    expect(t.sent.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const junk = t.sent
      .filter((_, i) => i % 2 === 1)
      .map((f) => (f.msg as { market_ticker: string }).market_ticker);
    expect(junk.every((ticker) => ticker !== 'A' && ticker !== 'B')).toBe(true);
    expect(junk.some((ticker) => ticker.length > 1_000)).toBe(true); // junk far longer than any ticker
    expect(junk.some((ticker) => ticker === 'A-UNSUBSCRIBED')).toBe(true);
    expect(s.seq).toBe(8);
    expect(t.counters.unsubscribedFrames).toBe(4);
  });

  it('wrongDeltaRate: valid-looking but wrong, by size, side or market, in the real seq', () => {
    const t = setup({ wrongDeltaRate: 1 });
    send(t, sub(), 12);
    const msgs = t.sent.map((f) => f.msg as typeof delta);
    expect(t.sent.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(msgs.some((m) => m.delta_fp === '0.00')).toBe(false); // never a no-op
    expect(msgs.some((m) => m.delta_fp !== '-3.00' && m.side === 'yes' && m.market_ticker === 'A')).toBe(
      true,
    );
    expect(msgs.some((m) => m.side === 'no')).toBe(true);
    expect(msgs.some((m) => m.market_ticker === 'B')).toBe(true);
    expect(t.counters.wrongDeltas).toBe(12);
  });

  it('wrongDeltaKinds: only the chosen kinds, so a test can count on one', () => {
    expect(faultPatchSchema.safeParse({ wrongDeltaKinds: ['size', 'side'] }).success).toBe(true);
    expect(faultPatchSchema.safeParse({ wrongDeltaKinds: ['price'] }).success).toBe(false);
    const sized = setup({ wrongDeltaRate: 1, wrongDeltaKinds: ['size'] });
    send(sized, sub(), 6);
    // -3.00 + 3.00 would be a no-op: the size moves the other way, so the book always changes.
    expect(sized.sent.map((f) => f.msg)).toEqual(Array(6).fill({ ...delta, delta_fp: '3.00' }));
    const t = setup({ wrongDeltaRate: 1, wrongDeltaKinds: ['side', 'market'] });
    send(t, sub(), 12);
    const msgs = t.sent.map((f) => f.msg as typeof delta);
    expect(msgs.every((m) => m.delta_fp === '-3.00')).toBe(true);
    expect(msgs.every((m) => (m.side === 'no') !== (m.market_ticker === 'B'))).toBe(true);
    expect(msgs.some((m) => m.side === 'no') && msgs.some((m) => m.market_ticker === 'B')).toBe(true);
    // A relabel needs another market: on a one-market subscription the size changes instead.
    const alone = setup({ wrongDeltaRate: 1, wrongDeltaKinds: ['market'] });
    send(alone, { ...sub(), tickers: new Set(['A']) }, 2);
    expect(alone.sent.map((f) => (f.msg as typeof delta).delta_fp)).toEqual(['3.00', '3.00']);
  });

  it('dropAckRate: loses the subscribed ack of the chosen channels only', () => {
    const t = setup({ dropAckRate: 1, dropAckChannels: ['user_orders'] });
    t.outbox.control({ id: 1, type: 'subscribed', msg: { channel: 'fill', sid: 1 } });
    t.outbox.control({ id: 1, type: 'subscribed', msg: { channel: 'user_orders', sid: 2 } });
    t.outbox.control({ id: 2, type: 'ok', msg: {} });
    expect(t.sent.map((f) => f.type)).toEqual(['subscribed', 'ok']);
    expect(t.counters.acksDropped).toBe(1);
  });
});
