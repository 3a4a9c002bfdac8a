import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { REDACTED, toSafeJson } from '../../../src/server/inspector/safe-json';

describe('toSafeJson', () => {
  it('keeps plain data as it is', () => {
    const value = { a: 1, b: 'x', c: [true, null, { d: 2.5 }] };
    expect(toSafeJson(value)).toEqual(value);
  });

  it('describes what JSON cannot hold', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const out = toSafeJson({
      circular,
      fn: function namedFn() {},
      big: 12n,
      nan: Number.NaN,
      sym: Symbol('s'),
      err: new TypeError('bad input'),
      map: new Map([['k', 1]]),
      set: new Set(['v']),
      buf: Buffer.from('abc'),
      undef: undefined,
    });
    expect(out).toEqual({
      circular: { name: 'loop', self: '[Circular]' },
      fn: '[Function namedFn]',
      big: '12',
      nan: 'NaN',
      sym: 'Symbol(s)',
      err: { name: 'TypeError', message: 'bad input' },
      map: [['k', 1]],
      set: ['v'],
      buf: '[Buffer 3 bytes]',
    });
  });

  it('repeats a shared object that is not a cycle', () => {
    const shared = { n: 1 };
    expect(toSafeJson({ a: shared, b: shared })).toEqual({ a: { n: 1 }, b: { n: 1 } });
  });

  it('replaces actor refs by their session id instead of walking the whole system', () => {
    const actor = createActor(createMachine({ id: 'm' }));
    expect(toSafeJson({ ref: actor })).toEqual({ ref: { actorRef: actor.sessionId, id: actor.id } });
  });

  it('honours toJSON, so machine snapshots drop their machine link', () => {
    const actor = createActor(createMachine({ id: 'm', initial: 'a', context: { n: 1 }, states: { a: {} } }));
    actor.start();
    const out = toSafeJson(actor.getSnapshot()) as Record<string, unknown>;
    expect(out.value).toBe('a');
    expect(out.context).toEqual({ n: 1 });
    expect(out).not.toHaveProperty('machine');
    actor.stop();
  });

  it('redacts secret-looking keys and PEM blocks anywhere', () => {
    const out = toSafeJson({
      deep: { privateKey: 'k', apiKeyId: 'id', key_id: 'id2', token: 't', controlToken: 'c', signature: 's' },
      headers: { 'KALSHI-ACCESS-SIGNATURE': 'sig', authorization: 'Bearer x' },
      note: '-----BEGIN PRIVATE KEY-----\nMII...',
      tokens_seen: 3,
    });
    expect(out).toEqual({
      deep: {
        privateKey: REDACTED,
        apiKeyId: REDACTED,
        key_id: REDACTED,
        token: REDACTED,
        controlToken: REDACTED,
        signature: REDACTED,
      },
      headers: { 'KALSHI-ACCESS-SIGNATURE': REDACTED, authorization: REDACTED },
      note: REDACTED,
      tokens_seen: 3,
    });
  });

  it('caps depth, strings, arrays and keys', () => {
    const limits = { maxDepth: 3, maxString: 5, maxArray: 2, maxKeys: 2 };
    expect(toSafeJson({ a: { b: { c: { d: 1 } } } }, limits)).toEqual({ a: { b: { c: '[Object]' } } });
    expect(toSafeJson('abcdefgh', limits)).toBe('abcde…[+3]');
    expect(toSafeJson([1, 2, 3, 4], limits)).toEqual([1, 2, '…2 more items']);
    expect(toSafeJson({ a: 1, b: 2, c: 3 }, limits)).toEqual({ a: 1, b: 2, '…': '1 more keys' });
  });

  it('survives throwing getters and toJSON', () => {
    const bad = {
      toJSON() {
        throw new Error('no');
      },
    };
    const getter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(toSafeJson({ bad, getter, ok: 1 })).toEqual({
      bad: '[Unserializable]',
      getter: '[Unserializable]',
      ok: 1,
    });
  });
});
