// The console's model: the store the renderers read, and each /v3/ws frame folded into the part it changes.
// @ts-check
import { formatCents, formatCount } from './format.js';
import { addFills, applyPriceHistory, applyTradingReplay, samplePnl } from './history-store.js';
import { applyActivity, applyPnl, applyReplay, applyStatus, pushActivity } from './status-store.js';
import { applyBook, applyOrder, setOrders, setPositions } from './trading-store.js';

/**
 * @import { BalanceView, BookAuditView, BookUpdateView, FillView, OrderView, PnlView, PositionView,
 *   PriceHistoryView, StatusView, TraderState, TradingStateView } from '../../views'
 * @import { Severity } from '../../../machines/trader.events'
 * @import { CommandReply } from '../../ws-commands'
 * @import { historyReplayData, SystemActivityData } from '../../ws-frames'
 * @import { TraderStatusData, Transition } from './status-store.js'
 * @import { Market } from './trading-store.js'
 * @import { PnlPoint } from './history-api.js'
 */

/**
 * A /v3/ws frame as the server's encoders build it: `{ type, data, timestamp }` (unix seconds).
 * @typedef {(
 *   | { type: 'connection', data: { client_id: string, timestamp: string, message: string } }
 *   | { type: 'history_replay', data: ReturnType<typeof historyReplayData> }
 *   | { type: 'system_activity', data: SystemActivityData }
 *   | { type: 'trader_status', data: TraderStatusData }
 *   | { type: 'trading_state', data: TradingStateView }
 *   | { type: 'orderbook', data: BookUpdateView }
 *   | { type: 'order_update', data: OrderView }
 *   | { type: 'position_update', data: PositionView }
 *   | { type: 'fill', data: FillView }
 *   | { type: 'price_history', data: PriceHistoryView }
 *   | CommandReply
 *   | { type: 'ping' | 'pong' | 'subscribed', data: unknown }
 * ) & { timestamp?: number }} ServerFrame
 */
/** @typedef {{ time: string, type: string, message: string, severity: Severity }} ActivityEntry */
/**
 * Everything the renderers read. Wire fields keep their wire types; `null` means "not reported yet".
 * @typedef {{
 *   connection: { status: 'connecting' | 'connected' | 'disconnected', attempt: number, retryInMs: number },
 *   trader: {
 *     state: TraderState | null, health: string, degraded: boolean,
 *     lastError: StatusView['last_error'], recoveryAttempts: number,
 *     failedStep: TraderState | null, balance: BalanceView | null, cashCents: number | null,
 *     dailyPnl: string | null, pnl: PnlView | null,
 *     marketsConnected: number | null, snapshots: number | null, deltas: number | null,
 *     uptime: number | null, uptimeAtMs: number | null, sessionId: string | null,
 *     lastSync: string | null, connections: Partial<StatusView['connections']> | null, transitions: Transition[],
 *   },
 *   components: StatusView['components'],
 *   audit: BookAuditView | null,
 *   activity: ActivityEntry[],
 *   markets: Map<string, Market>,
 *   positions: Map<string, PositionView>,
 *   orders: Map<string, OrderView>,
 *   orderNotes: Map<string, string>,
 *   selectedMarket: string | null,
 *   killSwitch: { on: boolean | null },
 *   strategy: { name: string | null, paused: boolean | null },
 *   commandResult: { ok: boolean, text: string } | null,
 *   ticket: { market: string | null, result: { ok: boolean, text: string, outcome?: string } | null },
 *   history: {
 *     fills: FillView[], fillIds: Set<string>, fillsCursor: string | null,
 *     fillsSource: 'storage' | 'live', pnl: PnlPoint[], pnlSource: 'storage' | 'live',
 *   },
 * }} Store
 */

/** @returns {Store} */
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
      /** Today's realized P&L as the daily-loss rule reads it, and the daemon's P&L totals. */
      dailyPnl: null,
      pnl: null,
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
      /** Recent transitions, oldest first: the strip's timings, the banner's cause. */
      transitions: [],
    },
    components: {},
    /** The REST book audit's last results (`book_audit`). */
    audit: null,
    activity: [],
    markets: new Map(),
    positions: new Map(),
    orders: new Map(),
    orderNotes: new Map(),
    selectedMarket: null,
    killSwitch: { on: null },
    strategy: { name: null, paused: null },
    commandResult: null,
    /** The order ticket: its market and the last answer. */
    ticket: { market: null, result: null },
    /** Fills newest first and the PnL series, from storage when the daemon has it, else from live frames. */
    history: {
      fills: [],
      fillIds: new Set(),
      fillsCursor: null,
      fillsSource: 'live',
      pnl: [],
      pnlSource: 'live',
    },
  };
}

/**
 * Folds one /v3/ws frame into the store. Returns false for frames the console does not show.
 * @param {Store} store
 * @param {ServerFrame} frame
 */
export function applyFrame(store, frame) {
  if (frame.data === null || typeof frame.data !== 'object') return false;
  const frameMs = typeof frame.timestamp === 'number' ? frame.timestamp * 1000 : Date.now();
  switch (frame.type) {
    case 'connection': {
      const d = frame.data;
      pushActivity(store, { time: d.timestamp, type: 'connection', message: d.message, severity: 'info' });
      return true;
    }
    case 'history_replay':
      applyReplay(store, frame.data);
      applyTradingReplay(store, frame.data);
      return true;
    case 'system_activity':
      applyActivity(store, frame.data, frameMs);
      return true;
    case 'trader_status':
      applyStatus(store, frame.data);
      samplePnl(store, frame.data.pnl, frameMs);
      return true;
    case 'trading_state': {
      const d = frame.data;
      if (Array.isArray(d.positions)) setPositions(store, d.positions);
      if (Array.isArray(d.open_orders)) setOrders(store, d.open_orders);
      if (Number.isInteger(d.balance)) store.trader.cashCents = d.balance;
      applyPnl(store, d);
      samplePnl(store, d.pnl, frameMs);
      return true;
    }
    case 'price_history':
      applyPriceHistory(store, frame.data);
      return true;
    case 'orderbook':
      applyBook(store, frame.data);
      return true;
    case 'order_update': {
      if (typeof frame.data.order_id !== 'string') return false;
      const line = applyOrder(store, frame.data);
      if (line !== null)
        pushActivity(store, {
          type: 'order',
          message: line.message,
          severity: line.warn ? 'warning' : 'info',
        });
      return true;
    }
    case 'position_update': {
      const d = frame.data;
      if (typeof d.ticker !== 'string') return false;
      setPositions(store, [...[...store.positions.values()].filter((p) => p.ticker !== d.ticker), d]);
      pushActivity(store, {
        type: 'position',
        message: `${d.ticker} position ${formatCount(d.position_fp)}`,
        severity: 'info',
      });
      return true;
    }
    case 'fill': {
      const d = frame.data;
      if (typeof d.fill_id !== 'string') return false;
      addFills(store, [d]);
      pushActivity(store, {
        type: 'fill',
        message: `fill ${d.ticker} ${d.book_side} ${formatCount(d.count_fp)} @ ${formatCents(d.yes_price_dollars)}`,
        severity: 'info',
      });
      return true;
    }
    default:
      return false;
  }
}
