// The simulated exchange: builds the state, seeds markets and their books, and exposes the SimExchange
// contract plus the extras the REST layer, the order flow and the tests need.
import { MONEY_ONE } from '../../domain/fixed-point';
import type { SimExchangeEngine, SimExchangeOptions } from './engine-api';
import { pageFills, pageOrders } from './engine-queries';
import { type EngineState, publicOrder } from './engine-state';
import { EventBus } from './event-bus';
import { Ledger } from './ledger';
import { createLifecycleState } from './lifecycle-state';
import { sweepLifecycle } from './lifecycle-sweep';
import { closeNow, createMarket, pauseMarket, settleNow } from './market-admin';
import { generateMarketSpecs } from './market-generator';
import { addMarkets } from './market-setup';
import { amendOrder, cancelAllOrders, cancelOrder, decreaseOrder, setPaused } from './order-changes';
import { createOrder } from './order-commands';
import { sweepExpired } from './resting';
import { DEFAULT_HISTORY_LIMIT, retentionStats, settleEnded } from './retention';
import { createSeededRandom } from './rng';
import { createRollingSeries } from './series-roll';
import { pageSettlements } from './settlement-history';
import type { SimMarket } from './types';

export type { SimExchangeEngine, SimExchangeOptions, TopOfBook } from './engine-api';
export type { Determination } from './market-lifecycle';

const DEFAULT_BALANCE = 10_000 * MONEY_ONE;
/** Markets seeded between two deliveries of their events at construction. */
const SEED_SLICE = 250;

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
  const specs = [
    ...(opts.markets
      ? generateMarketSpecs(opts.markets.count, opts.markets.seed ?? seed, nowMs, lifecycle.timeScale)
      : []),
    ...(opts.marketSpecs ?? []),
  ];
  // In slices, delivering each slice's events (to no one yet: nothing can have subscribed) before the
  // next: queued until the end, the seeding's events of 10,000 markets were a 100 MB peak the process
  // kept as resident memory.
  for (let at = 0; at < specs.length; at += SEED_SLICE) {
    addMarkets(state, specs.slice(at, at + SEED_SLICE), bookUserId);
    bus.flush();
  }
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
    peekMarket: (ticker) => state.markets.get(ticker)?.market,
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
    closeMarket: (ticker, atMs) => run(() => closeNow(state, ticker, atMs)),
    settleMarket: (ticker, determination) => run(() => settleNow(state, ticker, determination)),
    pauseMarket: (ticker, paused) => run(() => pauseMarket(state, ticker, paused)),
    pageSettlements: (userId, filter, cursor, limit) =>
      run(() => pageSettlements(state, userId, filter, cursor, limit)),
  };
}
