// The trader's side of the console's model: its state, status figures, transitions and the activity log.
// @ts-check
import { clock } from './format.js';
import { market } from './trading-store.js';

/**
 * @import { StatusView, TraderState } from '../../views'
 * @import { historyReplayData, SystemActivityData, traderStatusData } from '../../ws-frames'
 * @import { ActivityEntry, Store } from './console-store.js'
 */

/** @typedef {ReturnType<typeof traderStatusData>} TraderStatusData */
/**
 * A transition timed on the page's clock, from /v3/status or a live `system_activity` frame.
 * @typedef {{ from: TraderState, to: TraderState, atMs: number, reason: string | undefined }} Transition
 */

const MAX_ACTIVITY = 300;
const MAX_TRANSITIONS = 50;
/**
 * The trader's start-up steps in order, the states before `ready` in the machine's public vocabulary
 * (a unit test holds this list to the machine's).
 * @type {readonly TraderState[]}
 */
export const STARTUP_STEPS = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
];

/**
 * @param {Store} store
 * @param {Omit<ActivityEntry, 'time'> & { time?: string }} entry stamped with the page's clock if untimed
 */
export function pushActivity(store, entry) {
  store.activity.push({ ...entry, time: entry.time ?? clock(Date.now()) });
  if (store.activity.length > MAX_ACTIVITY) store.activity.splice(0, store.activity.length - MAX_ACTIVITY);
}

/**
 * @param {Store} store
 * @param {TraderState | undefined} state
 * @param {TraderState} [fromState]
 */
function setState(store, state, fromState) {
  if (typeof state !== 'string') return;
  if (state === 'error' && fromState !== undefined && STARTUP_STEPS.includes(fromState))
    store.trader.failedStep = fromState;
  if (state === 'initializing') store.trader.failedStep = null;
  store.trader.state = state;
  store.trader.degraded = state === 'degraded';
}

/**
 * @param {Store} store
 * @param {Transition} transition
 */
function recordTransition(store, { from, to, atMs, reason }) {
  const list = store.trader.transitions;
  const last = list.at(-1);
  // The same transition can arrive in a fresh /v3/status and as a live frame: keep one.
  if (last !== undefined && last.from === from && last.to === to && Math.abs(last.atMs - atMs) < 1_000)
    return;
  list.push({ from, to, atMs, reason });
  if (list.length > MAX_TRANSITIONS) list.splice(0, list.length - MAX_TRANSITIONS);
}

/** @param {SystemActivityData} data */
const reasonOf = (data) => {
  const reason = data.metadata?.reason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
};

/**
 * The activity line of a transition carries its cause ("ready → degraded: feed down"); the daemon puts it
 * in the message, an older one only in `metadata.reason`.
 * @param {SystemActivityData} data
 */
const activityMessage = (data) => {
  const reason = reasonOf(data);
  return reason === undefined || data.message.endsWith(reason) ? data.message : `${data.message}: ${reason}`;
};

/**
 * @param {Store} store
 * @param {SystemActivityData} data
 * @param {number} [frameMs] when the frame was sent; replayed history has none (/v3/status times it)
 */
export function applyActivity(store, data, frameMs) {
  pushActivity(store, {
    time: data.timestamp,
    type: data.activity_type,
    message: activityMessage(data),
    severity: data.metadata?.severity ?? 'info',
  });
  if (data.activity_type === 'state_transition') {
    const to = data.to_state ?? data.state;
    const from = data.from_state;
    setState(store, to, from);
    if (frameMs !== undefined && from !== undefined)
      recordTransition(store, { from, to, atMs: frameMs, reason: reasonOf(data) });
  } else if (typeof data.state === 'string') setState(store, data.state);
}

/**
 * `connections` of /v3/status, or the same facts from the `trader_status` frame's `metrics`.
 * @param {StatusView | TraderStatusData} s
 * @returns {Partial<StatusView['connections']> | null}
 */
function connectionsOf(s) {
  if ('connections' in s) return typeof s.connections === 'object' ? { ...s.connections } : null;
  const m = s.metrics;
  if (m === null || typeof m !== 'object') return null;
  /** @type {Partial<StatusView['connections']>} */
  const conn = {
    api_url: m.api_url ?? null,
    ws_url: m.ws_url ?? null,
    last_ping_age: m.last_ping_age ?? null,
  };
  if (typeof m.api_connected === 'boolean') conn.api_connected = m.api_connected;
  if (m.ping_health === 'healthy' || m.ping_health === 'unhealthy')
    conn.feed_connected = m.ping_health === 'healthy';
  return conn;
}

/**
 * Today's realized P&L and the P&L totals, from /v3/status, `trader_status` or `trading_state`.
 * @param {Store} store
 * @param {Partial<Pick<StatusView, 'daily_realized_pnl_dollars' | 'pnl'>>} s
 */
export function applyPnl(store, s) {
  if (typeof s.daily_realized_pnl_dollars === 'string') store.trader.dailyPnl = s.daily_realized_pnl_dollars;
  if (s.pnl !== null && typeof s.pnl === 'object') store.trader.pnl = s.pnl;
}

/**
 * The fields /v3/status and `trader_status` share (the frame adds a nested `metrics` object).
 * @param {Store} store
 * @param {StatusView | TraderStatusData} s
 */
export function applyStatus(store, s) {
  const t = store.trader;
  setState(store, s.state);
  if (typeof s.degraded === 'boolean') t.degraded = s.degraded;
  if ('health' in s && typeof s.health === 'string') t.health = s.health;
  if ('last_error' in s) t.lastError = s.last_error;
  if (typeof s.recovery_attempts === 'number') t.recoveryAttempts = s.recovery_attempts;
  if ('balance' in s) t.balance = s.balance;
  if (typeof s.snapshots_received === 'number') t.snapshots = s.snapshots_received;
  if (typeof s.deltas_received === 'number') t.deltas = s.deltas_received;
  if (typeof s.uptime === 'number') {
    t.uptime = s.uptime;
    t.uptimeAtMs = Date.now();
  }
  if (typeof s.session_id === 'string') t.sessionId = s.session_id;
  if ('last_sync' in s) t.lastSync = s.last_sync;
  if (typeof s.kill_switch === 'boolean') store.killSwitch.on = s.kill_switch;
  if (typeof s.strategy_paused === 'boolean') store.strategy.paused = s.strategy_paused;
  if ('strategy' in s && typeof s.strategy?.name === 'string') store.strategy.name = s.strategy.name;
  applyPnl(store, s);
  const conn = connectionsOf(s);
  if (conn !== null) t.connections = { ...t.connections, ...conn };
  const connected = 'metrics' in s ? s.metrics?.markets_connected : s.connections?.markets_connected;
  if (typeof connected === 'number') t.marketsConnected = connected;
  if (s.components !== null && typeof s.components === 'object') store.components = s.components;
  if (s.book_audit !== null && typeof s.book_audit === 'object') store.audit = s.book_audit;
  // A traded market that rolled out keeps its row: its settlement is shown there.
  if (s.market_lifecycle !== null && typeof s.market_lifecycle === 'object')
    for (const [ticker, lifecycle] of Object.entries(s.market_lifecycle))
      market(store, ticker).lifecycle = lifecycle;
  // The frame counts markets and lists them in `market_tickers`; /v3/status lists them in `markets`.
  const tickers = 'market_tickers' in s ? s.market_tickers : s.markets;
  for (const ticker of Array.isArray(tickers) ? tickers : [])
    if (typeof ticker === 'string') market(store, ticker);
  if ('transitions' in s && Array.isArray(s.transitions)) {
    t.transitions = s.transitions
      .map((x) => ({ from: x.from, to: x.to, atMs: Date.parse(x.at), reason: x.reason }))
      .filter((x) => !Number.isNaN(x.atMs));
    const last = s.transitions.at(-1);
    if (t.state === 'error' && last?.to === 'error') setState(store, 'error', last.from);
  }
}

/**
 * @param {Store} store
 * @param {ReturnType<typeof historyReplayData>} d
 */
export function applyReplay(store, d) {
  // The replayed transitions happened before the `connection` greeting that precedes them on the wire.
  const greeting = store.activity.at(-1)?.type === 'connection' ? store.activity.pop() : undefined;
  // Every (re)connection replays recent lines: show each one once. The daemon's `activity` has lines of
  // every kind (transitions among them); an older daemon replays transitions only.
  const seen = new Set(store.activity.map((e) => `${e.time} ${e.message}`));
  const lines = Array.isArray(d.activity) && d.activity.length > 0 ? d.activity : d.transitions;
  for (const t of Array.isArray(lines) ? lines : []) {
    if (seen.has(`${t.timestamp} ${activityMessage(t)}`)) {
      if (t.activity_type === 'state_transition') setState(store, t.to_state ?? t.state, t.from_state);
    } else applyActivity(store, t);
  }
  // The current state is the last transition's, whatever lines came after it.
  const last = Array.isArray(d.transitions) ? d.transitions.at(-1) : undefined;
  if (last !== undefined) setState(store, last.to_state ?? last.state, last.from_state);
  if (greeting !== undefined) store.activity.push(greeting);
}
