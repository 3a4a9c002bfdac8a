// What the trading service needs and promises: the client slice it calls, the actor it feeds, its results.
import type { KalshiClient } from '../../adapters/kalshi/client';
import type { OrderIntent as ClientOrderIntent } from '../../adapters/kalshi/order-commands';
import type { RiskDecision, RiskLimits } from '../../domain/risk-gate';
import type { HistoryWrite, NewOrder } from '../../domain/storage-records';
import type { ExchangeStatus } from '../../domain/trading-types';
import type { TradingEvent, TradingState } from './trading-types';

/** The slice of the Kalshi domain client the trading side uses (tests pass the real one). */
export type TradingClient = Pick<
  KalshiClient,
  | 'getExchangeStatus'
  | 'getBalance'
  | 'loadAccountLimits'
  | 'listPositions'
  | 'listOrders'
  | 'listFills'
  | 'listSettlements'
  | 'submitOrder'
  | 'cancelOrder'
  | 'amendOrder'
  | 'decreaseOrder'
>;

/** The trading actor as the service sees it (an `ActorRef` of `tradingLogic` fits). */
export interface TradingRef {
  send(event: TradingEvent): void;
  getSnapshot(): { context: TradingState };
}

/** The slice of pino used by the actors; a child logger per actor is passed in. */
export interface ActorLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: ActorLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface TradingServiceDeps {
  client: TradingClient;
  trading: TradingRef;
  limits: RiskLimits;
  now: () => number;
  log?: ActorLog;
  /** How far before an order's creation the recent-order lookup starts (clock skew margin). */
  lookupSlackMs?: number;
  /** The uuid part of generated client_order_ids (default node:crypto randomUUID). */
  randomUUID?: () => string;
  /** Where orders and intents are kept (storage); none: nothing is kept. */
  journal?: OrderJournal;
  /** The markets followed now: each sync lets go of the others once done with (trading-prune.ts). */
  followed?: () => readonly string[];
}

/** The slice of the storage port the trading service writes to. */
export interface OrderJournal {
  /** Durably committed before it resolves; a rejection means the order must not be sent. */
  recordOrder(order: NewOrder): Promise<boolean>;
  /** Queued for the batched writer: never blocks, never throws for a full queue. */
  enqueue(write: HistoryWrite): void;
}

/**
 * A strategy's desired order plus the client's optional order fields. No client_order_id: the service
 * generates every one (`kt-<uuid>`), so the daemon's orders stay recognisable after a restart.
 */
export type SubmitIntent = Omit<ClientOrderIntent, 'clientOrderId'> & { reason?: string };

export type SubmitOutcome =
  | { outcome: 'accepted'; clientOrderId: string; orderId: string }
  | { outcome: 'rejected'; clientOrderId: string; code: string; message: string }
  /** Sent, answer unknown: left for fullSync to settle; never retried. */
  | { outcome: 'unknown'; clientOrderId: string }
  /** Stopped by the risk gate, or by the closing gate during shutdown: nothing left the process. */
  | { outcome: 'blocked'; rule: BlockRule; reason: string }
  /** Refused before anything left the process: the client's own validation, or no such open order. */
  | { outcome: 'invalid'; message: string; code?: InvalidCode }
  /** Storage could not commit the order row, so it was never sent: a fault on our side, not bad input. */
  | { outcome: 'not_recorded'; clientOrderId: string; message: string };

/**
 * Why a change was refused before it left: no tracked order has that id, the order is finished, or
 * it cannot be changed yet (its create or another change is unanswered, or its outcome is unknown).
 */
export type InvalidCode = 'unknown_order' | 'order_not_open' | 'order_in_flight';

/**
 * A change to a tracked order, named by its client_order_id (the tracked key, `order:<id>` for orders
 * placed elsewhere) or the exchange's order id. `count` is what rests after the change (centi): an
 * amend sets a new price and resting count, a decrease only lowers the count (the order keeps its
 * place in the queue), a cancel takes it all.
 */
export type ChangeIntent = { clientOrderId?: string; orderId?: string; reason?: string } & (
  | { kind: 'cancel' }
  | { kind: 'decrease'; count: number }
  | { kind: 'amend'; price: number; count: number }
);

/** A change's outcome: as a submit's, plus `not_found` (gone on the exchange: filled or canceled). */
export type ChangeOutcome = SubmitOutcome | { outcome: 'not_found'; clientOrderId: string; message: string };

/** Why an intent was stopped before it left: a risk rule, or the service closing for shutdown. */
export type BlockRule = Extract<RiskDecision, { allow: false }>['rule'] | 'shutting_down';

export interface SyncResult {
  atMs: number;
  changes: number;
  details: string[];
  /** A newer sync was applied first, so this one's older view was dropped. */
  superseded?: boolean;
}

export interface CancelAllResult {
  requested: number;
  canceled: number;
  /** 404: gone already, perhaps filled; the next sync tells. */
  notFound: number;
  failed: number;
}

export interface TradingService {
  /**
   * Exchange status plus balance (the balance call proves the key signs correctly), then the account's
   * own rate-limit budgets in place of the Basic defaults (kept if they cannot be read).
   */
  connect(): Promise<ExchangeStatus>;
  fullSync(): Promise<SyncResult>;
  /** `clientOrderId` fixes the new order's id (manual orders carry MANUAL_ORDER_PREFIX); generated otherwise. */
  submit(intent: SubmitIntent, options?: { clientOrderId?: string }): Promise<SubmitOutcome>;
  /** A cancel, decrease or amend of a tracked order, through the same gate; never retried. */
  change(intent: ChangeIntent): Promise<ChangeOutcome>;
  cancelAll(options?: { onlyDaemonPlaced?: boolean }): Promise<CancelAllResult>;
  /**
   * Closes the gate for shutdown: later submits are `blocked` (`shutting_down`). Resolves when the
   * submits in flight have settled or `timeoutMs` passed, with how many were still in flight.
   */
  close(options?: { timeoutMs?: number }): Promise<{ pending: number }>;
  setKillSwitch(on: boolean): void;
  /** The operator's strategy pause, held by the trading actor so a restarted strategy sees it. */
  setStrategyPaused(paused: boolean): void;
  state(): TradingState;
}
