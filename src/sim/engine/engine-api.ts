// The engine's extended surface: construction options and what the simulator's own layers (REST, admin,
// flow, tests) may call beyond the SimExchange contract the WS server uses.
import type { OrderFilter, Page } from './engine-queries';
import type { LifecycleOptions } from './lifecycle-state';
import type { SimMarketSpec } from './market-generator';
import type { Determination } from './market-lifecycle';
import type { RetentionStats } from './retention';
import type { SettlementFilter } from './settlement-history';
import type {
  EngineResult,
  ListFilter,
  SimAccount,
  SimExchange,
  SimFill,
  SimMarket,
  SimOrder,
  SimPosition,
  SimSettlement,
} from './types';

export type { TopOfBook } from './types';

export interface SimExchangeOptions {
  now?: () => number;
  /** Seeded source of ids and generated books; defaults to a PRNG seeded with `seed`. */
  random?: () => number;
  seed?: number;
  /** Generated markets (ticker families like KXSIM-26DEC31-T50). */
  markets?: { count: number; seed?: number };
  /** Explicit markets, created after the generated ones. */
  marketSpecs?: SimMarketSpec[];
  /** Cash every new user starts with, in micro-dollars (default $10,000). */
  startingBalance?: number;
  /** The ordinary user that owns the initial books (default `flow-mm`) and its cash (default $10M). */
  bookUserId?: string;
  bookUserBalance?: number;
  /**
   * Most orders, and most fills, kept per user (default 100,000); past it the oldest finished orders and
   * the oldest fills are evicted. Resting orders are always kept. Balances and positions are unaffected.
   */
  historyLimit?: number;
  /** Users whose finished orders and fills are not kept at all (the synthetic flow); the book user always is. */
  transientUsers?: readonly string[];
  /** How markets close, settle and roll over, and how fast (see LifecycleOptions). */
  lifecycle?: LifecycleOptions;
}

export type SimExchangeEngine = SimExchange & {
  readonly bookUserId: string;
  /** Creates markets (skipping tickers that exist), with their initial books. */
  addMarkets(specs: readonly SimMarketSpec[]): void;
  /** Credits (or debits) cash, creating the account if needed. */
  deposit(userId: string, amount: number): void;
  setExchangeStatus(status: { exchangeActive?: boolean; tradingActive?: boolean }): void;
  cancelAll(userId: string, ticker?: string): SimOrder[];
  /** Cancels resting orders whose expiration passed (also done lazily before every operation). */
  expireOrders(): void;
  getPosition(userId: string, ticker: string): SimPosition | undefined;
  listAccounts(): SimAccount[];
  listAllPositions(): SimPosition[];
  /** Newest-first pages with stable cursors (new orders never shift a page already handed out). */
  pageOrders(userId: string, filter: OrderFilter, cursor: number | null, limit: number): Page<SimOrder>;
  pageFills(userId: string, filter: ListFilter, cursor: number | null, limit: number): Page<SimFill>;
  /** Listener exceptions swallowed so far. */
  listenerErrors(): number;
  /** How much order and fill history the engine holds now (bounded: see historyLimit). */
  retention(): RetentionStats;
  readonly timeScale: number;
  /** Runs whatever the clock made due (series rolls, opens, closes, determinations, payouts) now. */
  tick(): void;
  /** The admin API's lifecycle: each refuses (409) a market in the wrong state, changing nothing. */
  createMarket(spec: SimMarketSpec): EngineResult<SimMarket>;
  /** Now, or at a later `atMs` (its close_time moved there). */
  closeMarket(ticker: string, atMs?: number): EngineResult<SimMarket>;
  settleMarket(ticker: string, determination: Determination): EngineResult<SimMarket>;
  pauseMarket(ticker: string, paused: boolean): EngineResult<SimMarket>;
  /** Newest first, stable cursors, like pageFills. */
  pageSettlements(
    userId: string,
    filter: SettlementFilter,
    cursor: number | null,
    limit: number,
  ): Page<SimSettlement>;
};
