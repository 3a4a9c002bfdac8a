import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  type FillEntry,
  FillLedger,
  type LedgerEntry,
  type LedgerPosition,
  type SettlementEntry,
  settlementEntry,
  utcDayStart,
} from '../../src/domain/fill-ledger';
import { checkPosition } from '../../src/domain/fill-ledger-check';
import { notional, PRICE_ONE } from '../../src/domain/fixed-point';
import { Ledger } from '../../src/sim/engine/ledger';

// The exchange's history of one market is a random run of fills (both sides, through zero, awkward
// counts, many in one millisecond) and maybe a settlement; the simulator's own Ledger books it in order
// and is the oracle. A hostile delivery then feeds the daemon's ledger: WS copies missing, doubled and
// delayed, REST listings (newest first) cut into pages at arbitrary points, restarts with or without
// storage. At every step the fold equals the oracle over exactly the entries held; once a quiet sync
// has delivered everything, it equals the oracle's position row and daily totals to the micro-dollar.

const T = 'KXPROP-26JUN01-T50';
const DAY0 = Date.UTC(2026, 5, 1);

const fillSpec = fc.record({
  side: fc.constantFrom('bid' as const, 'ask' as const),
  price: fc.oneof(fc.integer({ min: 1, max: PRICE_ONE - 1 }), fc.constantFrom(1, 3_333, 5_000, 6_667, 9_999)),
  count: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 1_500 }) },
    { weight: 2, arbitrary: fc.constantFrom(1, 3, 7, 33, 99, 101, 333) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 10_000_000 }) }, // basis × part past 2^53
  ),
  fee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
  gapMs: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) }, // one sweep: same millisecond
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 * 3_600_000 }) }, // across UTC midnight
  ),
});

type ValueOf<A> = A extends fc.Arbitrary<infer U> ? U : never;

const historyArb = fc.record({
  fills: fc.array(fillSpec, { minLength: 1, maxLength: 40 }),
  settlement: fc.option(
    fc.record({ result: fc.constantFrom('yes' as const, 'no' as const), gapMs: fc.nat(2) }),
  ),
});

/**
 * Ids as the simulator makes them: ordered within a millisecond only. The counter restarts each
 * millisecond and sits in front, so sorting by id alone (ignoring ts) would get the order wrong.
 */
function buildHistory(h: ValueOf<typeof historyArb>): LedgerEntry[] {
  let tsMs = DAY0 - 12 * 3_600_000;
  let inMs = 0;
  const entries: LedgerEntry[] = h.fills.map((f, i) => {
    inMs = f.gapMs === 0 && i > 0 ? inMs + 1 : 0;
    tsMs += f.gapMs;
    const id = `${String(inMs).padStart(4, '0')}-${(i * 7_919) % 1_000}`;
    return { kind: 'fill', id, ticker: T, tsMs, side: f.side, price: f.price, count: f.count, fee: f.fee };
  });
  if (h.settlement) entries.push(settlementEntry(T, h.settlement.result, tsMs + h.settlement.gapMs));
  return entries;
}

interface Expected {
  position: Pick<
    LedgerPosition,
    'position' | 'exposure' | 'realizedPnl' | 'feesPaid' | 'totalTraded' | 'volume'
  >;
  /** Realized PnL net of fees per UTC day start. */
  daily: Map<number, number>;
}

/** The simulator's Ledger over `entries` (already in exchange order); a settlement by issue 16's rule. */
function oracle(entries: readonly LedgerEntry[]): Expected {
  const sim = new Ledger(0, () => 0);
  const daily = new Map<number, number>();
  let settled: Expected['position'] | null = null;
  for (const e of entries) {
    const before = sim.position('u', T)?.realizedPnl ?? 0;
    let realized: number;
    if (e.kind === 'fill') {
      sim.applyFill('u', T, e.side, e.count, e.price, e.fee);
      realized = (sim.position('u', T)?.realizedPnl ?? 0) - before;
    } else {
      const row = sim.position('u', T);
      const held = row?.position ?? 0;
      const payout = held >= 0 ? notional(e.value, held) : notional(PRICE_ONE - e.value, -held);
      realized = payout - (row?.exposure ?? 0);
      settled = { ...pick(row), position: 0, exposure: 0, realizedPnl: before + realized };
      settled.feesPaid += e.fee;
    }
    const day = utcDayStart(e.tsMs);
    daily.set(day, (daily.get(day) ?? 0) + realized - e.fee);
  }
  return { position: settled ?? pick(sim.position('u', T)), daily };
}

const pick = (p: Partial<Expected['position']> | undefined): Expected['position'] => ({
  position: p?.position ?? 0,
  exposure: p?.exposure ?? 0,
  realizedPnl: p?.realizedPnl ?? 0,
  feesPaid: p?.feesPaid ?? 0,
  totalTraded: p?.totalTraded ?? 0,
  volume: p?.volume ?? 0,
});

/** What the daemon's ledger says, in the oracle's shape (a market it never saw reads as zeros). */
const observed = (ledger: FillLedger) => pick(ledger.position(T));

type Delivery =
  | { at: number; kind: 'ws'; entry: LedgerEntry }
  | { at: number; kind: 'rest'; upTo: number; cuts: number[] }
  | { at: number; kind: 'restart'; keepStorage: boolean };

/** Entry i executes at step i; a REST listing at step s holds what executed before s, newest first. */
const deliveryArb = (n: number) =>
  fc.record({
    ws: fc.array(fc.array(fc.nat(12), { maxLength: 2 }), { minLength: n, maxLength: n }),
    rest: fc.array(fc.record({ at: fc.nat(n + 12), cuts: fc.array(fc.nat(n), { maxLength: 4 }) }), {
      maxLength: 3,
    }),
    restarts: fc.array(fc.record({ at: fc.nat(n + 12), keepStorage: fc.boolean() }), { maxLength: 2 }),
    finalPage: fc.integer({ min: 1, max: 9 }),
  });

function schedule(history: LedgerEntry[], d: ValueOf<ReturnType<typeof deliveryArb>>): Delivery[] {
  const out: Delivery[] = [];
  history.forEach((entry, i) => {
    for (const delay of d.ws[i] ?? []) out.push({ at: i + delay, kind: 'ws', entry });
  });
  for (const r of d.rest) out.push({ at: r.at, kind: 'rest', upTo: r.at, cuts: r.cuts });
  for (const r of d.restarts) out.push({ at: r.at, kind: 'restart', keepStorage: r.keepStorage });
  return out.sort((a, b) => a.at - b.at); // stable: ties keep their generated order
}

/** The newest-first listing of history[0, upTo) cut into pages at `cuts`. */
function pages(history: LedgerEntry[], upTo: number, cuts: number[]): LedgerEntry[][] {
  const listing = history.slice(0, upTo).reverse();
  const bounds = [...new Set([0, ...cuts.filter((c) => c < listing.length), listing.length])].sort(
    (a, b) => a - b,
  );
  return bounds.slice(1).map((end, k) => listing.slice(bounds[k], end));
}

describe('fill ledger against the simulator Ledger (property)', () => {
  it('folds any delivery of one market to the exchange figures, at every step and once quiet', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => {
          const history = buildHistory(h);
          return fc.tuple(fc.constant(history), deliveryArb(history.length));
        }),
        ([history, delivery]) => {
          let ledger = new FillLedger();
          const heldMatchesOracle = () => {
            const held = history.filter((e) => ledger.has(e.id));
            expect(observed(ledger)).toEqual(oracle(held).position);
          };
          for (const event of schedule(history, delivery)) {
            if (event.kind === 'ws') ledger.insert(event.entry);
            else if (event.kind === 'rest') {
              for (const page of pages(history, event.upTo, event.cuts)) ledger.insertAll(page);
            } else {
              const stored = ledger.entries(T).map((e) => e.entry);
              ledger = new FillLedger();
              if (event.keepStorage) ledger.insertAll(stored.reverse());
            }
            heldMatchesOracle();
          }
          // A quiet sync pages through everything.
          const listing = history.slice().reverse();
          for (let k = 0; k < listing.length; k += delivery.finalPage) {
            ledger.insertAll(listing.slice(k, k + delivery.finalPage));
          }
          const expected = oracle(history);
          expect(ledger.size).toBe(history.length);
          expect(observed(ledger)).toEqual(expected.position);
          expect(checkPosition(T, ledger.position(T), expected.position)).toEqual({
            ticker: T,
            agrees: true,
          });
          for (const [day, net] of expected.daily) {
            expect(ledger.dailyRealizedNet(day + DAY_MS - 1)).toBe(net);
          }
          const total = [...expected.daily.values()].reduce((a, b) => a + b, 0);
          expect(ledger.realizedNetBetween(-Infinity, Infinity)).toBe(total);
          expect(total).toBe(expected.position.realizedPnl - expected.position.feesPaid);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('settles at the settlement value whatever the fills before it, with any gap', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const history = buildHistory({ ...h, settlement: h.settlement ?? { result: 'yes', gapMs: 0 } });
        const ledger = new FillLedger();
        ledger.insertAll(history);
        const settlement = history.at(-1) as SettlementEntry;
        const fills = history.slice(0, -1) as FillEntry[];
        expect(ledger.entries(T).at(-1)?.entry).toBe(settlement);
        expect(ledger.position(T)).toMatchObject({ position: 0, exposure: 0, settled: true });
        expect(observed(ledger)).toEqual(oracle([...fills, settlement]).position);
      }),
      { numRuns: 100 },
    );
  });
});
