// The console's model: /v3/status and /v3/ws frames folded into one plain object the renderers read.
import { clock } from './format.js';

const MAX_ACTIVITY = 300;
const MAX_HISTORY = 300;
const STARTUP_STEPS = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
];
const LIVE_ORDER = new Set(['pending', 'resting', 'unknown']);

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
      uptime: null,
      sessionId: null,
      lastSync: null,
    },
    components: {},
    activity: [],
    markets: new Map(),
    positions: new Map(),
    orders: new Map(),
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
    m = { ticker, bid: null, ask: null, spread: null, updatedMs: null, stale: false, history: [] };
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

function applyActivity(store, data) {
  const severity = data.metadata?.severity ?? 'info';
  pushActivity(store, { time: data.timestamp, type: data.activity_type, message: data.message, severity });
  if (data.activity_type === 'state_transition')
    setState(store, data.to_state ?? data.state, data.from_state);
  else if (typeof data.state === 'string') setState(store, data.state);
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
  if (typeof s.uptime === 'number') t.uptime = s.uptime;
  if (typeof s.session_id === 'string') t.sessionId = s.session_id;
  if ('last_sync' in s) t.lastSync = s.last_sync;
  if (typeof s.kill_switch === 'boolean') store.killSwitch.on = s.kill_switch;
  const connected = s.metrics?.markets_connected ?? s.connections?.markets_connected;
  if (typeof connected === 'number') t.marketsConnected = connected;
  if (s.components !== null && typeof s.components === 'object') store.components = s.components;
  const tickers = Array.isArray(s.market_tickers)
    ? s.market_tickers
    : Array.isArray(s.markets)
      ? s.markets
      : [];
  for (const ticker of tickers) if (typeof ticker === 'string') market(store, ticker);
  if (Array.isArray(s.transitions) && t.state === 'error') {
    const last = s.transitions.at(-1);
    if (last?.to === 'error') setState(store, 'error', last.from);
  }
}

function applyBook(store, b) {
  if (typeof b?.ticker !== 'string') return;
  const m = market(store, b.ticker);
  m.bid = b.yes_bid_dollars;
  m.ask = b.yes_ask_dollars;
  m.spread = b.spread_dollars;
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
  store.orders = new Map(orders.filter((o) => LIVE_ORDER.has(o.status)).map((o) => [o.order_id, o]));
}

/** Folds one /v3/ws frame into the store. Returns false for frames the console does not show. */
export function applyFrame(store, frame) {
  const d = frame.data ?? {};
  switch (frame.type) {
    case 'connection':
      pushActivity(store, { time: d.timestamp, type: 'connection', message: d.message, severity: 'info' });
      return true;
    case 'history_replay': {
      // Every (re)connection replays recent transitions: show each one once.
      const seen = new Set(store.activity.map((e) => `${e.time} ${e.message}`));
      for (const t of Array.isArray(d.transitions) ? d.transitions : []) {
        if (seen.has(`${t.timestamp} ${t.message}`)) setState(store, t.to_state ?? t.state, t.from_state);
        else applyActivity(store, t);
      }
      return true;
    }
    case 'system_activity':
      applyActivity(store, d);
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
      if (LIVE_ORDER.has(d.status)) store.orders.set(d.order_id, d);
      else store.orders.delete(d.order_id);
      return true;
    case 'position_update':
      if (typeof d.ticker !== 'string') return false;
      setPositions(store, [...[...store.positions.values()].filter((p) => p.ticker !== d.ticker), d]);
      return true;
    case 'fill':
      pushActivity(store, {
        type: 'fill',
        message: `fill ${d.ticker} ${d.book_side} ${d.count_fp} @ ${d.yes_price_dollars}`,
        severity: 'info',
      });
      return true;
    default:
      return false;
  }
}
