import { describe, expect, it } from 'vitest';
import { parseControlFrame } from '../../../src/adapters/kalshi/ws-control-frames';
import { isTerminalSubscriptionError, KalshiWsError, WS_ERROR } from '../../../src/adapters/kalshi/ws-errors';
import control from '../../fixtures/kalshi/ws-control-frames.json';

const ok = (frame: unknown) => {
  const out = parseControlFrame(frame);
  if (!out.ok) throw new Error(out.issues);
  return out.frame;
};

describe('parseControlFrame', () => {
  it('subscribed: channel and sid', () => {
    expect(ok(control.subscribed)).toEqual({ type: 'subscribed', id: 1, channel: 'orderbook_delta', sid: 1 });
  });

  it('ok after update_subscription: the sid and its market list', () => {
    expect(ok(control.updateOk)).toEqual({
      type: 'ok',
      id: 4,
      sid: 1,
      seq: 222,
      marketTickers: ['FED-23DEC-T3.00', 'NEW-1'],
      subscriptions: null,
    });
  });

  it('ok answering list_subscriptions: the channel/sid list', () => {
    expect(ok(control.listSubscriptionsOk)).toMatchObject({
      type: 'ok',
      id: 7,
      subscriptions: [
        { channel: 'orderbook_delta', sid: 1 },
        { channel: 'fill', sid: 3 },
      ],
      marketTickers: null,
    });
  });

  it('unsubscribed: id, sid, seq', () => {
    expect(ok(control.unsubscribed)).toEqual({ type: 'unsubscribed', id: 3, sid: 2, seq: 7 });
  });

  it('error: code and message, with or without a command id', () => {
    expect(ok(control.error)).toEqual({
      type: 'error',
      id: 9,
      sid: null,
      seq: null,
      code: 8,
      message: 'Unknown channel name',
      marketTickers: null,
    });
    expect(ok(control.subscriptionError)).toMatchObject({
      id: null,
      sid: 2,
      code: 25,
      marketTickers: ['FED-23DEC-T3.00'],
    });
  });

  it('treats id 0 as no id', () => {
    expect(ok({ ...control.subscribed, id: 0 })).toMatchObject({ id: null });
  });

  it('rejects malformed control frames with issues', () => {
    const bad = [
      { type: 'subscribed', id: 1, msg: { channel: 'orderbook_delta' } },
      { type: 'error', id: 9, msg: { msg: 'no code' } },
      { type: 'error', id: 9, msg: { code: '8' } },
      { type: 'ok', id: -1 },
      { type: 'ticker', sid: 1, msg: {} },
      'subscribed',
    ];
    for (const frame of bad) {
      const out = parseControlFrame(frame);
      expect(out.ok, JSON.stringify(frame)).toBe(false);
    }
  });
});

describe('WS error codes', () => {
  it('names the documented codes, with 10 and 25 terminal', () => {
    expect(WS_ERROR.ACTION_REQUIRED).toBe(15);
    expect(WS_ERROR.UNKNOWN_SID).toBe(7);
    const terminal = Object.values(WS_ERROR).filter(isTerminalSubscriptionError);
    expect(terminal.sort((a, b) => a - b)).toEqual([10, 25]);
    expect(new KalshiWsError('server', 'x', { code: 25 }).terminal).toBe(true);
    expect(new KalshiWsError('server', 'x', { code: 8 }).terminal).toBe(false);
  });
});
