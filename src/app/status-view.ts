// /v3/status (and the `trading_state` frame) as pure functions of the actor snapshots: the root machine, the trading actor and the
// orderbook stream's status. `/v3/status`, `/v3/health` and every `trader_status` frame (so the console) read it; nothing
// here keeps state of its own. Times are ms inside; ISO text and seconds appear only here, on the wire.
import type { AuditReport } from '../actors/orderbook/book-audit';
import type { FeedStatus } from '../actors/orderbook/stream-views';
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import { formatMoney, moneyToCents } from '../domain/fixed-point';
import type { PublicState, TraderContext } from '../machines/trader.events';
import { publicStateOf } from '../machines/trader.view';
import { toBalanceView, toOrderView, toPnlView, toPositionView } from '../server/view-mappers';
import type { BookAuditView, StatusView, StorageStatusView, TradingStateView } from '../server/views';
import { VERSION } from '../version';
import { toMarketLifecycleView } from './market-lifecycle-view';
import { type MarkSource, pnlTotals, positionsPnl } from './pnl-view';

export interface StatusSources {
  /** The root machine's snapshot (the least of it the view reads). */
  trader: { context: TraderContext; hasTag(tag: PublicState): boolean };
  trading: TradingState;
  feed: FeedStatus;
  /** The books' best bids, to mark positions to. */
  marks: MarkSource;
  nowMs: number;
  startedMs: number;
  apiUrl: string | null;
  wsUrl: string | null;
  /** The strategy running, as configured. */
  strategy: { name: string; params: Readonly<Record<string, unknown>> };
  /** Storage and the restart reconciliation; absent when the daemon keeps no history. */
  storage?: StorageStatusView | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const seconds = (ms: number): number => Math.max(0, ms) / 1000;

/** The private channels as a health component of their own (the feed is not up without them). */
function privateChannelsHealth(state: FeedStatus['privateChannels']) {
  return { healthy: state === 'subscribed', detail: `fills/orders/positions: ${state}` };
}

function toBookAuditView(audit: AuditReport): BookAuditView {
  const markets: BookAuditView['markets'] = {};
  for (const [ticker, m] of Object.entries(audit.markets))
    markets[ticker] = { at: iso(m.atMs), result: m.result, levels: m.levels };
  return {
    interval_seconds: seconds(audit.intervalMs),
    last_run: audit.lastRunMs === null ? null : iso(audit.lastRunMs),
    mismatches: audit.mismatches,
    markets,
  };
}

export function toStatusView(s: StatusSources): StatusView {
  const { trading, feed } = s;
  const { context } = s.trader;
  const state = publicStateOf(s.trader);
  const health = context.lastHealth;
  const pnl = pnlTotals(trading, s.marks, s.nowMs);
  const components: StatusView['components'] = {};
  for (const [name, h] of Object.entries(health?.components ?? {})) {
    components[name] = {
      healthy: h.healthy,
      ...(h.detail === undefined ? {} : { detail: h.detail }),
      ...(health ? { last_check: iso(health.atMs) } : {}),
    };
  }
  // Read live, not from the last health report: without credentials there are none to show.
  if (feed.privateChannels !== 'off')
    components.private_channels = privateChannelsHealth(feed.privateChannels);
  return {
    state,
    // Acting over a degraded feed is still degraded: trading goes on over REST.
    degraded: state === 'degraded' || (state === 'acting' && !context.feedUp),
    markets: [...context.markets],
    snapshots_received: feed.snapshots,
    deltas_received: feed.deltas,
    positions: positionsPnl(trading, s.marks).length,
    orders: openOrders(trading).length,
    balance: trading.balance ? toBalanceView(trading.balance) : null,
    session_id: context.sessionId,
    version: VERSION,
    uptime: seconds(s.nowMs - s.startedMs),
    components,
    connections: {
      api_url: s.apiUrl,
      ws_url: s.wsUrl,
      api_connected: context.exchange !== null && state !== 'error',
      feed_connected: feed.connected,
      markets_connected: feed.liveMarkets,
      last_ping_age: feed.lastMessageAgeMs === null ? null : seconds(feed.lastMessageAgeMs),
    },
    last_error: context.lastError
      ? { message: context.lastError.message, at: iso(context.lastError.atMs) }
      : null,
    recovery_attempts: context.totalRecoveries,
    total_recovery_attempts: context.totalRecoveries,
    consecutive_recovery_attempts: context.recoveryAttempts,
    kill_switch: trading.killSwitch,
    strategy_paused: trading.strategyPaused,
    daily_realized_pnl_dollars: formatMoney(pnl.dailyRealizedPnl),
    pnl: toPnlView(pnl),
    strategy: { name: s.strategy.name, params: { ...s.strategy.params }, paused: trading.strategyPaused },
    last_sync: context.lastSync ? iso(context.lastSync.atMs) : null,
    transitions: context.transitions.map((t) => ({
      from: t.from,
      to: t.to,
      at: iso(t.atMs),
      ...(t.reason === undefined ? {} : { reason: t.reason }),
      ...(t.count === undefined ? {} : { count: t.count }),
    })),
    book_audit: toBookAuditView(feed.audit),
    market_lifecycle: toMarketLifecycleView(trading, context.markets, s.nowMs),
    storage: s.storage ?? null,
  };
}

/**
 * The original console's `trading_state` frame: the state after a sync, and what that sync changed,
 * with the held positions marked to the books and today's realized PnL as the gate sees it at `nowMs`.
 */
export function toTradingStateView(state: TradingState, marks: MarkSource, nowMs: number): TradingStateView {
  const positions = positionsPnl(state, marks);
  const pnl = pnlTotals(state, marks, nowMs);
  const open = openOrders(state);
  const atMs = state.lastSync?.atMs ?? 0;
  return {
    version: atMs,
    balance: state.balance ? moneyToCents(state.balance.balance) : 0,
    portfolio_value: state.balance ? moneyToCents(state.balance.portfolioValue) : 0,
    position_count: positions.length,
    order_count: open.length,
    positions: positions.map(toPositionView),
    open_orders: open.map(toOrderView),
    daily_realized_pnl_dollars: formatMoney(pnl.dailyRealizedPnl),
    pnl: toPnlView(pnl),
    sync_timestamp: atMs / 1000,
    changes: state.lastSync ? { details: state.lastSync.changes } : null,
    order_group: null,
  };
}
