import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../src/server/ws-client-frames';

describe('parseClientFrame', () => {
  it('parses the known frames', () => {
    expect(parseClientFrame('{"type":"ping"}')).toEqual({ ok: true, frame: { type: 'ping' } });
    expect(parseClientFrame('{"type":"subscribe","channels":["orderbook"],"markets":["A"]}')).toMatchObject({
      ok: true,
      frame: { type: 'subscribe', markets: ['A'] },
    });
    expect(
      parseClientFrame('{"type":"subscribe","channels":["orderbook_delta"],"markets":["A"]}'),
    ).toMatchObject({
      ok: true,
      frame: { type: 'subscribe', channels: ['orderbook_delta'], markets: ['A'] },
    });
    expect(parseClientFrame('{"type":"subscribe","subscriptions":["trader_status"]}')).toMatchObject({
      ok: true,
    });
    expect(
      parseClientFrame('{"type":"command","token":"t","command":{"type":"cancel_all"},"id":7}'),
    ).toMatchObject({
      ok: true,
      frame: { type: 'command', id: 7 },
    });
  });

  it('classifies bad frames', () => {
    expect(parseClientFrame('{nope')).toMatchObject({ ok: false, code: 'malformed_json' });
    expect(parseClientFrame('[1]')).toMatchObject({ ok: false, code: 'invalid_frame' });
    expect(parseClientFrame('{"type":"launch"}')).toMatchObject({ ok: false, code: 'unknown_type' });
    expect(parseClientFrame('{"type":"subscribe","channels":["trades"]}')).toMatchObject({
      ok: false,
      code: 'invalid_frame',
    });
    expect(parseClientFrame('{"type":"subscribe","markets":[""]}')).toMatchObject({
      ok: false,
      code: 'invalid_frame',
    });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ type: 'subscribe', markets: v })),
        ),
        (text) => {
          const r = parseClientFrame(text);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
  });
});
