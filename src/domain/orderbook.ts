// One market's book at full depth: YES and NO bid ladders in exact integer units, derived asks,
// spread and mid, and the flags that say whether the book can be trusted.
//
// Units: prices are ticks of $0.0001 (PRICE_ONE = $1), sizes are centi-contracts. NO levels are NO
// prices (subscribe with use_yes_price: false). No tick size is assumed: any integer 1..9999 is a
// price, so linear_cent, deci_cent and tapered_deci_cent books all work.
//
// Validity rule: Kalshi matches a YES bid at p against a NO bid at $1 − p, so a book at rest is never
// locked or crossed. best YES bid + best NO bid >= $1 (equal is locked, greater is crossed) therefore
// means the book no longer matches the exchange; it is marked invalid and must be re-snapshotted.
import { PRICE_ONE as ONE } from './fixed-point';
import {
  isBookPrice as bookPrice,
  type LadderView,
  LADDER_NEGATIVE as NEGATIVE,
  LADDER_OK as OK,
  PriceLadder,
} from './price-ladder';

// Hot-path bindings read once: under tsx (how the daemon runs) each use of an imported binding is a
// getter call.
const PRICE_ONE = ONE;
const LADDER_OK = OK;
const LADDER_NEGATIVE = NEGATIVE;
const isBookPrice = bookPrice;

export type OrderbookSide = 'yes' | 'no';

/**
 * - ok: applied. - negative: a level would go below 0. - crossed: the delta would lock or cross the
 * book. - malformed: bad price or size. - invalid: the book was already invalid and ignores deltas
 * until a snapshot. Anything but ok leaves the levels untouched and the book invalid.
 */
export type DeltaResult = 'ok' | 'negative' | 'crossed' | 'malformed' | 'invalid';
export type SnapshotResult = 'ok' | 'crossed' | 'malformed';

/** A level for views that want plain data: [price ticks, size centi]. */
export type Level = [price: number, size: number];

/** What readers may see: no mutators. */
export interface OrderbookView {
  readonly seq: number;
  /** Snapshots applied so far: a reader that follows the book change by change starts over when it moves. */
  readonly generation: number;
  readonly valid: boolean;
  readonly stale: boolean;
  /** Valid and not stale: safe to trade on. */
  readonly fresh: boolean;
  readonly updatedTsMs: number;
  readonly yes: LadderView;
  readonly no: LadderView;
  ladder(side: OrderbookSide): LadderView;
  bestYesBid(): number | null;
  bestNoBid(): number | null;
  yesAsk(): number | null;
  noAsk(): number | null;
  spread(): number | null;
  midX2(): number | null;
  depth(side: OrderbookSide, n: number): Level[];
  levelsAscending(side: OrderbookSide): Level[];
  totalSize(side: OrderbookSide): number;
}

export class Orderbook implements OrderbookView {
  readonly yes = new PriceLadder();
  readonly no = new PriceLadder();
  /** Seq of the last frame applied (set by the store; -1 before any). */
  seq = -1;
  /** ts_ms of the last applied delta, or the receive time of the last snapshot. */
  updatedTsMs = 0;
  generation = 0;
  private isValid = false;
  private isStale = true;

  /** False after a negative level, a crossed book or bad data; true again after a good snapshot. */
  get valid(): boolean {
    return this.isValid;
  }

  /** True before the first snapshot and after a gap or reconnect until the next snapshot. */
  get stale(): boolean {
    return this.isStale;
  }

  /** Valid and not stale: safe to trade on. */
  get fresh(): boolean {
    return this.isValid && !this.isStale;
  }

  ladder(side: OrderbookSide): PriceLadder {
    return side === 'yes' ? this.yes : this.no;
  }

  /** Replaces both sides from flat [price, size, ...] arrays (any order); clears the stale flag. */
  applySnapshot(yesFlat: ArrayLike<number>, noFlat: ArrayLike<number>): SnapshotResult {
    this.isStale = false;
    this.generation++;
    if (this.yes.load(yesFlat) !== LADDER_OK || this.no.load(noFlat) !== LADDER_OK) {
      this.yes.clear();
      this.no.clear();
      this.isValid = false;
      return 'malformed';
    }
    this.isValid = !this.isLockedOrCrossed();
    return this.isValid ? 'ok' : 'crossed';
  }

  /** Adds a signed size change (centi) at a price (ticks) on one side's bid ladder. */
  applyDelta(side: OrderbookSide, price: number, delta: number): DeltaResult {
    if (!this.isValid) return 'invalid';
    const yes = side === 'yes';
    const ladder = yes ? this.yes : this.no;
    // The book was uncrossed, so only an increase at a price facing the other side's best bid can
    // lock or cross it. An empty other side has best -1, which never trips the check. The facing
    // test comes first: it is almost never true, so it predicts well, where `delta > 0` is a coin toss.
    if (price + (yes ? this.no : this.yes).best >= PRICE_ONE && delta > 0 && isBookPrice(price)) {
      this.isValid = false;
      return 'crossed';
    }
    const code = ladder.add(price, delta);
    if (code === LADDER_OK) return 'ok';
    this.isValid = false;
    return code === LADDER_NEGATIVE ? 'negative' : 'malformed';
  }

  /** Called on a seq gap or reconnect: contents may be behind the exchange. */
  markStale(): void {
    this.isStale = true;
  }

  /** Called when the caller learns the book is wrong by other means. */
  invalidate(): void {
    this.isValid = false;
  }

  bestYesBid(): number | null {
    return this.yes.count === 0 ? null : this.yes.best;
  }

  bestNoBid(): number | null {
    return this.no.count === 0 ? null : this.no.best;
  }

  /** Cheapest YES offer: a NO bid at q is an offer to sell YES at $1 − q. */
  yesAsk(): number | null {
    return this.no.count === 0 ? null : PRICE_ONE - this.no.best;
  }

  noAsk(): number | null {
    return this.yes.count === 0 ? null : PRICE_ONE - this.yes.best;
  }

  /** YES ask − YES bid in ticks (> 0 on a valid book), null if a side is empty. */
  spread(): number | null {
    if (this.yes.count === 0 || this.no.count === 0) return null;
    return PRICE_ONE - this.no.best - this.yes.best;
  }

  /**
   * Twice the YES mid, in ticks: bid + ask. Kept doubled so a half-tick mid stays an exact integer;
   * divide only at the display edge.
   */
  midX2(): number | null {
    if (this.yes.count === 0 || this.no.count === 0) return null;
    return this.yes.best + PRICE_ONE - this.no.best;
  }

  totalSize(side: OrderbookSide): number {
    return this.ladder(side).total;
  }

  /** Up to n levels, best first (allocates; hot readers use ladder(side).priceAt/sizeAt). */
  depth(side: OrderbookSide, n: number): Level[] {
    const ladder = this.ladder(side);
    const len = Math.min(n, ladder.count);
    const out: Level[] = new Array(len);
    for (let i = 0; i < len; i++) out[i] = [ladder.priceAt(i), ladder.sizeAt(i)];
    return out;
  }

  /** All levels ascending by price: the shape of Kalshi's REST orderbook (best bid last). */
  levelsAscending(side: OrderbookSide): Level[] {
    const ladder = this.ladder(side);
    const out: Level[] = new Array(ladder.count);
    for (let i = 0; i < ladder.count; i++) out[i] = [ladder.priceAscending(i), ladder.sizeAscending(i)];
    return out;
  }

  private isLockedOrCrossed(): boolean {
    return this.yes.count > 0 && this.no.count > 0 && this.yes.best + this.no.best >= PRICE_ONE;
  }
}
