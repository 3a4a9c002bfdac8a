// The fill ledger: every fill and settlement of the account, kept once by id whatever its source (WS `fill`,
// a REST page, a reload from storage, a settlement), and each market's position, basis, realized PnL and
// fees as a fold of its entries in exchange order. The exchange's position rows check it; they never feed it.
//
// Exchange order is (ts, fills before a settlement, id); see compareEntries. It reproduces the simulator's
// application order exactly: its fill timestamps never decrease along it, and its trade ids are
// time-ordered. What it assumes of the real Kalshi: the same of timestamps (read to the millisecond from WS
// `ts_ms` or REST `created_time`), but Kalshi's ids look like random v4 UUIDs, so two fills of one market
// in one millisecond (a taker order sweeping levels) fold in id order, which may not be Kalshi's. Such ties
// matter only when the order does (a sweep through zero, the floors of a partial close), and the
// position-row check reports it, as it reports any difference between this booking and Kalshi's.
import type { LedgerEntry } from './fill-ledger-entry';
import { isValidEntry, sameEntry } from './fill-ledger-entry';
import { type FoldedEntry, type FoldFigures, type LedgerPosition, MarketFold } from './fill-ledger-market';

export {
  compareEntries,
  type FillEntry,
  fillEntry,
  type LedgerEntry,
  type SettlementEntry,
  settlementEntry,
} from './fill-ledger-entry';
export type { FoldedEntry, FoldFigures, LedgerPosition } from './fill-ledger-market';

/**
 * `appended`: it went last in its market (one fold step). `refolded`: it went before entries already
 * held, which were folded again. `duplicate`: the id is known with the same facts, nothing changed.
 * `conflict`: the id is known with different facts; the first copy stands. `invalid`: not foldable.
 */
export type InsertOutcome = 'appended' | 'refolded' | 'duplicate' | 'conflict' | 'invalid';

export interface BatchOutcome {
  added: number;
  duplicates: number;
  /** Entries not taken, with why: worth logging once with the entry. */
  rejected: Array<{ entry: LedgerEntry; reason: 'conflict' | 'invalid' }>;
  /** Markets whose figures changed. */
  tickers: string[];
}

export const DAY_MS = 86_400_000;

/** Start (ms) of the UTC calendar day containing `ms`. */
export const utcDayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

export class FillLedger {
  private readonly byId = new Map<string, LedgerEntry>();
  private readonly markets = new Map<string, MarketFold>();

  /** Number of entries held. */
  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  insert(entry: LedgerEntry): InsertOutcome {
    const known = this.byId.get(entry.id);
    if (known !== undefined) return sameEntry(known, entry) ? 'duplicate' : 'conflict';
    if (!isValidEntry(entry)) return 'invalid';
    this.byId.set(entry.id, entry);
    return this.marketOf(entry.ticker).add(entry) ? 'appended' : 'refolded';
  }

  /** Inserts a batch (a REST page, a reload) with one merge and one re-fold per market, in any order. */
  insertAll(entries: Iterable<LedgerEntry>): BatchOutcome {
    const outcome: BatchOutcome = { added: 0, duplicates: 0, rejected: [], tickers: [] };
    const fresh = new Map<string, LedgerEntry[]>();
    for (const entry of entries) {
      const known = this.byId.get(entry.id);
      if (known !== undefined) {
        if (sameEntry(known, entry)) outcome.duplicates++;
        else outcome.rejected.push({ entry, reason: 'conflict' });
        continue;
      }
      if (!isValidEntry(entry)) {
        outcome.rejected.push({ entry, reason: 'invalid' });
        continue;
      }
      this.byId.set(entry.id, entry);
      outcome.added++;
      const list = fresh.get(entry.ticker);
      if (list === undefined) fresh.set(entry.ticker, [entry]);
      else list.push(entry);
    }
    for (const [ticker, list] of fresh) {
      this.marketOf(ticker).addAll(list);
      outcome.tickers.push(ticker);
    }
    return outcome;
  }

  /** A market's folded figures; undefined when the ledger holds nothing for it. */
  position(ticker: string): LedgerPosition | undefined {
    return this.markets.get(ticker)?.snapshot();
  }

  /** A market's figures as of `ms` (after every entry executed at or before it); undefined as above. */
  positionAt(ticker: string, ms: number): FoldFigures | undefined {
    return this.markets.get(ticker)?.figuresAt(ms);
  }

  positions(): LedgerPosition[] {
    return [...this.markets.values()].map((m) => m.snapshot());
  }

  /** A market's entries in exchange order with what the fold made of each (a live view: do not keep). */
  entries(ticker: string): readonly FoldedEntry[] {
    return this.markets.get(ticker)?.entries ?? [];
  }

  /**
   * Realized PnL net of fees made by the entries executed in [fromMs, toMs): the sum of each entry's
   * realized part (as the fold in exchange order gives it) minus its fee. An entry counts on the day
   * the exchange executed it, whenever it reached us.
   */
  realizedNetBetween(fromMs: number, toMs: number): number {
    let sum = 0;
    for (const market of this.markets.values()) {
      const entries = market.entries;
      for (let k = market.firstAtOrAfter(fromMs); k < entries.length; k++) {
        const folded = entries[k] as FoldedEntry;
        if (folded.entry.tsMs >= toMs) break;
        sum += folded.realized - folded.entry.fee;
      }
    }
    return sum;
  }

  /**
   * Today's realized PnL net of fees, what the daily-loss rule reads: realizedNetBetween over the UTC
   * calendar day containing `nowMs`. A position opened yesterday and closed today realizes today,
   * against the basis it was opened at.
   */
  dailyRealizedNet(nowMs: number): number {
    const start = utcDayStart(nowMs);
    return this.realizedNetBetween(start, start + DAY_MS);
  }

  private marketOf(ticker: string): MarketFold {
    let market = this.markets.get(ticker);
    if (market === undefined) {
      market = new MarketFold(ticker);
      this.markets.set(ticker, market);
    }
    return market;
  }
}
