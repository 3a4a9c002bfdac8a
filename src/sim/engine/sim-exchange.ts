// The simulated exchange: builds the state, seeds markets and their books, and exposes the SimExchange
// contract plus the extras the REST layer, the order flow and the tests need.
import { MONEY_ONE } from '../../domain/fixed-point';
import { type OrderFilter, type Page, pageFills, pageOrders } from './engine-queries';
import { type EngineState, publicOrder } from './engine-state';
import { EventBus } from './event-bus';
import { Ledger } from './ledger';
import { createLifecycleState, type LifecycleOptions } from './lifecycle-state';
import { sweepLifecycle } from './lifecycle-sweep';
import { closeNow, createMarket, pauseMarket, settleNow } from './market-admin';
import { generateMarketSpecs, type SimMarketSpec } from './market-generator';
import type { Determination } from './market-lifecycle';
import { addMarkets } from './market-setup';
import { amendOrder, cancelAllOrders, cancelOrder, decreaseOrder, setPaused } from './order-changes';
import { createOrder } from './order-commands';
import { sweepExpired } from './resting';
import { DEFAULT_HISTORY_LIMIT, type RetentionStats, retentionStats, settleEnded } from './retention';
import { createSeededRandom } from './rng';
import { createRollingSeries } from './series-roll';
import { pageSettlements, type SettlementFilter } from './settlement-history';
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

export interface TopOfBook {
  yesBid: number | null;
  yesBidSize: number;
  /** Best NO bid, in NO pricing (YES ask = $1 − noBid). */
  noBid: number | null;
  noBidSize: number;
}

export type { Page } from './engine-queries';
export type { Determination } from './market-lifecycle';
export type { SettlementFilter } from './settlement-history';

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
  topOfBook(ticker: string): TopOfBook | undefined;
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
  closeMarket(ticker: string): EngineResult<SimMarket>;
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

const DEFAULT_BALANCE = 10_000 * MONEY_ONE;

export function createSimExchange(opts: SimExchangeOptions = {}): SimExchangeEngine {
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 1;
  const random = opts.random ?? createSeededRandom(seed);
  const bus = new EventBus();
  const ledger = new Ledger(opts.startingBalance ?? DEFAULT_BALANCE, now);
  const bookUserId = opts.bookUserId ?? 'flow-mm';
  const lifecycle = createLifecycleState(opts.lifecycle ?? {}, seed);
  lifecycle.series = createRollingSeries(opts.lifecycle?.series ?? [], lifecycle.timeScale, seed);
  const state: EngineState = {
    now,
    random,
    bus,
    ledger,
    bookUserId,
    markets: new Map(),
    orders: new Map(),
    users: new Map(),
    clientOrderIds: new Map(),
    historyLimit: opts.historyLimit ?? DEFAULT_HISTORY_LIMIT,
    transientUsers: new Set([bookUserId, ...(opts.transientUsers ?? [])]),
    ended: [],
    expiring: new Set(),
    exchangeActive: true,
    tradingActive: true,
    tradeCount: 0,
    lifecycle,
  };
  ledger.deposit(
    bookUserId,
    (opts.bookUserBalance ?? 10_000_000 * MONEY_ONE) - (opts.startingBalance ?? DEFAULT_BALANCE),
  );

  const nowMs = now();
  addMarkets(
    state,
    [
      ...(opts.markets
        ? generateMarketSpecs(opts.markets.count, opts.markets.seed ?? seed, nowMs, lifecycle.timeScale)
        : []),
      ...(opts.marketSpecs ?? []),
    ],
    bookUserId,
  );
  sweepLifecycle(state);
  settleEnded(state);
  bus.flush();

  /**
   * Every public operation: first what the clock made due (expired orders, then the lifecycle), then the
   * operation, then settle finished orders and deliver the events it caused.
   */
  const run = <T>(fn: () => T): T => {
    try {
      sweepExpired(state);
      sweepLifecycle(state);
      return fn();
    } finally {
      settleEnded(state);
      bus.flush();
    }
  };

  return {
    bookUserId,
    // Copies: observers must not be able to move the exchange's own market state.
    listMarkets: (filter) =>
      run(() => {
        const out: SimMarket[] = [];
        for (const { market } of state.markets.values()) {
          if (filter?.status === undefined || market.status === filter.status) out.push({ ...market });
        }
        return out;
      }),
    getMarket: (ticker) =>
      run(() => {
        const market = state.markets.get(ticker)?.market;
        return market ? { ...market } : undefined;
      }),
    addMarkets: (specs) => run(() => addMarkets(state, specs, bookUserId)),
    getBook: (ticker) => run(() => state.markets.get(ticker)?.book.snapshot()),
    exchangeActive: () => state.exchangeActive,
    tradingActive: () => state.tradingActive,

    createOrder: (input) => run(() => createOrder(state, input)),
    cancelOrder: (userId, orderId) => run(() => cancelOrder(state, userId, orderId)),
    amendOrder: (userId, orderId, change) => run(() => amendOrder(state, userId, orderId, change)),
    decreaseOrder: (userId, orderId, change) => run(() => decreaseOrder(state, userId, orderId, change)),
    cancelAll: (userId, ticker) => run(() => cancelAllOrders(state, userId, ticker)),
    setPaused: (ticker, paused) => run(() => setPaused(state, ticker, paused)),
    expireOrders: () => run(() => undefined),
    setExchangeStatus: (status) => {
      state.exchangeActive = status.exchangeActive ?? state.exchangeActive;
      state.tradingActive = status.tradingActive ?? state.tradingActive;
    },
    deposit: (userId, amount) => ledger.deposit(userId, amount),

    getOrder: (userId, orderId) =>
      run(() => {
        const order = state.orders.get(orderId);
        return order && order.userId === userId ? publicOrder(order) : undefined;
      }),
    listOrders: (userId, filter = {}) =>
      run(() => pageOrders(state, userId, filter, null, Number.MAX_SAFE_INTEGER).items),
    listFills: (userId, filter = {}) =>
      run(() => pageFills(state, userId, filter, null, Number.MAX_SAFE_INTEGER).items),
    pageOrders: (userId, filter, cursor, limit) =>
      run(() => pageOrders(state, userId, filter, cursor, limit)),
    pageFills: (userId, filter, cursor, limit) => run(() => pageFills(state, userId, filter, cursor, limit)),
    listPositions: (userId) => ledger.positionsOf(userId).map((p) => ({ ...p })),
    getPosition: (userId, ticker) => {
      const p = ledger.position(userId, ticker);
      return p ? { ...p } : undefined;
    },
    getAccount: (userId) => ledger.view(userId),
    listAccounts: () => ledger.allAccounts(),
    listAllPositions: () => ledger.allPositions().map((p) => ({ ...p })),
    topOfBook: (ticker) => {
      const ms = state.markets.get(ticker);
      if (!ms) return undefined;
      const yes = ms.book.yes.best();
      const no = ms.book.no.best();
      return {
        yesBid: yes?.price ?? null,
        yesBidSize: yes?.total ?? 0,
        noBid: no?.price ?? null,
        noBidSize: no?.total ?? 0,
      };
    },
    subscribe: (listener) => bus.subscribe(listener),
    listenerErrors: () => bus.listenerErrors,
    retention: () => retentionStats(state),
    timeScale: lifecycle.timeScale,
    tick: () => run(() => undefined),
    createMarket: (spec) => run(() => createMarket(state, spec)),
    closeMarket: (ticker) => run(() => closeNow(state, ticker)),
    settleMarket: (ticker, determination) => run(() => settleNow(state, ticker, determination)),
    pauseMarket: (ticker, paused) => run(() => pauseMarket(state, ticker, paused)),
    pageSettlements: (userId, filter, cursor, limit) =>
      run(() => pageSettlements(state, userId, filter, cursor, limit)),
  };
}
