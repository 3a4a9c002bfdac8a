import { describe, expect, it } from 'vitest';
import { parseTickerFrame } from '../../../src/adapters/kalshi/ticker-frame-parser';
import data from '../../fixtures/kalshi/ws-data-messages.json';

const withMsg = (msg: Record<string, unknown>) => ({ ...data.ticker, msg: { ...data.ticker.msg, ...msg } });

describe('parseTickerFrame', () => {
  it('reads the last trade price and volume in integer units', () => {
    expect(parseTickerFrame(data.ticker)).toEqual({
      ok: true,
      frame: { sid: 11, ticker: 'FED-23DEC-T3.00', price: 4800, volume: 3_389_600, tsMs: 1669149841000 },
    });
  });

  it('accepts numbers where strings are documented, seconds without ts_ms, and absent fields', () => {
    const { ts_ms: _ms, ...noMs } = data.ticker.msg;
    expect(parseTickerFrame({ ...data.ticker, msg: { ...noMs, price_dollars: 0.56 } })).toMatchObject({
      ok: true,
      frame: { price: 5600, tsMs: 1669149841000 },
    });
    expect(parseTickerFrame({ type: 'ticker', sid: 1, msg: { market_ticker: 'X' } })).toEqual({
      ok: true,
      frame: { sid: 1, ticker: 'X', price: null, volume: null, tsMs: 0 },
    });
  });

  it('reads a price of 0.0000 as "no trade yet"', () => {
    expect(parseTickerFrame(withMsg({ price_dollars: '0.0000' }))).toMatchObject({ frame: { price: null } });
  });

  it.each([
    ['no sid', { ...data.ticker, sid: 'x' }, /sid/],
    ['no msg', { type: 'ticker', sid: 1 }, /msg/],
    ['no market', withMsg({ market_ticker: '' }), /market_ticker/],
    ['a price of $1', withMsg({ price_dollars: '1.0000' }), /price_dollars/],
    ['a price that is not a decimal', withMsg({ price_dollars: 'abc' }), /price_dollars/],
    ['a negative volume', withMsg({ volume_fp: '-1.00' }), /volume_fp/],
    ['a volume with too many places', withMsg({ volume_fp: '1.001' }), /volume_fp/],
  ])('refuses %s', (_what, frame, issue) => {
    const out = parseTickerFrame(frame as Record<string, unknown>);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues).toMatch(issue);
  });
});
