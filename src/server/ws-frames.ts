// Server → client frames of /v3/ws: the original console's shapes plus ours, each serialised once.
import type { Severity } from '../machines/trader.events';
import type { ActivityEvent, ActivityRecord, TransitionEvent } from './events';
import type { HealthView, StatusView, TraderState, TradingHistoryView } from './views';

/** Every server frame: `{type, data, timestamp}` with timestamp in unix seconds (float). */
export const encodeFrame = (type: string, data: unknown, nowMs: number): string =>
  JSON.stringify({ type, data, timestamp: nowMs / 1000 });

const pad = (n: number) => String(n).padStart(2, '0');
/** "HH:MM:SS" in UTC, the console's display clock (UTC keeps it independent of the host's zone). */
export const hhmmss = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

export interface SystemActivityData {
  timestamp: string;
  activity_type: string;
  message: string;
  metadata: Record<string, unknown> & { severity: Severity };
  state: TraderState;
  from_state?: TraderState;
  to_state?: TraderState;
}

export function activityData(e: ActivityEvent, nowMs: number): SystemActivityData {
  return {
    timestamp: hhmmss(nowMs),
    activity_type: e.activity_type,
    message: e.message,
    metadata: { ...e.metadata, severity: e.severity },
    state: e.state,
  };
}

/** A transition's `system_activity` data, the one builder for live frames and the history replay. */
export function transitionActivity(t: Omit<TransitionEvent, 'type'>): SystemActivityData {
  return {
    timestamp: hhmmss(t.atMs),
    activity_type: 'state_transition',
    // The original console shows `message` alone, so the why is in it ("ready → degraded: feed down").
    message: t.reason === undefined ? `${t.from} → ${t.to}` : `${t.from} → ${t.to}: ${t.reason}`,
    // The original console reads from/to both at the top level and inside metadata, and the why as
    // `metadata.context`; `reason` is ours and stays.
    metadata: {
      ...(t.reason === undefined ? {} : { reason: t.reason, context: t.reason }),
      severity: t.severity,
      from_state: t.from,
      to_state: t.to,
    },
    state: t.to,
    from_state: t.from,
    to_state: t.to,
  };
}

/** A replayed line of any kind as its live `system_activity` data. */
const recordActivity = (r: ActivityRecord): SystemActivityData =>
  r.type === 'transition' ? transitionActivity(r) : activityData(r, r.atMs);

/**
 * `transitions` and `count` are the original console's; the rest is ours, oldest first, so a reloaded
 * console starts where it was: `activity` (the last lines of every kind), `fills` and `pnl` samples.
 */
export function historyReplayData(
  transitions: readonly Omit<TransitionEvent, 'type'>[],
  activity: readonly ActivityRecord[] = [],
  trading: TradingHistoryView = { fills: [], pnl: [] },
) {
  return {
    transitions: transitions.map(transitionActivity),
    count: transitions.length,
    activity: activity.map(recordActivity),
    fills: trading.fills,
    pnl: trading.pnl,
  };
}

/**
 * `trader_status` data: the original nested `metrics` object plus flat fields, as both were documented.
 * The original console reads these fields; new ones are only ever added after them
 * (`daily_realized_pnl_dollars`, `pnl`, `book_audit`, `market_lifecycle`).
 */
export function traderStatusData(status: StatusView, health: HealthView, nowMs: number) {
  const conn = status.connections;
  const pingHealth = conn.last_ping_age === null ? 'unknown' : conn.feed_connected ? 'healthy' : 'unhealthy';
  // `running` is /v3/health's word for an operating trader; the original frame says `healthy` there.
  const healthWord = health.status === 'running' ? 'healthy' : health.status;
  return {
    timestamp: hhmmss(nowMs),
    state: status.state,
    health: healthWord,
    degraded: status.degraded,
    metrics: {
      markets_connected: conn.markets_connected,
      snapshots_received: status.snapshots_received,
      deltas_received: status.deltas_received,
      uptime: status.uptime,
      health: healthWord,
      ping_health: pingHealth,
      last_ping_age: conn.last_ping_age,
      api_connected: conn.api_connected,
      api_url: conn.api_url,
      ws_url: conn.ws_url,
    },
    markets: status.markets.length,
    market_tickers: status.markets,
    positions: status.positions,
    orders: status.orders,
    snapshots_received: status.snapshots_received,
    deltas_received: status.deltas_received,
    uptime: status.uptime,
    balance: status.balance,
    session_id: status.session_id,
    components: status.components,
    last_error: status.last_error,
    recovery_attempts: status.recovery_attempts,
    total_recovery_attempts: status.total_recovery_attempts,
    consecutive_recovery_attempts: status.consecutive_recovery_attempts,
    kill_switch: status.kill_switch,
    strategy_paused: status.strategy_paused,
    last_sync: status.last_sync,
    daily_realized_pnl_dollars: status.daily_realized_pnl_dollars,
    pnl: status.pnl,
    book_audit: status.book_audit,
    market_lifecycle: status.market_lifecycle,
  };
}
