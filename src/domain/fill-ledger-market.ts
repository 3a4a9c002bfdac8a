// One market's share of the fill ledger: its entries kept in exchange order, each with the figures the fold
// gave it, so an entry that arrives in order costs one fold step and a late one re-folds only what follows it.

import { compareEntries, type LedgerEntry } from './fill-ledger-entry';
import { applyEntry, type FoldState, unitCost } from './fill-ledger-fold';
import { notional } from './fixed-point';
import type { Position } from './trading-types';

/** An entry with what the fold made of it, in exchange order. */
export interface FoldedEntry {
  readonly entry: LedgerEntry;
  /** Realized PnL this entry made, fees not included. */
  readonly realized: number;
  readonly positionAfter: number;
  readonly exposureAfter: number;
  /** The market's realized PnL (fees not included) once this entry is applied. */
  readonly realizedAfter: number;
  /** The market's fees once this entry is counted. */
  readonly feesAfter: number;
}

/** A market's figures as the ledger folds them; shaped like the exchange's position row. */
export interface LedgerPosition extends Position {
  /** Centi-contracts traded (both sides), as the exchange's `volume_fp`. */
  volume: number;
  entryCount: number;
  /** Whether a settlement entry is among the entries. */
  settled: boolean;
}

/** The figures the exchange's position row carries, as of one point of the fold. */
export type FoldFigures = Pick<Position, 'position' | 'exposure' | 'realizedPnl' | 'feesPaid'>;

interface Slot {
  entry: LedgerEntry;
  realized: number;
  positionAfter: number;
  exposureAfter: number;
  realizedAfter: number;
  feesAfter: number;
}

const slotOf = (entry: LedgerEntry): Slot => ({
  entry,
  realized: 0,
  positionAfter: 0,
  exposureAfter: 0,
  realizedAfter: 0,
  feesAfter: 0,
});

export class MarketFold {
  private slots: Slot[] = [];
  // Order-independent sums: kept as entries arrive, never re-folded.
  private feesPaid = 0;
  private totalTraded = 0;
  private volume = 0;
  private settled = false;
  private readonly scratch: FoldState = { position: 0, exposure: 0, realizedPnl: 0 };

  constructor(readonly ticker: string) {}

  get entries(): readonly FoldedEntry[] {
    return this.slots;
  }

  /** Adds one entry at its place in exchange order; returns whether it went last (no re-fold needed). */
  add(entry: LedgerEntry): boolean {
    this.count(entry);
    const slots = this.slots;
    const last = slots[slots.length - 1];
    if (last === undefined || compareEntries(last.entry, entry) < 0) {
      slots.push(slotOf(entry));
      this.refold(slots.length - 1);
      return true;
    }
    const at = this.firstAfter(entry);
    slots.splice(at, 0, slotOf(entry));
    this.refold(at);
    return false;
  }

  /** Adds many entries with one merge and one re-fold from the earliest place any of them took. */
  addAll(entries: LedgerEntry[]): void {
    if (entries.length === 0) return;
    for (const entry of entries) this.count(entry);
    entries.sort(compareEntries);
    const old = this.slots;
    const from = this.firstAfter(entries[0] as LedgerEntry);
    const merged = old.slice(0, from);
    let i = from;
    let j = 0;
    while (j < entries.length) {
      const next = entries[j] as LedgerEntry;
      const held = old[i];
      if (held !== undefined && compareEntries(held.entry, next) < 0) {
        merged.push(held);
        i++;
      } else {
        merged.push(slotOf(next));
        j++;
      }
    }
    for (; i < old.length; i++) merged.push(old[i] as Slot);
    this.slots = merged;
    this.refold(from);
  }

  /** Index of the first entry at or after `ms`. */
  firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.slots[mid] as Slot).entry.tsMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The figures as of `ms`: after every entry executed at or before it (all zeros before the first). */
  figuresAt(ms: number): FoldFigures {
    const slot = this.slots[this.firstAtOrAfter(ms + 1) - 1];
    return {
      position: slot?.positionAfter ?? 0,
      exposure: slot?.exposureAfter ?? 0,
      realizedPnl: slot?.realizedAfter ?? 0,
      feesPaid: slot?.feesAfter ?? 0,
    };
  }

  snapshot(): LedgerPosition {
    const last = this.slots[this.slots.length - 1];
    return {
      ticker: this.ticker,
      position: last?.positionAfter ?? 0,
      exposure: last?.exposureAfter ?? 0,
      totalTraded: this.totalTraded,
      realizedPnl: last?.realizedAfter ?? 0,
      feesPaid: this.feesPaid,
      updatedMs: last?.entry.tsMs ?? null,
      volume: this.volume,
      entryCount: this.slots.length,
      settled: this.settled,
    };
  }

  private count(entry: LedgerEntry): void {
    this.feesPaid += entry.fee;
    if (entry.kind === 'settlement') {
      this.settled = true;
      return;
    }
    this.totalTraded += notional(unitCost(entry.side, entry.price), entry.count);
    this.volume += entry.count;
  }

  /** Index of the first slot that sorts after `entry` (ids are unique, so none sorts equal). */
  private firstAfter(entry: LedgerEntry): number {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries((this.slots[mid] as Slot).entry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Folds slots[from..] again, starting from the figures slots[from − 1] left. */
  private refold(from: number): void {
    const slots = this.slots;
    const state = this.scratch;
    const prev = slots[from - 1];
    state.position = prev?.positionAfter ?? 0;
    state.exposure = prev?.exposureAfter ?? 0;
    state.realizedPnl = prev?.realizedAfter ?? 0;
    let fees = prev?.feesAfter ?? 0;
    for (let k = from; k < slots.length; k++) {
      const slot = slots[k] as Slot;
      slot.realized = applyEntry(state, slot.entry);
      slot.positionAfter = state.position;
      slot.exposureAfter = state.exposure;
      slot.realizedAfter = state.realizedPnl;
      fees += slot.entry.fee;
      slot.feesAfter = fees;
    }
  }
}
