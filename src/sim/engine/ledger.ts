// Cash, order holds and positions per user: how a fill moves money and contracts. A YES+NO pair is worth
// exactly $1, so buying YES while short closes NO (and pays out $1 − p instead of costing p).
import { notional, PRICE_ONE } from '../../domain/fixed-point';
import type { BookSide } from '../../domain/trading-types';
import type { SimAccount, SimPosition } from './types';

interface AccountState {
  userId: string;
  cash: number; // micros
  /** Cash promised to resting orders; new orders may only use cash − held. */
  held: number; // micros
  updatedMs: number;
}

/** Cost per centi-contract (in ticks) of opening at YES price `price` on `side`. */
export const unitCost = (side: BookSide, price: number): number =>
  side === 'bid' ? price : PRICE_ONE - price;

export interface FillEffect {
  position: SimPosition;
  /** Change of this user's long-YES contracts (open interest counts each pair once, on the YES side). */
  longYesDelta: number;
}

/** What settling one position did: what was held and at what basis, what it paid. */
export interface SettlementEffect {
  position: SimPosition;
  /** Signed centi held at settlement. */
  held: number;
  /** Its cost basis (micros). */
  cost: number;
  /** The payout before rounding: value per YES contract, $1 − value per NO contract (micros). */
  payout: number;
  /** The sub-cent remainder of the payout, not credited (Kalshi pays whole cents). */
  fee: number;
}

const CENT = 10_000; // micros

export class Ledger {
  private readonly accounts = new Map<string, AccountState>();
  private readonly positions = new Map<string, Map<string, SimPosition>>();

  constructor(
    private readonly startingBalance: number,
    private readonly now: () => number,
  ) {}

  account(userId: string): AccountState {
    let account = this.accounts.get(userId);
    if (!account) {
      account = { userId, cash: this.startingBalance, held: 0, updatedMs: this.now() };
      this.accounts.set(userId, account);
    }
    return account;
  }

  view(userId: string): SimAccount {
    const a = this.account(userId);
    return { userId, balance: a.cash, held: a.held, updatedMs: a.updatedMs };
  }

  allAccounts(): SimAccount[] {
    return [...this.accounts.values()].map((a) => this.view(a.userId));
  }

  available(userId: string): number {
    const a = this.account(userId);
    return a.cash - a.held;
  }

  deposit(userId: string, amount: number): void {
    const a = this.account(userId);
    a.cash += amount;
    a.updatedMs = this.now();
  }

  hold(userId: string, amount: number): void {
    this.account(userId).held += amount;
  }

  release(userId: string, amount: number): void {
    this.account(userId).held -= amount;
  }

  position(userId: string, ticker: string): SimPosition | undefined {
    return this.positions.get(userId)?.get(ticker);
  }

  positionsOf(userId: string): SimPosition[] {
    return [...(this.positions.get(userId)?.values() ?? [])];
  }

  allPositions(): SimPosition[] {
    return [...this.positions.values()].flatMap((byTicker) => [...byTicker.values()]);
  }

  /** Signed contracts (centi) `side` could still trade without flipping the position through zero. */
  reducible(userId: string, ticker: string, side: BookSide): number {
    const pos = this.position(userId, ticker)?.position ?? 0;
    return side === 'bid' ? Math.max(0, -pos) : Math.max(0, pos);
  }

  /** Books one execution for one side of a trade; `fee` is what this side pays (0 for makers). */
  applyFill(
    userId: string,
    ticker: string,
    side: BookSide,
    count: number,
    price: number,
    fee: number,
  ): FillEffect {
    const nowMs = this.now();
    const position = this.positionFor(userId, ticker, nowMs);
    const before = position.position;
    const closing = Math.min(count, side === 'bid' ? Math.max(0, -before) : Math.max(0, before));
    const opening = count - closing;
    // Closing YES pays p back; closing NO (by buying YES) pays $1 − p back.
    const proceeds = notional(side === 'bid' ? PRICE_ONE - price : price, closing);
    const cost = notional(unitCost(side, price), opening);
    const released = closing === 0 ? 0 : shareOf(position.exposure, closing, Math.abs(before));

    position.exposure += cost - released;
    position.realizedPnl += proceeds - released;
    position.totalTraded += notional(unitCost(side, price), count);
    position.feesPaid += fee;
    position.volume += count;
    position.position = before + (side === 'bid' ? count : -count);
    position.updatedMs = nowMs;

    const account = this.account(userId);
    account.cash += proceeds - cost - fee;
    account.updatedMs = nowMs;

    const longYesDelta = Math.max(0, position.position) - Math.max(0, before);
    return { position: { ...position }, longYesDelta };
  }

  /**
   * Closes a position at settlement, `value` per YES contract (ticks). The whole payout is realized against
   * the whole basis; the balance gets it rounded down to the cent, the remainder is a fee. Fills never
   * change here: traded and volume stay what they were. Null when nothing is held.
   */
  settlePosition(userId: string, ticker: string, value: number): SettlementEffect | null {
    const position = this.position(userId, ticker);
    if (position === undefined || position.position === 0) return null;
    const nowMs = this.now();
    const held = position.position;
    const cost = position.exposure;
    const payout = held > 0 ? notional(value, held) : notional(PRICE_ONE - value, -held);
    const fee = payout % CENT;
    position.realizedPnl += payout - cost;
    position.feesPaid += fee;
    position.position = 0;
    position.exposure = 0;
    position.updatedMs = nowMs;
    const account = this.account(userId);
    account.cash += payout - fee;
    account.updatedMs = nowMs;
    return { position: { ...position }, held, cost, payout, fee };
  }

  /** Users with a position row (even a flat one) in `ticker`. */
  holders(ticker: string): string[] {
    const users: string[] = [];
    for (const [userId, byTicker] of this.positions) if (byTicker.has(ticker)) users.push(userId);
    return users;
  }

  /** Drops a position row (a settled market being released); the user's cash is not touched. */
  forgetPosition(userId: string, ticker: string): void {
    const byTicker = this.positions.get(userId);
    if (byTicker === undefined) return;
    byTicker.delete(ticker);
    if (byTicker.size === 0) this.positions.delete(userId);
  }

  private positionFor(userId: string, ticker: string, nowMs: number): SimPosition {
    let byTicker = this.positions.get(userId);
    if (!byTicker) {
      byTicker = new Map();
      this.positions.set(userId, byTicker);
    }
    let position = byTicker.get(ticker);
    if (!position) {
      position = {
        userId,
        ticker,
        position: 0,
        exposure: 0,
        totalTraded: 0,
        realizedPnl: 0,
        feesPaid: 0,
        volume: 0,
        updatedMs: nowMs,
      };
      byTicker.set(ticker, position);
    }
    return position;
  }
}

/** exposure × part / whole, floored, exact for any safe inputs (the product can pass 2^53). */
function shareOf(exposure: number, part: number, whole: number): number {
  if (part >= whole) return exposure;
  return Number((BigInt(exposure) * BigInt(part)) / BigInt(whole));
}
