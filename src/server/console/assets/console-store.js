// The console's model: /v3/status and /v3/ws frames folded into one plain object the renderers read.
import { clock, describeOrder, formatCents, formatCount } from './format.js';

const MAX_ACTIVITY = 300;
const MAX_HISTORY = 300;
const MAX_TRANSITIONS = 50;
const STARTUP_STEPS = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
];
const LIVE_ORDER = new Set(['pending', 'resting', 'unknown']);
/** Orders whose last logged status the page remembers, so repeated identical updates log once. */
const MAX_ORDER_NOTES = 500;

/**
 * An order is known by its client_order_id: the daemon records it (status `pending`, no order_id yet)
 * before the request leaves, and the exchange's order_id only arrives with the answer.
 */
const orderKey = (o) =>
  typeof o.client_order_id === 'string' && o.client_order_id !== '' ? o.client_order_id : o.order_id;

export function createStore() {
  return {
    connection: { status: 'connecting', attempt: 0, retryInMs: 0 },
    trader: {
      state: null,
      health: 'unknown',
      degraded: false,
      lastError: null,
      recoveryAttempts: 0,
      /** The start-up step the trader was in when it last went to `error`. */
      failedStep: null,
      balance: null,
      cashCents: null,
      marketsConnected: null,
      snapshots: null,
      deltas: null,
      /** Seconds, and the page clock when that figure arrived: the page ages it between frames. */
      uptime: null,
      uptimeAtMs: null,
      sessionId: null,
      lastSync: null,
      /** `connections` of /v3/status: REST and feed endpoints, feed up, last message age. */
      connections: null,
      /** Recent transitions `{ from, to, atMs, reason }`, oldest first: the strip's timings, the banner's cause. */
      transitions: [],
    },
    components: {},
    activity: [],
    markets: new Map(),
    positions: new Map(),
    orders: new Map(),
    orderNotes: new Map(),
    selectedMarket: null,
    killSwitch: { on: null, pendingId: null },
    commandResult: null,
  };
}

export function pushActivity(store, entry) {
  store.activity.push({ time: entry.time ?? clock(Date.now()), ...entry });
  if (store.activity.length > MAX_ACTIVITY) store.activity.splice(0, store.activity.length - MAX_ACTIVITY);
}

function market(store, ticker) {
  let m = store.markets.get(ticker);
  if (m === undefined) {
    m = { ticker, bid: null, ask: null, bidSize: null, askSize: null, spread: null, levels: null };
    Object.assign(m, { updatedMs: null, stale: false, history: [] });
    store.markets.set(ticker, m);
  }
  return m;
}

function setState(store, state, fromState) {
  if (typeof state !== 'string') return;
  if (state === 'error' && STARTUP_STEPS.includes(fromState)) store.trader.failedStep = fromState;
  if (state === 'initializing') store.trader.failedStep = null;
  store.trader.state = state;
  store.trader.degraded = state === 'degraded';
}

function recordTransition(store, from, to, atMs, reason) {
  const list = store.trader.transitions;
  const last = list.at(-1);
  // The same transition can arrive in a fresh /v3/status and as a live frame: keep one.
  if (last !== undefined && last.from === from && last.to === to && Math.abs(last.atMs - atMs) < 1_000)
    return;
  list.push({ from, to, atMs, reason });
  if (list.length > MAX_TRANSITIONS) list.splice(0, list.length - MAX_TRANSITIONS);
}

/** The activity line of a transition carries its cause ("feed down: closed with code 1006"). */
const activityMessage = (data) => {
  const reason = data.metadata?.reason;
  return typeof reason === 'string' && reason !== '' ? `${data.message} (${reason})` : data.message;
};

function applyActivity(store, data, frameMs) {
  const severity = data.metadata?.severity ?? 'info';
  pushActivity(store, {
    time: data.timestamp,
    type: data.activity_type,
    message: activityMessage(data),
    severity,
  });
  if (data.activity_type === 'state_transition') {
    const to = data.to_state ?? data.state;
    setState(store, to, data.from_state);
    if (frameMs !== undefined) recordTransition(store, data.from_state, to, frameMs, data.metadata?.reason);
  } else if (typeof data.state === 'string') setState(store, data.state);
}

/** `connections` of /v3/status, or the same facts from the `trader_status` frame's `metrics`. */
function connectionsOf(s) {
  if (s.connections !== null && typeof s.connections === 'object') return { ...s.connections };
  const m = s.metrics;
  if (m === null || typeof m !== 'object') return null;
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

/** The fields /v3/status and `trader_status` share (the frame adds a nested `metrics` object). */
export function applyStatus(store, s) {
  const t = store.trader;
  setState(store, s.state);
  if (typeof s.degraded === 'boolean') t.degraded = s.degraded;
  if (typeof s.health === 'string') t.health = s.health;
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
  const conn = connectionsOf(s);
  if (conn !== null) t.connections = { ...t.connections, ...conn };
  const connected = s.metrics?.markets_connected ?? s.connections?.markets_connected;
  if (typeof connected === 'number') t.marketsConnected = connected;
  if (s.components !== null && typeof s.components === 'object') store.components = s.components;
  const tickers = Array.isArray(s.market_tickers)
    ? s.market_tickers
    : Array.isArray(s.markets)
      ? s.markets
      : [];
  for (const ticker of tickers) if (typeof ticker === 'string') market(store, ticker);
  if (Array.isArray(s.transitions)) {
    t.transitions = s.transitions
      .map((x) => ({ from: x.from, to: x.to, atMs: Date.parse(x.at), reason: x.reason }))
      .filter((x) => !Number.isNaN(x.atMs));
    const last = s.transitions.at(-1);
    if (t.state === 'error' && last?.to === 'error') setState(store, 'error', last.from);
  }
}

function applyBook(store, b) {
  if (typeof b?.ticker !== 'string') return;
  const m = market(store, b.ticker);
  m.bid = b.yes_bid_dollars;
  m.ask = b.yes_ask_dollars;
  m.spread = b.spread_dollars;
  // Levels ascend, so each side's best is its last level; its size is what trades at the touch.
  m.levels = b.levels ?? null;
  m.bidSize = b.levels?.yes_dollars?.at(-1)?.[1] ?? null;
  m.askSize = b.levels?.no_dollars?.at(-1)?.[1] ?? null;
  m.stale = b.stale === true;
  m.updatedMs = typeof b.updated_ts_ms === 'number' ? b.updated_ts_ms : Date.now();
  m.history.push({ t: m.updatedMs, bid: m.bid, ask: m.ask });
  if (m.history.length > MAX_HISTORY) m.history.splice(0, m.history.length - MAX_HISTORY);
}

export function setPositions(store, positions) {
  store.positions = new Map(
    positions.filter((p) => !/^-?0(\.0+)?$/.test(p.position_fp)).map((p) => [p.ticker, p]),
  );
}

export function setOrders(store, orders) {
  store.orders = new Map(orders.filter((o) => LIVE_ORDER.has(o.status)).map((o) => [orderKey(o), o]));
}

function applyReplay(store, d) {
  // The replayed transitions happened before the `connection` greeting that precedes them on the wire.
  const greeting = store.activity.at(-1)?.type === 'connection' ? store.activity.pop() : undefined;
  // Every (re)connection replays recent transitions: show each one once.
  const seen = new Set(store.activity.map((e) => `${e.time} ${e.message}`));
  for (const t of Array.isArray(d.transitions) ? d.transitions : []) {
    if (seen.has(`${t.timestamp} ${activityMessage(t)}`))
      setState(store, t.to_state ?? t.state, t.from_state);
    else applyActivity(store, t);
  }
  if (greeting !== undefined) store.activity.push(greeting);
}

function applyOrder(store, o) {
  const key = orderKey(o);
  if (LIVE_ORDER.has(o.status)) store.orders.set(key, o);
  else store.orders.delete(key);
  // The same state can arrive twice (the REST answer and the private WS channel): log changes only.
  const note = `${o.status} ${o.fill_count_fp}`;
  if (store.orderNotes.get(key) === note) return;
  store.orderNotes.delete(key);
  store.orderNotes.set(key, note);
  if (store.orderNotes.size > MAX_ORDER_NOTES) store.orderNotes.delete(store.orderNotes.keys().next().value);
  const warn = o.status === 'rejected' || o.status === 'unknown';
  pushActivity(store, { type: 'order', message: describeOrder(o), severity: warn ? 'warning' : 'info' });
}

/** Folds one /v3/ws frame into the store. Returns false for frames the console does not show. */
export function applyFrame(store, frame) {
  const d = frame.data ?? {};
  const frameMs = typeof frame.timestamp === 'number' ? frame.timestamp * 1000 : Date.now();
  switch (frame.type) {
    case 'connection':
      pushActivity(store, { time: d.timestamp, type: 'connection', message: d.message, severity: 'info' });
      return true;
    case 'history_replay':
      applyReplay(store, d);
      return true;
    case 'system_activity':
      applyActivity(store, d, frameMs);
      return true;
    case 'trader_status':
      applyStatus(store, d);
      return true;
    case 'trading_state':
      if (Array.isArray(d.positions)) setPositions(store, d.positions);
      if (Array.isArray(d.open_orders)) setOrders(store, d.open_orders);
      if (Number.isInteger(d.balance)) store.trader.cashCents = d.balance;
      return true;
    case 'orderbook':
      applyBook(store, d);
      return true;
    case 'order_update':
      if (typeof d.order_id !== 'string') return false;
      applyOrder(store, d);
      return true;
    case 'position_update':
      if (typeof d.ticker !== 'string') return false;
      setPositions(store, [...[...store.positions.values()].filter((p) => p.ticker !== d.ticker), d]);
      pushActivity(store, {
        type: 'position',
        message: `${d.ticker} position ${formatCount(d.position_fp)}`,
        severity: 'info',
      });
      return true;
    case 'fill':
      pushActivity(store, {
        type: 'fill',
        message: `fill ${d.ticker} ${d.book_side} ${formatCount(d.count_fp)} @ ${formatCents(d.yes_price_dollars)}`,
        severity: 'info',
      });
      return true;
    default:
      return false;
  }
}
