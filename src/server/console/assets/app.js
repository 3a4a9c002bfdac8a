// The console's entry module: connects to /v3/ws, loads /v3/status on every (re)connect, renders on change.
// @ts-check
import { applyFrame, createStore } from './console-store.js';
import { setupCommands } from './control-commands.js';
import { renderControls, setupControls } from './controls.js';
import { fetchFills, fetchPnl } from './history-api.js';
import { addFills, setStoredPnl } from './history-store.js';
import { renderTicket, setupOrderTicket } from './order-ticket.js';
import { createReconnectingSocket, sameHostSocketUrl } from './reconnecting-socket.js';
import { renderFills, renderPnl, renderSummaryBar } from './render-history.js';
import { renderMarkets } from './render-markets.js';
import {
  renderActivity,
  renderBanners,
  renderComponents,
  renderHeader,
  renderStrip,
  renderSummary,
} from './render-status.js';
import { renderOrders, renderPositions } from './render-tables.js';
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
  renderControls(store);
  renderSummaryBar(store);
  renderActivity(store);
  renderComponents(store);
  renderSummary(store);
  renderMarkets(store, selectMarket, (ticker, side, price) => ticket.prefill(ticker, side, price));
  renderPositions(store);
  renderOrders(store, (clientOrderId) => ticket.cancel(clientOrderId));
  renderTicket(store);
  renderFills(store);
  renderPnl(store);
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
  await loadHistory();
}

/** Fills and PnL from the daemon's storage when it has them; the live frames fill in otherwise. */
async function loadHistory() {
  const sessionStartMs = Date.now() - (store.trader.uptime ?? 0) * 1000;
  const [fills, pnl] = await Promise.allSettled([
    fetchFills({ limit: 100 }),
    fetchPnl(sessionStartMs, Date.now()),
  ]);
  if (fills.status === 'fulfilled' && fills.value !== null) {
    store.history.fillsSource = 'storage';
    store.history.fillsCursor = fills.value.cursor;
    addFills(store, fills.value.fills);
  }
  if (pnl.status === 'fulfilled' && pnl.value !== null) setStoredPnl(store, pnl.value);
  for (const r of [fills, pnl])
    if (r.status === 'rejected')
      pushActivity(store, { type: 'console', message: `history: ${String(r.reason)}`, severity: 'warning' });
  schedule();
}

/** The next (older) page of stored fills. */
async function olderFills() {
  const cursor = store.history.fillsCursor;
  if (cursor === null) return;
  const page = await fetchFills({ limit: 100, cursor }).catch(() => null);
  if (page === null) return;
  store.history.fillsCursor = page.cursor;
  addFills(store, page.fills);
  schedule();
}

/** @param {ServerFrame} frame */
function onFrame(frame) {
  if (frame.type === 'ping') {
    socket.send({ type: 'pong' });
    return;
  }
  if ((frame.type === 'command_result' || frame.type === 'error') && commands.applyReply(frame)) return;
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

const commands = setupCommands({ send: (frame) => socket.send(frame) });
setupControls(store, commands, schedule);
const ticket = setupOrderTicket(store, commands, schedule);
document.querySelector('[data-testid="fills-more"]')?.addEventListener('click', () => void olderFills());
// Ages ("updated 3 s ago") and the chart's time axis move even when no frame arrives.
setInterval(schedule, 1_000);
render();
