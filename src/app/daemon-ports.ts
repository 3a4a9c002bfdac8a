// The server's ports, implemented as views of the actor snapshots (and the feed's book port) and as
// commands forwarded to the actors. The server sees plain data only.
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingService } from '../actors/trading/trading-ports';
import type { TradingState } from '../actors/trading/trading-types';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { TraderView } from '../machines/trader.view';
import type { CommandResult, DaemonCommand } from '../server/commands';
import type { DaemonMetrics } from '../server/metrics';
import type { DaemonPorts } from '../server/ports';
import { toBookView, toHealthView, toOrderView, toPositionView } from '../server/view-mappers';
import type { DaemonEventHub } from './daemon-events';
import { type FeedStatus, toStatusView } from './status-view';

/** What the ports need of the orderbook stream. */
export interface FeedPort {
  books: {
    getBook(
      ticker: string,
    ): { levelsAscending(side: 'yes' | 'no'): ReadonlyArray<readonly [number, number]> } | undefined;
    meta(ticker: string): { seq: number | null; stale: boolean; updatedMs: number | null } | undefined;
  };
  status(): FeedStatus;
  resync(ticker: string): boolean;
}

export interface PortDeps {
  config: Config;
  metrics: DaemonMetrics;
  hub: DaemonEventHub;
  trader(): TraderView;
  trading(): TradingState;
  feed: FeedPort;
  service: Pick<TradingService, 'cancelAll' | 'setKillSwitch' | 'setStrategyPaused'>;
  now(): number;
  /** Starts the daemon's shutdown (the process exits when main owns it). */
  requestShutdown(reason: string): void;
  startedMs: number;
  apiUrl: string;
  wsUrl: string;
  log: Logger;
}

export function createDaemonPorts(d: PortDeps): DaemonPorts {
  const uptime = () => Math.max(0, (d.now() - d.startedMs) / 1000);
  return {
    getStatus: () =>
      toStatusView({
        trader: d.trader(),
        trading: d.trading(),
        feed: d.feed.status(),
        nowMs: d.now(),
        startedMs: d.startedMs,
        apiUrl: d.apiUrl,
        wsUrl: d.wsUrl,
      }),
    getHealth: () => toHealthView(d.trader().state, uptime()),
    getPositions: () =>
      Object.values(d.trading().positions)
        .filter((p) => p.position !== 0)
        .map(toPositionView),
    getOrders: () => openOrders(d.trading()).map(toOrderView),
    getBook(ticker, depth) {
      const book = d.feed.books.getBook(ticker);
      const meta = d.feed.books.meta(ticker);
      if (!book || !meta) return undefined;
      return toBookView(
        ticker,
        { yes: book.levelsAscending('yes'), no: book.levelsAscending('no') },
        meta,
        depth,
      );
    },
    subscribe: (listener) => d.hub.subscribe(listener),
    send: (cmd) => runCommand(d, cmd),
    metrics: d.metrics.registry,
    controlToken: d.config.server.controlToken.value,
    allowedOrigins: [...d.config.server.allowedOrigins],
  };
}

async function runCommand(d: PortDeps, cmd: DaemonCommand): Promise<CommandResult> {
  const state = d.trader().state;
  const activity = (message: string, severity: 'info' | 'warning' = 'warning') =>
    d.hub.publish({
      type: 'activity',
      activity_type: 'command',
      message,
      severity,
      state,
      metadata: { severity },
    });
  switch (cmd.type) {
    case 'kill_switch':
      d.service.setKillSwitch(cmd.on);
      activity(`kill switch ${cmd.on ? 'on' : 'off'}`);
      return { ok: true, message: `kill switch ${cmd.on ? 'on' : 'off'}` };
    case 'cancel_all': {
      const r = await d.service.cancelAll({ onlyDaemonPlaced: true });
      const message = `cancel all: ${r.canceled} canceled, ${r.notFound} not found, ${r.failed} failed`;
      activity(message);
      return { ok: true, message };
    }
    case 'strategy': {
      // The flag lives in the trading actor, so it holds while the strategy is down or restarting.
      d.service.setStrategyPaused(cmd.paused);
      activity(`strategy ${cmd.paused ? 'paused' : 'resumed'}`, 'info');
      return { ok: true, message: `strategy ${cmd.paused ? 'paused' : 'resumed'}` };
    }
    case 'resync_market':
      if (!d.feed.resync(cmd.ticker)) {
        return { ok: false, code: 'unknown_market', message: `no live book for ${cmd.ticker}` };
      }
      activity(`resync requested for ${cmd.ticker}`, 'info');
      return { ok: true, message: `resync requested for ${cmd.ticker}` };
    case 'shutdown':
      activity('shutdown requested by an operator command');
      d.requestShutdown('command');
      return { ok: true, message: 'shutting down' };
    default:
      return { ok: false, code: 'not_supported', message: `command ${cmd.type} is not supported` };
  }
}
