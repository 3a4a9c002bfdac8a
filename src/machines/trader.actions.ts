// Named actions of the root statechart: context updates and emitted news, parameterised by the machine.

import { type AnyActorRef, assign, emit, enqueueActions, sendTo } from 'xstate';
import type { ExchangeStatus } from '../domain/trading-types';
import type {
  FailureKind,
  HealthReport,
  PublicState,
  Severity,
  SyncRecord,
  TraderContext,
  TraderEmitted,
  TraderEvent,
  TransitionRecord,
} from './trader.events';
import { currentState, transitionReason } from './trader.guards';

export const MAX_TRANSITIONS = 50;
const MAX_MESSAGE_CHARS = 300;

/** Message and class name of anything thrown or rejected, bounded so a huge body cannot bloat context. */
export function summarizeError(error: unknown): { message: string; errorName?: string } {
  let message = 'unknown error';
  let errorName: string | undefined;
  if (error instanceof Error) {
    message = error.message || error.name;
    errorName = error.name;
  } else if (typeof error === 'string') {
    message = error;
  } else if (typeof error === 'object' && error !== null && 'message' in error) {
    message = String((error as { message: unknown }).message);
  }
  if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}…`;
  return errorName === undefined ? { message } : { message, errorName };
}

const severityOf = (to: PublicState): Severity =>
  to === 'error' ? 'error' : to === 'degraded' ? 'warning' : 'info';

type Assign<P> = ReturnType<typeof assign<TraderContext, TraderEvent, P, TraderEvent, never>>;

function update<P extends object | undefined>(
  fn: (context: TraderContext, params: P) => Partial<TraderContext>,
): Assign<P> {
  return assign<TraderContext, TraderEvent, P, TraderEvent, never>(({ context }, params) =>
    fn(context, params),
  );
}

export const traderActions = {
  resetForInitialize: update<undefined>(() => ({
    feedUp: false,
    feedDetail: null,
    syncFailures: 0,
    exchange: null,
    acting: false,
  })),
  setActing: update<{ acting: boolean }>((_, { acting }) => ({ acting })),
  /** The strategy child hears the feed's verdicts: it pulls or restores its quotes on them. */
  tellStrategy: sendTo<TraderContext, TraderEvent, { up: boolean }, AnyActorRef, TraderEvent>(
    'strategy',
    (_args: unknown, params: { up: boolean }) => ({ type: params.up ? 'FEED.UP' : 'FEED.DOWN' }),
  ),
  storeMarkets: update<{ markets: string[] }>((_, { markets }) => ({ markets: [...markets] })),
  /** The feed and the strategy follow a changed market set in place (no restart, no reconnect). */
  tellFeedMarkets: sendTo<TraderContext, TraderEvent, { markets: string[] }, AnyActorRef, TraderEvent>(
    'orderbook',
    (_args: unknown, params: { markets: string[] }) => ({ type: 'MARKETS.SET', markets: params.markets }),
  ),
  tellStrategyMarkets: sendTo<TraderContext, TraderEvent, { markets: string[] }, AnyActorRef, TraderEvent>(
    'strategy',
    (_args: unknown, params: { markets: string[] }) => ({ type: 'MARKETS.SET', markets: params.markets }),
  ),
  markFeedUp: update<undefined>(() => ({ feedUp: true, feedDetail: null })),
  markFeedDown: update<{ detail: string }>((_, { detail }) => ({ feedUp: false, feedDetail: detail })),
  storeExchangeStatus: update<ExchangeStatus>((_, status) => ({
    exchange: { exchangeActive: status.exchangeActive, tradingActive: status.tradingActive },
  })),
  storeSync: update<SyncRecord>((_, { atMs, changes }) => ({
    lastSync: { atMs, changes },
    syncFailures: 0,
    lastSyncError: null,
  })),
  /** A full sync cycle succeeded after recovery: the next failure starts the backoff from the base again. */
  resetRecoveryAttempts: update<undefined>(() => ({ recoveryAttempts: 0 })),
  countSyncFailure: update<{ error: unknown }>((context, { error }) => ({
    syncFailures: context.syncFailures + 1,
    lastSyncError: summarizeError(error).message,
  })),
  /** Stores the report and emits `health` for each component whose verdict changed. */
  storeHealth: enqueueActions<
    TraderContext,
    TraderEvent,
    HealthReport,
    TraderEvent,
    never,
    never,
    never,
    never,
    TraderEmitted
  >(({ context, enqueue }, { atMs, components }) => {
    const before = context.lastHealth?.components;
    for (const [component, health] of Object.entries(components)) {
      if (before?.[component]?.healthy !== health.healthy)
        enqueue.emit({ type: 'health', component, ...health });
    }
    enqueue.assign({ lastHealth: { atMs, components } });
  }),
  beginRecovery: update<undefined>((context) => ({
    recoveryAttempts: context.recoveryAttempts + 1,
    totalRecoveries: context.totalRecoveries + 1,
  })),
  storeShutdownRequest: update<{ reason: string; cancelOrders: boolean }>((_, { reason, cancelOrders }) => ({
    shutdown: { reason, cancelOrders, outcome: 'pending' },
  })),
  storeShutdownOutcome: update<{ outcome: 'done' | 'failed' | 'timeout' }>((context, { outcome }) => ({
    shutdown: {
      reason: context.shutdown?.reason ?? 'unknown',
      cancelOrders: false,
      ...context.shutdown,
      outcome,
    },
  })),
  announceMarkets: emit<
    TraderContext,
    TraderEvent,
    { markets: string[]; added: string[]; removed: string[] },
    TraderEvent,
    TraderEmitted
  >((_, { markets, added, removed }) => ({ type: 'markets', markets, added, removed })),
  notify: emit<
    TraderContext,
    TraderEvent,
    { severity: Severity; message: string },
    TraderEvent,
    TraderEmitted
  >((_, { severity, message }) => ({ type: 'notice', severity, message })),
};

export interface RecordTransitionParams {
  to: PublicState;
  /** Skip while a decision executes (the feed region's states: the public state stays `acting`). */
  unlessActing?: boolean;
}

/**
 * The bounded history with `record` appended. A round trip that repeats the one just made
 * (X → acting → X, then X → acting again) is counted on its first record instead: a strategy acting
 * many times a second never pushes the other transitions out.
 */
export function appendTransition(history: readonly TransitionRecord[], record: TransitionRecord) {
  const last = history.at(-1);
  const before = history.at(-2);
  const repeat =
    record.to === 'acting' &&
    last?.from === 'acting' &&
    before?.to === 'acting' &&
    before.from === record.from &&
    last.to === record.from;
  if (repeat) {
    const counted = { ...before, atMs: record.atMs, count: (before.count ?? 1) + 1 };
    return [...history.slice(0, -2), counted];
  }
  return [...history, record].slice(-MAX_TRANSITIONS);
}
export interface RecordFailureParams {
  kind: FailureKind;
  error?: unknown;
  message?: string;
}

/**
 * The two actions that stamp time. The machine reads no clock: the composition root provides
 * `clockActions(Date.now)` and tests provide `clockActions(() => clock.now())`; the machine's own
 * default is `clockActions(() => 0)`, harmless but visibly unstamped.
 */
export function clockActions(now: () => number) {
  return {
    /** Entry action of every public state: appends to the bounded history and emits `transition`. */
    recordTransition: enqueueActions<
      TraderContext,
      TraderEvent,
      RecordTransitionParams,
      TraderEvent,
      never,
      never,
      never,
      never,
      TraderEmitted
    >(({ context, enqueue }, { to, unlessActing }) => {
      const from = currentState(context);
      if (from === to || (unlessActing && context.acting)) return;
      const reason = transitionReason(to, context);
      const record = { from, to, atMs: now(), severity: severityOf(to), ...(reason ? { reason } : {}) };
      enqueue.assign({ transitions: appendTransition(context.transitions, record) });
      enqueue.emit({ type: 'transition', ...record });
    }),
    /** Transition action into `error`: runs before the entry of `error`, so the current state is where it failed. */
    recordFailure: assign<TraderContext, TraderEvent, RecordFailureParams, TraderEvent, never>(
      ({ context }, { kind, error, message }) => {
        const summary = error === undefined ? { message: message ?? kind } : summarizeError(error);
        const text = message && error !== undefined ? `${message}: ${summary.message}` : summary.message;
        return { lastError: { ...summary, kind, message: text, state: currentState(context), atMs: now() } };
      },
    ),
  };
}
