// Vocabulary of the root statechart: public states, events, context, input and emitted events.

import type { ExchangeStatus } from '../domain/trading-types';

/** The public state names: what /v3/health, /v3/status and `system_activity` report. */
export const PUBLIC_STATES = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
  'ready',
  'degraded',
  // Over ready or degraded (a parallel region) while a decision executes; it takes precedence.
  'acting',
  'error',
  'shutdown',
] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];

export type Severity = 'info' | 'warning' | 'error';

/** One component's own view of itself, as the health actor reports it. */
export interface ComponentHealth {
  healthy: boolean;
  detail?: string;
}
/** Only `trading` drives a decision (unhealthy → error); every other component, `orderbook` included, is shown. */
export type ComponentsHealth = Record<string, ComponentHealth>;

export interface HealthReport {
  atMs: number;
  components: ComponentsHealth;
}

/** Why the machine went to `error`; the class of the failure, never message text, is what code branches on. */
export type FailureKind =
  | 'initialize_failed'
  | 'trading_connect_failed'
  | 'trading_connect_timeout'
  | 'data_sync_failed'
  | 'data_sync_timeout'
  | 'sync_failed'
  | 'trading_unhealthy'
  | 'trading_failed'
  | 'actor_crashed';

export interface FailureRecord {
  kind: FailureKind;
  message: string;
  /** The public state the failure happened in. */
  state: PublicState;
  atMs: number;
  /** The error's class name when the cause was an Error (e.g. `KalshiHttpError`). */
  errorName?: string;
}

export interface TransitionRecord {
  from: PublicState;
  to: PublicState;
  /** The latest time it happened. */
  atMs: number;
  severity: Severity;
  reason?: string;
  /**
   * Times it happened in a row, when more than once: ready → acting → ready round trips are counted on
   * one record rather than pushing every other transition out of the bounded history.
   */
  count?: number;
}

export interface SyncRecord {
  atMs: number;
  changes: number;
}

export interface TraderTimeouts {
  orderbookConnectMs: number;
  firstSnapshotMs: number;
  tradingConnectMs: number;
  dataSyncMs: number;
  shutdownMs: number;
  syncIntervalMs: number;
  healthIntervalMs: number;
  recoveryBaseMs: number;
  recoveryMaxMs: number;
}

export interface TraderInput {
  sessionId: string;
  /** Wall-clock start of the session, stamped by the composition root (the machine reads no clock). */
  sessionStartedMs?: number;
  timeouts?: Partial<TraderTimeouts>;
  /** Consecutive `SYNC.FAILED` that count as a critical failure (default 3). */
  maxSyncFailures?: number;
}

/** Plain data only: no sockets, clients, timers or functions. */
export interface TraderContext {
  sessionId: string;
  sessionStartedMs: number | null;
  timeouts: TraderTimeouts;
  maxSyncFailures: number;
  /** The last public transitions, oldest first (bounded); the last one's `to` is the current public state. */
  transitions: TransitionRecord[];
  markets: string[];
  /** What the orderbook actor last said: FEED.UP (true) or FEED.DOWN (false); false until it speaks. */
  feedUp: boolean;
  /** Why the feed is not up (start-up timeout or the FEED.DOWN reason), null when it is. */
  feedDetail: string | null;
  /** A decision (strategy intents, a manual trade) is executing: the public state is `acting`. */
  acting: boolean;
  exchange: ExchangeStatus | null;
  lastError: FailureRecord | null;
  /** Consecutive recoveries since the last proven-good sync cycle: drives the backoff. */
  recoveryAttempts: number;
  /** Every recovery since the session started. */
  totalRecoveries: number;
  syncFailures: number;
  lastSync: SyncRecord | null;
  lastSyncError: string | null;
  lastHealth: HealthReport | null;
  shutdown: {
    reason: string;
    cancelOrders: boolean;
    outcome: 'pending' | 'done' | 'failed' | 'timeout';
  } | null;
}

export type TraderEvent =
  /** The orderbook actor's verdict, the only one that switches degraded → ready. */
  | { type: 'FEED.UP' }
  /** The orderbook actor's verdict, the only one that switches ready → degraded. */
  | { type: 'FEED.DOWN'; reason: string }
  | ({ type: 'SYNC.DONE' } & SyncRecord)
  | { type: 'SYNC.FAILED'; error: unknown }
  | ({ type: 'HEALTH.REPORT' } & HealthReport)
  | { type: 'TRADING.FAILED'; error: unknown }
  /** The first decision in flight started executing (a strategy's batch of intents, a manual trade). */
  | { type: 'DECISION.START' }
  /** The last decision in flight settled. */
  | { type: 'DECISION.END' }
  | { type: 'SHUTDOWN'; reason?: string; cancelOrders?: boolean }
  /** Rolling discovery replaced closed markets (the marketRotation actor): stream and trade these now. */
  | { type: 'MARKETS.CHANGED'; markets: string[]; added: string[]; removed: string[] }
  /** Configured markets that closed: reported, and kept (an explicit list is the operator's). */
  | { type: 'MARKETS.ENDED'; tickers: string[] };

/** What subscribers get through `actor.on(type, ...)`: the composition root turns these into `system_activity`. */
export type TraderEmitted =
  | ({ type: 'transition' } & TransitionRecord)
  | { type: 'notice'; severity: Severity; message: string }
  /** Rolling discovery changed the market set (metrics count the rolls). */
  | { type: 'markets'; markets: string[]; added: string[]; removed: string[] }
  /** A component's health flipped (or was reported for the first time) in a HEALTH.REPORT. */
  | ({ type: 'health'; component: string } & ComponentHealth);

// Inputs and outputs of the named actors the composition root provides.
export interface InitializeOutput {
  markets: string[];
}
export type ConnectTradingOutput = ExchangeStatus;
export type InitialSyncOutput = SyncRecord;
export interface StreamInput {
  markets: string[];
}
export interface StrategyInput extends StreamInput {
  /** The feed's state when the strategy starts; later changes arrive as FEED.UP / FEED.DOWN events. */
  feedUp: boolean;
}
export interface LoopInput {
  intervalMs: number;
}
export interface ShutdownInput {
  reason: string;
  cancelOrders: boolean;
}
