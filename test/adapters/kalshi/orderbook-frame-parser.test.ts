import { describe, expect, it } from 'vitest';
import { MAX_TICKER_LENGTH, parseOrderbookFrame } from '../../../src/adapters/kalshi/orderbook-frame-parser';
import malformed from '../../fixtures/kalshi/ws-malformed-frames.json';
import frames from '../../fixtures/kalshi/ws-orderbook-frames.json';

const parse = (frame: unknown) => parseOrderbookFrame(JSON.stringify(frame));

describe('parseOrderbookFrame: snapshots', () => {
  it('converts the documented snapshot to flat integer ladders', () => {
    expect(parse(frames.snapshot)).toEqual({
      kind: 'snapshot',
      sid: 2,
      seq: 2,
      ticker: 'FED-23DEC-T3.00',
      yes: [800, 30_000, 2200, 33_300],
      no: [5400, 2000, 5600, 14_600],
    });
  });

  it('reads an absent side as empty, and both absent as an empty book', () => {
    const yesOnly = parse(frames.snapshotYesOnly);
    expect(yesOnly).toMatchObject({ kind: 'snapshot', yes: [4100, 1200], no: [] });
    expect(parse(frames.snapshotEmpty)).toMatchObject({ kind: 'snapshot', sid: 5, seq: 1, yes: [], no: [] });
  });

  it('carries the command id of a get_snapshot reply', () => {
    const out = parse(frames.getSnapshotReply);
    expect(out).toMatchObject({ kind: 'snapshot', commandId: 127, sid: 456, seq: 90, ticker: 'MARKET-1' });
    expect(out).toMatchObject({ yes: [1000, 500], no: [8500, 725] });
    expect(parse(frames.snapshot)).not.toHaveProperty('commandId');
    expect(parse({ ...frames.snapshot, id: 0 })).not.toHaveProperty('commandId');
  });

  it('accepts JSON numbers where the spec says strings', () => {
    expect(parse(frames.snapshotNumbers)).toMatchObject({
      kind: 'snapshot',
      yes: [800, 30_000, 2200, 33_350],
      no: [5400, 2000],
    });
  });

  it('sorts ladders ascending whatever order they arrive in', () => {
    expect(parse(frames.snapshotUnsorted)).toMatchObject({
      yes: [1000, 200, 2000, 300, 3000, 100],
      no: [4000, 600, 5000, 500, 6000, 400],
    });
  });

  it('drops zero-size levels', () => {
    const msg = {
      market_ticker: 'Z',
      yes_dollars_fp: [
        ['0.1000', '0.00'],
        ['0.2000', '1.00'],
      ],
    };
    expect(parse({ type: 'orderbook_snapshot', sid: 1, seq: 1, msg })).toMatchObject({ yes: [2000, 100] });
  });
});

describe('parseOrderbookFrame: deltas', () => {
  it('converts the documented delta to integer units', () => {
    expect(parse(frames.delta)).toEqual({
      kind: 'delta',
      sid: 2,
      seq: 3,
      ticker: 'FED-23DEC-T3.00',
      side: 'yes',
      price: 9600,
      delta: -5400,
      tsMs: 1669149841000,
    });
  });

  it('keeps client_order_id when our own order moved the book', () => {
    expect(parse(frames.ownOrderDelta)).toMatchObject({
      side: 'no',
      price: 5400,
      delta: 1050,
      clientOrderId: 'my-order-1',
    });
  });

  it('accepts numbers for price, delta and a digit string for ts_ms', () => {
    expect(parse(frames.deltaNumbers)).toMatchObject({
      kind: 'delta',
      price: 9600,
      delta: -5400,
      tsMs: 1669149841000,
    });
  });

  it('reports tsMs 0 when the frame has no timestamp', () => {
    const { ts_ms: _ignored, ts: _also, ...msg } = frames.delta.msg;
    expect(parse({ ...frames.delta, msg })).toMatchObject({ kind: 'delta', tsMs: 0 });
  });
});

describe('parseOrderbookFrame: other frames', () => {
  it('classifies control and data frames by type and hands over the decoded object', () => {
    const text = '{"id":1,"type":"subscribed","msg":{"channel":"orderbook_delta","sid":1}}';
    const out = parseOrderbookFrame(text);
    expect(out).toEqual({ kind: 'other', type: 'subscribed', frame: JSON.parse(text) });
    expect(parse({ type: 'fill', sid: 13, msg: {} })).toMatchObject({ kind: 'other', type: 'fill' });
  });
});

describe('parseOrderbookFrame: malformed frames', () => {
  it.each(malformed)('$name → $reason', (c) => {
    const out = parseOrderbookFrame(c.text);
    const expected: Record<string, unknown> = { kind: 'error', reason: c.reason };
    if ('type' in c) expected.type = c.type;
    if ('sid' in c) expected.sid = c.sid;
    expect(out).toEqual(expected);
  });
});

describe('parseOrderbookFrame: hostile values', () => {
  it('refuses a signed or padded size and an excess decimal, which a lenient parser let through', () => {
    for (const delta_fp of ['+5.00', ' 5.00', '5.000', '5e2']) {
      expect(parse({ ...frames.delta, msg: { ...frames.delta.msg, delta_fp } }), delta_fp).toMatchObject({
        kind: 'error',
        reason: 'bad_delta',
      });
    }
    const level = [['0.0800', '+300.00']];
    expect(
      parse({ ...frames.snapshot, msg: { ...frames.snapshot.msg, yes_dollars_fp: level } }),
    ).toMatchObject({ kind: 'error', reason: 'bad_size' });
  });

  it('refuses an over-long ticker before building anything, keeping the seq for the sid', () => {
    const ticker = 'J'.repeat(MAX_TICKER_LENGTH + 1);
    expect(parse({ ...frames.delta, msg: { ...frames.delta.msg, market_ticker: ticker } })).toEqual({
      kind: 'error',
      reason: 'bad_ticker',
      type: 'orderbook_delta',
      sid: frames.delta.sid,
      seq: frames.delta.seq,
    });
    const fits = 'K'.repeat(MAX_TICKER_LENGTH);
    expect(parse({ ...frames.snapshot, msg: { ...frames.snapshot.msg, market_ticker: fits } })).toMatchObject(
      {
        kind: 'snapshot',
        ticker: fits,
      },
    );
  });
});
