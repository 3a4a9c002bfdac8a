// /v3/status as one pure projection of the actor snapshots: the root machine, the trading actor and the
// orderbook stream's counters. Nothing here keeps state of its own.
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import type { TraderView } from '../machines/trader.view';
import { toBalanceView } from '../server/view-mappers';
import type { StatusView } from '../server/views';

/** What the orderbook stream reports about itself (a subset of its stats). */
export interface FeedStatus {
  connected: boolean;
  snapshots: number;
  deltas: number;
  /** Markets with a valid, non-stale book. */
  liveMarkets: number;
  /** Seconds since the socket last heard anything, null before the first frame. */
  lastMessageAgeS: number | null;
}

export interface StatusSources {
  trader: TraderView;
  trading: TradingState;
  feed: FeedStatus;
  nowMs: number;
  startedMs: number;
  apiUrl: string | null;
  wsUrl: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function toStatusView(s: StatusSources): StatusView {
  const { trader, trading, feed } = s;
  const components: StatusView['components'] = {};
  for (const [name, health] of Object.entries(trader.components)) {
    components[name] = {
      healthy: health.healthy,
      ...(health.detail === undefined ? {} : { detail: health.detail }),
      ...(trader.lastHealthAt === null ? {} : { last_check: iso(trader.lastHealthAt) }),
    };
  }
  return {
    state: trader.state,
    degraded: trader.degraded,
    markets: trader.markets,
    snapshots_received: feed.snapshots,
    deltas_received: feed.deltas,
    positions: Object.values(trading.positions).filter((p) => p.position !== 0).length,
    orders: openOrders(trading).length,
    balance: trading.balance ? toBalanceView(trading.balance) : null,
    session_id: trader.sessionId,
    uptime: Math.max(0, (s.nowMs - s.startedMs) / 1000),
    components,
    connections: {
      api_url: s.apiUrl,
      ws_url: s.wsUrl,
      api_connected: trader.exchange !== null && trader.state !== 'error',
      feed_connected: feed.connected,
      markets_connected: feed.liveMarkets,
      last_ping_age: feed.lastMessageAgeS,
    },
    last_error: trader.lastError
      ? { message: trader.lastError.message, at: iso(trader.lastError.atMs) }
      : null,
    recovery_attempts: trader.totalRecoveries,
    kill_switch: trading.killSwitch,
    strategy_paused: trading.strategyPaused,
    last_sync: trader.lastSync ? iso(trader.lastSync.at) : null,
    transitions: trader.transitions.map((t) => ({
      from: t.from,
      to: t.to,
      at: iso(t.atMs),
      ...(t.reason === undefined ? {} : { reason: t.reason }),
    })),
  };
}
