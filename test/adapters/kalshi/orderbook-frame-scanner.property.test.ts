// The byte scanner against the slow path (JSON.parse + parseOrderbookFrame) it stands in for: on valid
// frames in any key order and spacing it reads exactly what the slow path reads; on anything odd
// (escapes, numbers where strings are meant, repeated keys) it reads the same or defers; on mutated,
// truncated or random bytes it never throws and never reads a frame the slow path would not.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrderbookFrame } from '../../../src/adapters/kalshi/orderbook-frame-parser';
import { OrderbookFrameScanner } from '../../../src/adapters/kalshi/orderbook-frame-scanner';
import { formatCount, formatPrice } from '../../../src/domain/fixed-point';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../../support/fuzz';
import { mutateJson, truncatedJson } from '../../support/json-mutations';

const scanner = new OrderbookFrameScanner();

/** The scanner's answer, checked against the slow path: equal when it reads, and it reads only what is valid. */
function compare(bytes: Buffer): 'read' | 'deferred' {
  const fast = scanner.scan(bytes);
  if (fast === null) return 'deferred';
  const slow = parseOrderbookFrame(bytes.toString('utf8'));
  if (!isDeepStrictEqual(fast, slow)) expect(fast, bytes.toString('utf8')).toStrictEqual(slow);
  return 'read';
}

// --- generated valid frames -------------------------------------------------------------------------

const WHITESPACE = ['', '', '', ' ', '\n', '\t', '\r\n', '  '];
const ticker = fc.stringMatching(/^[A-Z0-9][A-Z0-9.\-_]{0,40}$/);
const price = fc.integer({ min: 1, max: 9_999 });
// Signed changes up to the safe-integer limit: sizes and deltas are centi-contracts.
const count = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);
const size = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.nat({ max: Number.MAX_SAFE_INTEGER }));
const uint = fc.oneof(fc.nat({ max: 1_000 }), fc.nat({ max: Number.MAX_SAFE_INTEGER }));

interface Style {
  /** Key order: a permutation index per object. */
  order: number[];
  spaces: string[];
  /** The ticker's first character written as a \u escape (JSON.parse reads the same ticker). */
  escapes: boolean;
}

const style: fc.Arbitrary<Style> = fc.record({
  order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  spaces: fc.array(fc.constantFrom(...WHITESPACE), { minLength: 32, maxLength: 32 }),
  escapes: fc.boolean(),
});

/** JSON text of `value` with keys reordered and whitespace between tokens as `style` says. */
function render(value: unknown, s: Style): string {
  let w = 0;
  let o = 0;
  const ws = () => s.spaces[w++ % s.spaces.length]!;
  const escaped = (text: string) =>
    `"\\u${text.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(text).slice(2)}`;
  const go = (v: unknown, key?: string): string => {
    if (typeof v === 'string') return s.escapes && key === 'market_ticker' ? escaped(v) : JSON.stringify(v);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => go(x)).join(`${ws()},${ws()}`)}${ws()}]`;
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      const shift = s.order[o++ % s.order.length]! % Math.max(1, keys.length);
      const turned = [...keys.slice(shift), ...keys.slice(0, shift)];
      const body = turned.map(
        (k) => `${JSON.stringify(k)}${ws()}:${ws()}${go((v as Record<string, unknown>)[k], k)}`,
      );
      return `{${ws()}${body.join(`${ws()},${ws()}`)}${ws()}}`;
    }
    return JSON.stringify(v);
  };
  return `${ws()}${go(value)}${ws()}`;
}

const deltaFrame = fc
  .record(
    {
      sid: uint,
      seq: uint,
      ticker,
      side: fc.constantFrom('yes', 'no'),
      price,
      delta: count,
      tsMs: fc.option(uint, { nil: undefined }),
      coid: fc.option(fc.stringMatching(/^[a-z0-9-]{0,36}$/), { nil: undefined }),
    },
    { requiredKeys: ['sid', 'seq', 'ticker', 'side', 'price', 'delta'] },
  )
  .map((f) => ({
    type: 'orderbook_delta',
    sid: f.sid,
    seq: f.seq,
    msg: {
      market_ticker: f.ticker,
      market_id: '9b0f6b43-5d2e-4a1f-9c3b-1e2d3f4a5b6c',
      price_dollars: formatPrice(f.price),
      delta_fp: formatCount(f.delta),
      side: f.side,
      ts: '2026-01-01T00:00:00Z',
      ...(f.tsMs === undefined ? {} : { ts_ms: f.tsMs }),
      ...(f.coid === undefined ? {} : { client_order_id: f.coid, subaccount: 0 }),
    },
  }));

const levels = fc
  .uniqueArray(fc.tuple(price, size), { selector: (l) => l[0], maxLength: 40 })
  .map((ls) => ls.map(([p, s]) => [formatPrice(p), formatCount(s)]));

const snapshotFrame = fc
  .record({
    sid: uint,
    seq: uint,
    id: fc.option(uint, { nil: undefined }),
    ticker,
    yes: fc.option(levels, { nil: undefined }),
    no: fc.option(levels, { nil: undefined }),
  })
  .map((f) => ({
    type: 'orderbook_snapshot',
    sid: f.sid,
    seq: f.seq,
    ...(f.id === undefined ? {} : { id: f.id }),
    msg: {
      market_ticker: f.ticker,
      market_id: 'FED-23DEC-T3.00',
      ...(f.yes === undefined ? {} : { yes_dollars_fp: f.yes }),
      ...(f.no === undefined ? {} : { no_dollars_fp: f.no }),
    },
  }));

const bookFrame = fc.oneof(deltaFrame, snapshotFrame);

describe('OrderbookFrameScanner against the slow path', () => {
  it(
    'reads every plain valid frame, in any key order and spacing, exactly as the slow path does',
    () => {
      fc.assert(
        fc.property(bookFrame, style, (frame, s) => {
          const text = render(frame, { ...s, escapes: false });
          expect(compare(Buffer.from(text)), text).toBe('read');
        }),
        fuzzParams(3_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'defers when the ticker carries an escape',
    () => {
      fc.assert(
        fc.property(bookFrame, style, (frame, s) => {
          expect(compare(Buffer.from(render(frame, { ...s, escapes: true })))).toBe('deferred');
        }),
        fuzzParams(1_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads deltas in the documented layout (its fast path) exactly as the slow path does',
    () => {
      // JSON.stringify keeps the generator's key order, Kalshi's own: with ts_ms and no
      // client_order_id that is the canonical layout; with them, the fast path hands over mid-frame.
      fc.assert(
        fc.property(deltaFrame, (frame) => {
          const text = JSON.stringify(frame);
          expect(compare(Buffer.from(text)), text).toBe('read');
        }),
        fuzzParams(3_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never reads a mutated delta in the documented layout differently from the slow path',
    () => {
      fc.assert(
        fc.property(
          deltaFrame.chain((frame) => mutateJson(frame)),
          (frame) => {
            compare(Buffer.from(JSON.stringify(frame)));
          },
        ),
        fuzzParams(4_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('reads or defers each odd spelling of a documented-layout delta as the slow path allows', () => {
    const delta = (fields: string) =>
      `{"type":"orderbook_delta","sid":7,"seq":42,"msg":{"market_ticker":"KX-26DEC31-T1",${fields}}}`;
    const rest = (id: string, price: string, ts: string, tsMs: string) =>
      `"market_id":${id},"price_dollars":${price},"delta_fp":"-12.50","side":"no","ts":${ts},"ts_ms":${tsMs}`;
    const plain = ['"9b0f6b43-5d2e"', '"0.4200"', '"2026-01-01T00:00:00Z"', '1790000000000'] as const;
    const cases: Array<[string, 'read' | 'deferred']> = [
      [delta(rest(...plain)), 'read'],
      // Unused strings: any character JSON allows raw is skipped; an escape defers.
      [delta(rest('"é—😀"', plain[1], plain[2], plain[3])), 'read'],
      [delta(rest('"9b0f\\"6b43"', plain[1], plain[2], plain[3])), 'deferred'],
      [delta(rest(plain[0], plain[1], '"2026-01-01T00:00:00\\u005a"', plain[3])), 'deferred'],
      [delta(rest('"9b0f\\u0001"', plain[1], plain[2], plain[3])), 'deferred'],
      // Numbers in each form Kalshi has used: strings read, bare numbers go to the slow path.
      [delta(rest(plain[0], '"0.42"', plain[2], plain[3])), 'read'],
      [delta(rest(plain[0], '"1"', plain[2], plain[3])), 'deferred'], // out of range: the slow path counts it
      [delta(rest(plain[0], '0.42', plain[2], plain[3])), 'deferred'],
      [delta(rest(plain[0], '"0.42000"', plain[2], plain[3])), 'deferred'],
      [delta(rest(plain[0], plain[1], plain[2], '"1790000000000"')), 'read'],
      [delta(rest(plain[0], plain[1], plain[2], 'null')), 'read'],
      [delta(rest(plain[0], plain[1], plain[2], '1.5e3')), 'deferred'],
      // Extra and unknown keys after the documented ones: the general scan takes over.
      [delta(`${rest(...plain)},"client_order_id":"mine-1","subaccount":0`), 'read'],
      [delta(`${rest(...plain)},"novel":{"nested":true}`), 'deferred'],
      [delta(`${rest(...plain)},"novel":"x"`), 'read'],
    ];
    for (const [text, expected] of cases) expect(compare(Buffer.from(text)), text).toBe(expected);
    // A raw control character inside an unused string: JSON.parse refuses the frame, so must the scanner.
    const raw = Buffer.from(delta(rest(...plain)));
    raw[raw.indexOf('9b0f') + 2] = 0x01;
    expect(scanner.scan(raw)).toBeNull();
    expect(parseOrderbookFrame(raw.toString('utf8')).kind).toBe('error');
  });

  it('defers every truncation of a documented-layout delta', () => {
    const text =
      '{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"T","market_id":"u",' +
      '"price_dollars":"0.5000","delta_fp":"1.00","side":"yes","ts":"2026-01-01T00:00:00Z","ts_ms":5}}';
    expect(compare(Buffer.from(text))).toBe('read');
    for (let n = 0; n < text.length; n++)
      expect(scanner.scan(Buffer.from(text.slice(0, n))), text.slice(0, n)).toBeNull();
  });

  it('carries nothing from one frame into the next: an own-order id read once is not repeated', () => {
    const head = '{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"T","market_id":"u",';
    const body = '"price_dollars":"0.5000","delta_fp":"1.00","side":"yes","ts":"x","ts_ms":5';
    const own = scanner.scan(Buffer.from(`${head}${body},"client_order_id":"mine"}}`));
    expect(own).toMatchObject({ kind: 'delta', clientOrderId: 'mine' });
    const next = scanner.scan(Buffer.from(`${head}${body}}}`));
    expect(next).toStrictEqual(parseOrderbookFrame(`${head}${body}}}`));
    expect(next).not.toHaveProperty('clientOrderId');
  });

  it('defers on a repeated key, which JSON.parse resolves to the last one', () => {
    const text =
      '{"type":"orderbook_delta","sid":1,"seq":2,"seq":3,"msg":{"market_ticker":"T",' +
      '"price_dollars":"0.5000","delta_fp":"1.00","side":"yes"}}';
    expect(compare(Buffer.from(text))).toBe('deferred');
    expect(parseOrderbookFrame(text)).toMatchObject({ kind: 'delta', seq: 3 });
  });

  it(
    'never reads a mutated frame differently from the slow path',
    () => {
      const mutated = bookFrame.chain((frame) => fc.tuple(mutateJson(frame), style));
      fc.assert(
        fc.property(mutated, ([frame, s]) => {
          compare(Buffer.from(render(frame, s)));
        }),
        fuzzParams(4_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never reads a truncated frame, nor one with bytes changed, inserted or removed, differently',
    () => {
      const damaged = bookFrame.chain((frame) =>
        fc.oneof(
          truncatedJson(frame).map((text) => Buffer.from(text)),
          fc
            .tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(2))
            .map(([at, byte, how]) => damage(Buffer.from(JSON.stringify(frame)), at, byte, how)),
        ),
      );
      fc.assert(
        fc.property(damaged, (bytes) => {
          compare(bytes);
        }),
        fuzzParams(4_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'never throws on random bytes, and reads none of them',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          expect(compare(Buffer.from(bytes))).toBe('deferred');
        }),
        fuzzParams(2_000),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

/** One byte replaced (how 0), inserted (1) or removed (2) at `at` (mod the length). */
function damage(bytes: Buffer, at: number, byte: number, how: number): Buffer {
  const i = at % bytes.length;
  if (how === 0) {
    const copy = Buffer.from(bytes);
    copy[i] = byte;
    return copy;
  }
  if (how === 1) return Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]);
  return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
}
