import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/sim/ws/commands';

const codeOf = (command: unknown) => {
  const result = parseCommand(typeof command === 'string' ? command : JSON.stringify(command));
  return result.ok ? 'ok' : result.error.code;
};

describe('parseCommand', () => {
  it('accepts the documented command shapes', () => {
    const sub = parseCommand(
      JSON.stringify({
        id: 1,
        cmd: 'subscribe',
        params: { channels: ['orderbook_delta', 'ticker'], market_tickers: ['A', 'B'], use_yes_price: true },
      }),
    );
    expect(sub).toMatchObject({
      ok: true,
      command: { id: 1, cmd: 'subscribe', channels: ['orderbook_delta', 'ticker'], useYesPrice: true },
    });
    expect(sub.ok && sub.command.cmd === 'subscribe' && sub.command.filter.tickers).toEqual(['A', 'B']);
    expect(
      codeOf({ id: 2, cmd: 'subscribe', params: { channels: ['fill', 'user_orders', 'market_positions'] } }),
    ).toBe('ok');
    expect(codeOf({ id: 3, cmd: 'unsubscribe', params: { sids: [1, 2] } })).toBe('ok');
    expect(
      parseCommand(
        JSON.stringify({ id: 4, cmd: 'update_subscription', params: { sids: [1], action: 'get_snapshot' } }),
      ),
    ).toMatchObject({ ok: true, command: { sid: 1, action: 'get_snapshot' } });
    expect(codeOf({ id: 7, cmd: 'list_subscriptions' })).toBe('ok');
  });

  it('answers garbage with 1 and unknown commands with 5, echoing the id', () => {
    expect(codeOf('{not json')).toBe(1);
    expect(codeOf('[1,2]')).toBe(1);
    expect(parseCommand(JSON.stringify({ id: 9, cmd: 'dance' }))).toEqual({
      ok: false,
      id: 9,
      error: { code: 5, msg: 'Unknown command' },
    });
    expect(codeOf({ id: 9 })).toBe(5);
  });

  it('validates subscribe params with the documented codes', () => {
    expect(codeOf({ id: 1, cmd: 'subscribe' })).toBe(2);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: {} })).toBe(3);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: { channels: [] } })).toBe(3);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: { channels: ['ticker_v2'] } })).toBe(8);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'] } })).toBe(14);
    expect(
      codeOf({
        id: 1,
        cmd: 'subscribe',
        params: { channels: ['ticker'], market_ticker: 'A', market_tickers: ['B'] },
      }),
    ).toBe(11);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: { channels: ['ticker'], market_tickers: 'A' } })).toBe(
      11,
    );
    expect(
      codeOf({
        id: 1,
        cmd: 'subscribe',
        params: { channels: ['orderbook_delta'], market_ticker: 'A', use_yes_price: 'yes' },
      }),
    ).toBe(11);
    expect(codeOf({ id: 1, cmd: 'subscribe', params: { channels: ['ticker'] } })).toBe('ok');
  });

  it('requires sids for unsubscribe', () => {
    expect(codeOf({ id: 1, cmd: 'unsubscribe' })).toBe(2);
    expect(codeOf({ id: 1, cmd: 'unsubscribe', params: { sids: [] } })).toBe(4);
    expect(codeOf({ id: 1, cmd: 'unsubscribe', params: { channels: ['ticker'] } })).toBe(4);
  });

  it('wants action inside params and exactly one sid for update_subscription', () => {
    expect(codeOf({ id: 5, cmd: 'update_subscription', action: 'get_snapshot', params: { sids: [1] } })).toBe(
      15,
    );
    expect(codeOf({ id: 5, cmd: 'update_subscription', action: 'get_snapshot' })).toBe(15);
    expect(codeOf({ id: 5, cmd: 'update_subscription' })).toBe(2);
    expect(
      codeOf({ id: 5, cmd: 'update_subscription', params: { sids: [1, 2], action: 'get_snapshot' } }),
    ).toBe(12);
    expect(
      codeOf({ id: 5, cmd: 'update_subscription', params: { sid: 1, sids: [1], action: 'get_snapshot' } }),
    ).toBe(12);
    expect(codeOf({ id: 5, cmd: 'update_subscription', params: { action: 'get_snapshot' } })).toBe(12);
    expect(codeOf({ id: 5, cmd: 'update_subscription', params: { sid: 1, action: 'rename' } })).toBe(13);
    expect(codeOf({ id: 5, cmd: 'update_subscription', params: { sid: 1, action: 'add_markets' } })).toBe(14);
    expect(
      codeOf({
        id: 5,
        cmd: 'update_subscription',
        params: { sid: 1, action: 'add_markets', market_ticker: 'A' },
      }),
    ).toBe('ok');
  });
});
