// Pure projections of a root-machine snapshot: the public state name and the plain view /v3/status serves.

import type { StateValue } from 'xstate';
import {
  type ComponentsHealth,
  type FailureRecord,
  PUBLIC_STATES,
  type PublicState,
  type SyncRecord,
  type TraderContext,
  type TransitionRecord,
} from './trader.events';

const PUBLIC = new Set<string>(PUBLIC_STATES);
/** Internal state nodes reported under a public name. */
const ALIASES: Record<string, PublicState> = { stopping: 'shutdown' };

/**
 * The public name of a state value: the outermost node that is public, found by walking down through
 * grouping nodes (`running`, `operating`), so `{ running: { operating: 'ready' } }` is `ready`.
 */
export function publicStateOf(value: StateValue): PublicState | null {
  let current: StateValue | undefined = value;
  while (current !== undefined) {
    const key: string | undefined = typeof current === 'string' ? current : Object.keys(current)[0];
    if (key === undefined) return null;
    if (PUBLIC.has(key)) return key as PublicState;
    const alias = ALIASES[key];
    if (alias) return alias;
    current = typeof current === 'string' ? undefined : current[key];
  }
  return null;
}

/** The least of a machine snapshot the view needs, so the server depends on no XState internals. */
export interface TraderSnapshotLike {
  value: StateValue;
  status: string;
  context: TraderContext;
}

export interface TraderView {
  state: PublicState;
  /** The actor's own status: `active`, `done` once shut down, `error` if a guard or action threw. */
  status: string;
  degraded: boolean;
  sessionId: string;
  sessionStartedMs: number | null;
  markets: string[];
  feed: { up: boolean; connected: boolean; detail: string | null };
  exchange: { exchangeActive: boolean; tradingActive: boolean } | null;
  components: ComponentsHealth;
  lastHealthAt: number | null;
  lastSync: SyncRecord | null;
  lastSyncError: string | null;
  syncFailures: number;
  lastError: FailureRecord | null;
  recoveryAttempts: number;
  totalRecoveries: number;
  transitions: TransitionRecord[];
  shutdown: TraderContext['shutdown'];
}

export function toTraderView(snapshot: TraderSnapshotLike): TraderView {
  const { context } = snapshot;
  const state = publicStateOf(snapshot.value) ?? context.state;
  return {
    state,
    status: snapshot.status,
    degraded: state === 'degraded',
    sessionId: context.sessionId,
    sessionStartedMs: context.sessionStartedMs,
    markets: [...context.markets],
    feed: { up: context.feedUp, connected: context.feedConnected, detail: context.feedDetail },
    exchange: context.exchange ? { ...context.exchange } : null,
    components: structuredClone(context.lastHealth?.components ?? {}),
    lastHealthAt: context.lastHealth?.at ?? null,
    lastSync: context.lastSync ? { ...context.lastSync } : null,
    lastSyncError: context.lastSyncError,
    syncFailures: context.syncFailures,
    lastError: context.lastError ? { ...context.lastError } : null,
    recoveryAttempts: context.recoveryAttempts,
    totalRecoveries: context.totalRecoveries,
    transitions: context.transitions.map((t) => ({ ...t })),
    shutdown: context.shutdown ? { ...context.shutdown } : null,
  };
}
