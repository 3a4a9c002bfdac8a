// Fuzzing exchange WebSocket frames through the daemon's own path: frame router (parser, control and data
// schemas), frame ingest and book store. A toy exchange writes a truthful wire stream (snapshots, deltas,
// seq per sid); the fuzzer mutates some frames (one field of the wrong type, huge numbers, truncation,
// unknown types, prices off the tick grid) and slips junk in between. Nothing throws, every frame is
// counted once, a fresh book is always well formed, a price finer than a tick is never applied, and when
// every mutation was one the daemon can see, each book equals the exchange's or is marked stale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookRepair } from '../../../src/actors/orderbook/book-repair';
import { createFrameIngest } from '../../../src/actors/orderbook/frame-ingest';
import { MarketTrades } from '../../../src/actors/orderbook/market-trades';
import { newStreamCounters } from '../../../src/actors/orderbook/orderbook-types';
import { parseOrderbookFrame } from '../../../src/adapters/kalshi/orderbook-frame-parser';
import { FrameRouter } from '../../../src/adapters/kalshi/ws-frame-router';
import { BookStore } from '../../../src/domain/book-store';
import { formatCount, formatPrice, PRICE_ONE } from '../../../src/domain/fixed-point';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams, InputCounter } from '../../support/fuzz';
import { mutateJson, truncatedJson } from '../../support/json-mutations';

const SIDS: Record<string, number> = { KXA: 1, KXB: 1, KXC: 2 };
const TICKERS = Object.keys(SIDS);
// Bids below $0.50 on both sides: the truthful books can never cross.
const PRICES = [1, 37, 100, 150, 2500, 4500, 4505, 4900];

type Side = Map<number, number>;
type Truth = Map<string, { yes: Side; no: Side }>;
type Op =
  | { op: 'delta'; ticker: string; side: 'yes' | 'no'; price: number; amount: number; remove: boolean }
  | { op: 'snapshot'; ticker: string };

const levels = (side: Side) => [...side.entries()].sort((a, b) => a[0] - b[0]);
const wireLevels = (side: Side) => levels(side).map(([p, s]) => [formatPrice(p), formatCount(s)]);

/** The exchange's frames for `ops` (after a snapshot of every market, before one closing delta per sid). */
function materialize(ops: Op[]): { frames: object[]; truth: Truth } {
  const truth: Truth = new Map(TICKERS.map((t) => [t, { yes: new Map(), no: new Map() }]));
  const seqs = new Map<number, number>();
  const frames: object[] = [];
  const nextSeq = (sid: number) => {
    const seq = (seqs.get(sid) ?? 0) + 1;
    seqs.set(sid, seq);
    return seq;
  };
  const snapshot = (ticker: string) => {
    const sid = SIDS[ticker] as number;
    const t = truth.get(ticker)!;
    const msg = {
      market_ticker: ticker,
      market_id: `id-${ticker}`,
      yes_dollars_fp: wireLevels(t.yes),
      no_dollars_fp: wireLevels(t.no),
    };
    frames.push({ type: 'orderbook_snapshot', sid, seq: nextSeq(sid), msg });
  };
  const delta = (ticker: string, side: 'yes' | 'no', price: number, change: number) => {
    const ladder = truth.get(ticker)![side];
    const size = (ladder.get(price) ?? 0) + change;
    if (size === 0) ladder.delete(price);
    else ladder.set(price, size);
    const sid = SIDS[ticker] as number;
    const msg = {
      market_ticker: ticker,
      price_dollars: formatPrice(price),
      delta_fp: formatCount(change),
      side,
      ts_ms: 1_700_000_000_000 + frames.length,
    };
    frames.push({ type: 'orderbook_delta', sid, seq: nextSeq(sid), msg });
  };
  for (const ticker of TICKERS) snapshot(ticker);
  for (const op of ops) {
    if (op.op === 'snapshot') snapshot(op.ticker);
    else {
      const current = truth.get(op.ticker)![op.side].get(op.price) ?? 0;
      delta(
        op.ticker,
        op.side,
        op.price,
        op.remove && current > 0 ? -Math.min(current, op.amount) : op.amount,
      );
    }
  }
  // A frame after every possible loss, so a dropped last frame still shows as a gap.
  delta('KXA', 'yes', 100, 100);
  delta('KXC', 'no', 100, 100);
  return { frames, truth };
}

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('delta' as const),
      ticker: fc.constantFrom(...TICKERS),
      side: fc.constantFrom('yes' as const, 'no' as const),
      price: fc.constantFrom(...PRICES),
      amount: fc.integer({ min: 1, max: 5_000 }),
      remove: fc.boolean(),
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({ op: fc.constant('snapshot' as const), ticker: fc.constantFrom(...TICKERS) }),
    weight: 1,
  },
);

type Kind = 'field' | 'truncated' | 'unknown_type' | 'off_grid' | 'junk';
interface Mutation {
  at: number;
  kind: Kind;
  text: string;
}
const offGrid = fc.constantFrom('0.45001', '0.00001', '0.99999', '0.500000001');
function mutation(frame: object, at: number): fc.Arbitrary<Mutation> {
  const withKind =
    (kind: Kind) =>
    (text: string): Mutation => ({ at, kind, text });
  const f = frame as { type: string; msg: Record<string, unknown> };
  return fc.oneof(
    {
      arbitrary: mutateJson(frame)
        .map((d) => JSON.stringify(d))
        .map(withKind('field')),
      weight: 6,
    },
    { arbitrary: truncatedJson(frame).map(withKind('truncated')), weight: 1 },
    {
      arbitrary: fc
        .string({ maxLength: 12 })
        .filter(
          (t) =>
            ![
              'orderbook_snapshot',
              'orderbook_delta',
              'subscribed',
              'unsubscribed',
              'ok',
              'error',
              'ticker',
              'trade',
              'fill',
              'user_order',
              'market_position',
            ].includes(t) &&
            !t.startsWith('market_') &&
            !t.startsWith('event_') &&
            !t.startsWith('rfq_') &&
            !t.startsWith('quote_'),
        )
        .map((type) => JSON.stringify({ ...f, type }))
        .map(withKind('unknown_type')),
      weight: 1,
    },
    {
      arbitrary: offGrid
        .map((p) =>
          f.type === 'orderbook_delta'
            ? JSON.stringify({ ...f, msg: { ...f.msg, price_dollars: p } })
            : JSON.stringify({ ...f, msg: { ...f.msg, yes_dollars_fp: [[p, '1.00']] } }),
        )
        .map(withKind('off_grid')),
      weight: 1,
    },
  );
}
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

const scenario = fc.array(op, { minLength: 10, maxLength: 40 }).chain((ops) => {
  const { frames, truth } = materialize(ops);
  const mutable = frames.length - 2; // the closing frames stay whole
  const mutations = fc
    .uniqueArray(fc.nat(mutable - 1), { minLength: 4, maxLength: 16 })
    .chain((ats) => fc.tuple(...ats.map((at) => mutation(frames[at] as object, at))));
  const junks = fc.array(fc.tuple(fc.nat(frames.length), junk), { maxLength: 4 });
  return fc.record({ frames: fc.constant(frames), truth: fc.constant(truth), mutations, junks });
});

/** What the book store must act on: a change here is a different (undetectable) instruction. */
function meaning(text: string): string | undefined {
  const p = parseOrderbookFrame(text);
  if (p.kind === 'delta') return JSON.stringify([p.kind, p.ticker, p.side, p.price, p.delta]);
  if (p.kind === 'snapshot') return JSON.stringify([p.kind, p.ticker, p.yes, p.no]);
  if (p.kind === 'error' && p.reason === 'bad_ticker') return 'a market nobody can name';
  return undefined;
}

function harness() {
  let t = 1_700_000_000_000;
  const now = () => t++;
  const store = new BookStore({ now });
  store.follow(TICKERS);
  store.subscribe(1, ['KXA', 'KXB']);
  store.subscribe(2, ['KXC']);
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const counters = newStreamCounters();
  const repair = new BookRepair(
    {
      staleTickers: (sid) => store.staleTickers(sid),
      allFresh: () => store.allFresh(),
      requestSnapshots: async () => undefined,
      resubscribe: () => false,
      send: () => undefined,
    },
    { now, log, counters },
  );
  const ingest = createFrameIngest({
    store,
    repair,
    trades: new MarketTrades(),
    log,
    now,
    counters,
    onPrivate: () => undefined,
    changed: () => {},
  });
  const router = new FrameRouter({
    book: ingest.onOrderbookFrame,
    control: () => undefined,
    data: ingest.onMessage,
    ticker: ingest.onTicker,
    protocolError: ingest.onProtocolError,
    owns: (sid) => sid === 1 || sid === 2,
    foreign: () => undefined,
  });
  const seen = () =>
    Object.values(router.framesByType()).reduce((a, b) => a + b, 0) + router.malformed + router.foreign;
  return { store, router, seen };
}

/** Problems of fresh books: a price not strictly inside $0–$1 in whole ticks, a size not a positive integer, a cross. */
function malformedBooks(store: BookStore): string[] {
  const problems: string[] = [];
  for (const ticker of TICKERS) {
    const book = store.get(ticker);
    if (book === undefined || !book.fresh) continue;
    for (const side of ['yes', 'no'] as const) {
      for (const [price, size] of book.levelsAscending(side)) {
        if (!(Number.isSafeInteger(price) && price > 0 && price < PRICE_ONE))
          problems.push(`${ticker} ${side} price ${price}`);
        if (!(Number.isSafeInteger(size) && size > 0)) problems.push(`${ticker} ${side} size ${size}`);
      }
    }
    const yes = book.bestYesBid();
    const no = book.bestNoBid();
    if (yes !== null && no !== null && yes + no >= PRICE_ONE) problems.push(`${ticker} crossed`);
  }
  return problems;
}

const counter = new InputCounter();

describe(`exchange WebSocket frames, fuzzed (seed ${FUZZ_SEED})`, () => {
  it(
    'never throws, counts every frame, keeps books well formed, and never trusts a book it cannot vouch for',
    () => {
      fc.assert(
        fc.property(scenario, ({ frames, truth, mutations, junks }) => {
          const { store, router, seen } = harness();
          const byIndex = new Map(mutations.map((m) => [m.at, m]));
          let visible = true;
          let routed = 0;
          const route = (text: string, kind?: Kind) => {
            const malformedBefore = router.malformed;
            router.routeBytes(Buffer.from(text, 'utf8')); // the daemon's path: byte scanner, text for the rest
            routed++;
            if (seen() !== routed) expect(seen(), text).toBe(routed);
            if (kind === 'off_grid' || kind === 'truncated' || kind === 'unknown_type') {
              expect(router.malformed, `${kind}: ${text}`).toBe(malformedBefore + 1);
            }
            const problems = malformedBooks(store);
            if (problems.length > 0) expect(problems, text).toEqual([]);
          };
          frames.forEach((frame, i) => {
            for (const [at, text] of junks) if (at === i) route(text, 'junk');
            const m = byIndex.get(i);
            const original = JSON.stringify(frame);
            if (m !== undefined) {
              const changed = meaning(m.text);
              if (changed !== undefined && changed !== meaning(original)) visible = false;
              route(m.text, m.kind);
            } else route(original);
          });
          counter.add(mutations.length + junks.length);
          if (!visible) return;
          for (const [ticker, t] of truth) {
            if (store.isStale(ticker)) continue;
            const book = store.get(ticker)!;
            expect([book.levelsAscending('yes'), book.levelsAscending('no')], ticker).toEqual([
              levels(t.yes),
              levels(t.no),
            ]);
          }
        }),
        fuzzParams(1_200),
      );
      counter.check();
    },
    FUZZ_TIMEOUT_MS,
  );
});
