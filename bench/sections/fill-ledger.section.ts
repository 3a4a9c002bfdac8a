// Fill ledger cost: in-order appends against the simulator's own booking of the same fills (one position
// update per fill and no ids kept: the floor of what any fold costs), a reload from a newest-first
// listing, and late fills against re-folding the whole market, which is what a ledger without per-entry
// fold state has to do.
import { compareEntries, type FillEntry, FillLedger } from '../../src/domain/fill-ledger';
import { applyEntry, type FoldState } from '../../src/domain/fill-ledger-fold';
import { Ledger } from '../../src/sim/engine/ledger';
import { seededRng } from '../lib/market-model';
import { consume, measureRates } from '../lib/measure';
import { type BenchSection, fmtRate } from '../lib/section';

const MARKETS = 20;
const FILLS = 100_000;
const DEEP = 10_000; // entries in the market that takes late fills
const LATE = 500; // late fills per pass
const LATE_DEPTH = 100; // how far from the end a late fill lands

/** Random fills in exchange order over MARKETS markets, a few per millisecond. */
function history(count: number, markets: number, seed: number): FillEntry[] {
  const rng = seededRng(seed);
  let tsMs = Date.UTC(2026, 5, 1);
  return Array.from({ length: count }, (_, i) => {
    if (rng() < 0.5) tsMs += 1 + Math.floor(rng() * 50);
    return {
      kind: 'fill',
      id: i.toString(16).padStart(12, '0'),
      ticker: `KXBENCH-26JUN01-T${Math.floor(rng() * markets)}`,
      tsMs,
      side: rng() < 0.5 ? 'bid' : 'ask',
      price: 100 + Math.floor(rng() * 9_800),
      count: 1 + Math.floor(rng() * 1_000),
      fee: Math.floor(rng() * 20_000),
    };
  });
}

/** LATE late fills for `deep`, timestamped just before the entry LATE_DEPTH from the end. */
function lateFills(deep: FillEntry[], seed: number): FillEntry[] {
  const anchor = deep[deep.length - LATE_DEPTH] as FillEntry;
  return history(LATE, 1, seed).map((f, i) => ({
    ...f,
    id: `late-${i}`,
    ticker: anchor.ticker,
    tsMs: anchor.tsMs - 1,
  }));
}

export const section: BenchSection = {
  name: 'fill ledger',
  order: 40,
  run(ctx) {
    const fills = history(FILLS, MARKETS, 11);
    let ledger = new FillLedger();
    let sim = new Ledger(0, () => 0);
    const newestFirst = fills.slice().reverse();
    const [append = 0, booking = 0, reload = 0] = measureRates(
      [
        {
          prepare: () => {
            ledger = new FillLedger();
          },
          pass: () => {
            for (const f of fills) ledger.insert(f);
          },
        },
        {
          prepare: () => {
            sim = new Ledger(0, () => 0);
          },
          pass: () => {
            for (const f of fills) sim.applyFill('u', f.ticker, f.side, f.count, f.price, f.fee);
          },
        },
        {
          prepare: () => {
            ledger = new FillLedger();
          },
          pass: () => {
            ledger.insertAll(newestFirst);
          },
        },
      ],
      { itemsPerPass: FILLS },
    );
    const perFill = (rate: number) => fmtRate(rate).replace('msg', 'fill');
    ctx.note(`${FILLS.toLocaleString('en-US')} fills over ${MARKETS} markets`);
    ctx.row('FillLedger.insert, in exchange order', perFill(append));
    ctx.row('baseline: sim Ledger.applyFill (no ids kept)', perFill(booking));
    ctx.row('ledger / baseline', `${(append / booking).toFixed(2)}×`);
    ctx.row('FillLedger.insertAll, newest first (reload)', perFill(reload));

    const deep = history(DEEP, 1, 12);
    const late = lateFills(deep, 13);
    let sorted: FillEntry[] = [];
    const [refold = 0, full = 0] = measureRates(
      [
        {
          prepare: () => {
            ledger = new FillLedger();
            ledger.insertAll(deep);
          },
          pass: () => {
            for (const f of late) ledger.insert(f);
          },
        },
        {
          // Without per-entry fold state: insert in place, then fold the whole market again.
          prepare: () => {
            sorted = deep.slice();
          },
          pass: () => {
            for (const f of late) {
              sorted.splice(sorted.length - LATE_DEPTH, 0, f);
              consume(foldAll(sorted).realizedPnl);
            }
          },
        },
      ],
      { itemsPerPass: LATE, rounds: 3 },
    );
    ctx.note(
      `late fills into a market of ${DEEP.toLocaleString('en-US')} entries, ${LATE_DEPTH} from the end`,
    );
    ctx.row('FillLedger.insert, late (partial re-fold)', perFill(refold));
    ctx.row('baseline: re-fold the whole market', perFill(full));
    ctx.row('ledger / baseline', `${(refold / full).toFixed(1)}×`, '≥ 10×', refold / full >= 10);

    const folded = ledger.position(deep[0]!.ticker);
    const fresh = foldAll([...deep, ...late].sort(compareEntries));
    const agree =
      folded?.position === fresh.position &&
      folded.exposure === fresh.exposure &&
      folded.realizedPnl === fresh.realizedPnl;
    ctx.note(
      `check: late inserts equal a fresh fold of everything: ${agree ? 'yes' : 'NO ← SANITY CHECK FAILED'}`,
    );
  },
};

const state: FoldState = { position: 0, exposure: 0, realizedPnl: 0 };

/** Folds `entries` from nothing; returns the shared state (read it before the next call). */
function foldAll(entries: readonly FillEntry[]): FoldState {
  state.position = 0;
  state.exposure = 0;
  state.realizedPnl = 0;
  for (const e of entries) applyEntry(state, e);
  return state;
}
