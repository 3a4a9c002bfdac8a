// The console's entry module: connects to /v3/ws, loads /v3/status on every (re)connect, renders on change.
// @ts-check
import { applyFrame, createStore } from './console-store.js';
import { applyCommandReply, renderKillSwitch, setupKillSwitch } from './kill-switch.js';
import { applyOrderReply, renderTicket, setupOrderTicket } from './order-ticket.js';
import { createReconnectingSocket, sameHostSocketUrl } from './reconnecting-socket.js';
import {
  renderActivity,
  renderBanners,
  renderComponents,
  renderHeader,
  renderStrip,
  renderSummary,
} from './render-status.js';
import { renderMarkets, renderOrders, renderPositions } from './render-tables.js';
import { applyStatus, pushActivity } from './status-store.js';
import { setOrders, setPositions } from './trading-store.js';

/**
 * @import { OrderView, PositionView, StatusView } from '../../views'
 * @import { ServerFrame } from './console-store.js'
 */

const store = createStore();
/** @type {Set<string>} */
const subscribed = new Set();
let scheduled = false;

function render() {
  scheduled = false;
  renderHeader(store);
  renderStrip(store);
  renderBanners(store);
  renderKillSwitch(store);
  renderActivity(store);
  renderComponents(store);
  renderSummary(store);
  renderMarkets(store, selectMarket, (ticker, side, price) => ticket.prefill(ticker, side, price));
  renderPositions(store);
  renderOrders(store, (clientOrderId) => ticket.cancel(clientOrderId));
  renderTicket(store);
}

/** Bursts of frames render once per animation frame. */
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(render);
}

/** @param {string} ticker */
function selectMarket(ticker) {
  store.selectedMarket = ticker;
  schedule();
}

/** Book updates come only for subscribed markets; new tickers get subscribed as they appear. */
function subscribeMarkets() {
  const fresh = [...store.markets.keys()].filter((t) => !subscribed.has(t));
  if (fresh.length === 0) return;
  if (socket.send({ type: 'subscribe', channels: ['orderbook'], markets: fresh })) {
    for (const t of fresh) subscribed.add(t);
  }
  if (store.selectedMarket === null) store.selectedMarket = store.markets.keys().next().value ?? null;
}

/**
 * A JSON body from the daemon's REST API, of the type the caller declares (the route's documented body).
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** The daemon may have restarted: start from its current truth, then follow the frames. */
async function loadSnapshot() {
  try {
    /** @type {StatusView} */
    const status = await getJson('/v3/status');
    applyStatus(store, status);
  } catch (err) {
    pushActivity(store, {
      type: 'console',
      message: `could not load status: ${err instanceof Error ? err.message : String(err)}`,
      severity: 'warning',
    });
  }
  /** @type {Promise<{ positions?: PositionView[] }>} */
  const positionsBody = getJson('/v3/positions');
  /** @type {Promise<{ orders?: OrderView[] }>} */
  const ordersBody = getJson('/v3/orders');
  const [positions, orders] = await Promise.allSettled([positionsBody, ordersBody]);
  if (positions.status === 'fulfilled' && Array.isArray(positions.value?.positions)) {
    setPositions(store, positions.value.positions);
  }
  if (orders.status === 'fulfilled' && Array.isArray(orders.value?.orders))
    setOrders(store, orders.value.orders);
  subscribeMarkets();
  schedule();
}

/** @param {ServerFrame} frame */
function onFrame(frame) {
  if (frame.type === 'ping') {
    socket.send({ type: 'pong' });
    return;
  }
  if (
    (frame.type === 'command_result' || frame.type === 'error') &&
    (applyCommandReply(store, frame) || applyOrderReply(store, frame))
  ) {
    return schedule();
  }
  if (frame.type === 'error') {
    const d = frame.data;
    pushActivity(store, { type: 'server', message: `${d.code}: ${d.message}`, severity: 'error' });
    return schedule();
  }
  if (applyFrame(store, frame)) {
    if (frame.type === 'trader_status') subscribeMarkets();
    schedule();
  }
}

/** @type {ReturnType<typeof createReconnectingSocket<ServerFrame>>} */
const socket = createReconnectingSocket(sameHostSocketUrl('/v3/ws'), {
  onOpen() {
    store.connection = { status: 'connected', attempt: 0, retryInMs: 0 };
    subscribed.clear();
    schedule();
    void loadSnapshot();
  },
  onFrame,
  onDown({ attempt, retryInMs }) {
    store.connection = { status: 'disconnected', attempt, retryInMs };
    schedule();
  },
});

setupKillSwitch(store, { send: (frame) => socket.send(frame), onChange: schedule });
const ticket = setupOrderTicket(store, { send: (frame) => socket.send(frame), onChange: schedule });
// Ages ("updated 3 s ago") and the chart's time axis move even when no frame arrives.
setInterval(schedule, 1_000);
render();
